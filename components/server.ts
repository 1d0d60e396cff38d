/**
 * The widget's entry under server rendering (the package's `node` export condition). A server has
 * no DOM to register elements in, and the real entry defines `<xmpp-chat>` as it loads, so this
 * one registers nothing and reads no browser global: `<xmpp-chat …>` in the server's HTML is an
 * unknown element until the browser loads the package and upgrades it, attributes and all.
 */
import type { XmppChat as Widget } from './xmpp-chat/xmpp-chat.ts';

/** `undefined` on the server: the class exists only in the browser. */
export const XmppChat = undefined as unknown as typeof Widget;

/** The script-tag mount has nothing to mount on the server. */
export function mountFromScript(): HTMLElement | undefined {
  return undefined;
}
