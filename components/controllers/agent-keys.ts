/**
 * The support agent's keyboard: a single key when no text field has the focus, or the same key
 * with Alt+Shift from anywhere (the composer included), so typing never sets one off. A reactive
 * controller of the panel: it listens while the panel is on the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../i18n/i18n.ts';

export type AgentAction = 'next-unassigned' | 'claim' | 'resolve' | 'search' | 'next' | 'previous' | 'help';

/**
 * The shortcuts in the order the help lists them: the key, its `KeyboardEvent.code` with Alt+Shift
 * (none for `?`, which is Shift+/ already), and what it does.
 */
export const AGENT_KEYS: readonly { action: AgentAction; key: string; code?: string; label: MessageKey }[] = [
  { action: 'next', key: 'J', code: 'KeyJ', label: 'keys.next' },
  { action: 'previous', key: 'K', code: 'KeyK', label: 'keys.previous' },
  { action: 'next-unassigned', key: 'N', code: 'KeyN', label: 'keys.next-unassigned' },
  { action: 'claim', key: 'A', code: 'KeyA', label: 'keys.claim' },
  { action: 'resolve', key: 'R', code: 'KeyR', label: 'keys.resolve' },
  { action: 'search', key: '/', code: 'Slash', label: 'keys.search' },
  { action: 'help', key: '?', label: 'keys.help' },
];

/** Whether the event comes from where keys type text. */
function typingTarget(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
}

/** The agent's action a key press asks for, if any. */
export function agentAction(event: KeyboardEvent): AgentAction | undefined {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey) return undefined;
  // A dialog on top (the keys' own help) has the keyboard: nothing moves behind it.
  if (event.composedPath().some((target) => target instanceof HTMLDialogElement)) return undefined;
  const combo = event.altKey && event.shiftKey;
  if (combo) {
    // By `code`: Alt changes the character a key types on some layouts (macOS).
    return AGENT_KEYS.find((k) => k.code === event.code)?.action;
  }
  if (event.altKey || typingTarget(event)) return undefined;
  // Shift types `?` on most layouts; with any other key it is no shortcut (J is not j).
  if (event.shiftKey && event.key !== '?') return undefined;
  return AGENT_KEYS.find((k) => k.key.toLowerCase() === event.key)?.action;
}

export class AgentKeys implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly run: (action: AgentAction) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.#onKey);
  }

  /** Stops listening for good (the session it served ended). */
  dispose(): void {
    this.hostDisconnected();
    this.host.removeController(this);
  }

  #onKey = (event: KeyboardEvent): void => {
    const action = agentAction(event);
    if (!action) return;
    event.preventDefault();
    this.run(action);
  };
}
