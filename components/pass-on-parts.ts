/**
 * Parts that only some modes show (the team desk's, a room's) are added to what the panel passes
 * on when that mode's code loads, so that a visitor's first script does not carry their names.
 */
import { exportparts } from './parts.ts';

/** Adds `parts` to what `panel` passes on, once each; a panel not inside `<xmpp-chat>` passes on nothing. */
export function passOnParts(panel: Element, parts: readonly string[]): void {
  const own = panel.getAttribute('exportparts');
  if (own === null) return;
  const names = own.split(',').map((name) => name.trim());
  const missing = parts.filter((name) => !names.includes(name));
  if (missing.length) panel.setAttribute('exportparts', `${own}, ${exportparts(missing)}`);
}
