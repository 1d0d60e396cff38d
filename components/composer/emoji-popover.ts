/**
 * The composer's emoji picker, as a popover above it: opened and closed by the emoji button, the
 * picked emoji goes where the cursor was and the writing goes on in the field. Escape, a second
 * press of the button or a click elsewhere closes it. Loaded with the first press of the button,
 * and loads the picker (its code and data) then.
 */
import { css } from 'lit';
import type { XmppChatComposer } from './composer.ts';

const styles = css`
  :host { position: relative; }
  .emoji-popover { position: absolute; inset-block-end: calc(100% - 4px); inset-inline-end: 8px; z-index: 2; }
`;

/** The picker's parts, passed on so that the page can style them as the composer's. */
const PICKER_PARTS = 'emoji-picker, emoji-search, emoji-tab, emoji-option';

/** How to close each composer's open picker, and where the focus goes then. */
const closers = new WeakMap<ShadowRoot, (focus?: HTMLElement) => void>();

/** Opens the picker above the composer, or closes it when open. */
export async function toggleEmojiPicker(composer: XmppChatComposer): Promise<void> {
  const root = composer.shadowRoot!;
  const button = root.querySelector<HTMLElement>('[part~="emoji-button"]')!;
  const close = closers.get(root);
  if (close) return close(button);
  await import('../emoji-picker/emoji-picker.ts');
  // Pressed twice while the picker loaded: once open is enough.
  if (closers.has(root)) return;
  const sheet = styles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

  const picker = document.createElement('xmpp-chat-emoji-picker');
  picker.className = 'emoji-popover';
  picker.lang = composer.lang;
  picker.setAttribute('exportparts', PICKER_PARTS);
  const closePicker = (focus?: HTMLElement) => {
    closers.delete(root);
    picker.remove();
    button.setAttribute('aria-expanded', 'false');
    root.removeEventListener('keydown', onKey, true);
    document.removeEventListener('pointerdown', onOutside, true);
    focus?.focus();
  };
  // Escape in the field while the picker is open closes the picker first, not the reply or the chat.
  const onKey = (event: Event) => {
    if ((event as KeyboardEvent).key !== 'Escape' || (event as KeyboardEvent).isComposing) return;
    event.stopPropagation();
    // From the picker, the focus goes back to the button; in the field, it stays.
    closePicker(root.activeElement === picker ? button : undefined);
  };
  const onOutside = (event: PointerEvent) => {
    const path = event.composedPath();
    if (!path.includes(picker) && !path.includes(button)) closePicker();
  };
  picker.addEventListener('xmpp-chat-emoji', (event) => {
    // The widget's own business: the page does not see it.
    event.stopPropagation();
    closePicker();
    // Where the cursor was, and the field takes the focus.
    composer.insert((event as CustomEvent<{ emoji: string }>).detail.emoji);
  });
  picker.addEventListener('xmpp-chat-close', (event) => {
    event.stopPropagation();
    closePicker(button);
  });
  closers.set(root, closePicker);
  root.addEventListener('keydown', onKey, true);
  document.addEventListener('pointerdown', onOutside, true);
  root.append(picker);
  button.setAttribute('aria-expanded', 'true');
}
