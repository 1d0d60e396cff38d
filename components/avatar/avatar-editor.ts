import { css, html, LitElement, nothing } from 'lit';
import type { Avatars } from '../../src/index.ts';
import { controls, ownText } from '../shared.styles.ts';
import './avatar.ts';
import { AVATAR_INPUT_TYPES, avatarImage } from './avatar-image.ts';
import { avatarText, type AvatarText } from './avatar-strings.ts';

const styles = css`
  :host { display: block; }
  .editor { display: flex; align-items: center; gap: 12px; ${ownText} background: transparent; }
  xmpp-chat-avatar { --xmpp-chat-avatar-size: var(--xmpp-chat-avatar-editor-size, 56px); }
  .text { display: flex; flex-direction: column; align-items: start; gap: 4px; min-inline-size: 0; }
  .note { margin: 0; font-size: 13px; color: var(--xmpp-chat-muted, #475569); }
  .note.problem { color: var(--xmpp-chat-danger, #b91c1c); }
  button:focus-visible { outline: 2px solid var(--xmpp-chat-accent, #2563eb); outline-offset: 2px; }
  button[disabled] { cursor: progress; }
  ${controls}
`;

/**
 * Full mode: one's own picture and a button to choose another. The chosen image is cropped to a
 * square, made at most 192 pixels and published for everyone (contacts, and visitors of a desk
 * account) with `avatars.publish()`. Only PNG, JPEG, GIF and WebP files are offered and taken.
 *
 * @summary The signed-in account's avatar, and choosing a new one.
 * @csspart avatar-editor - The picture, the button and the note beside them.
 * @csspart avatar - The picture (see `<xmpp-chat-avatar>`).
 * @csspart avatar-button - The "Change your picture" button.
 * @cssproperty --xmpp-chat-avatar-editor-size - The picture's size (56px).
 * @cssproperty --xmpp-chat-muted - The note (#475569) and the button's edge.
 * @cssproperty --xmpp-chat-danger - A note saying what went wrong (#b91c1c).
 * @cssproperty --xmpp-chat-accent - The focus ring (#2563eb).
 */
export class XmppChatAvatarEditor extends LitElement {
  static override styles = styles;
  static override properties = {
    avatars: { attribute: false },
    jid: {},
    name: {},
    lang: {},
    busy: { state: true },
    note: { state: true },
  };

  /** The chat's avatars (`await chat.avatars()`). */
  declare avatars: Avatars | undefined;
  /** Our own bare address. */
  declare jid: string | undefined;
  /** Our name, shown beside the picture by the page: the initials without a picture. */
  declare name: string | undefined;
  declare lang: string;
  declare private busy: boolean;
  declare private note: { text: AvatarText; problem: boolean } | undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.busy = false;
  }

  override render() {
    const { lang, note } = this;
    return html`<div class="editor" part="avatar-editor">
      <xmpp-chat-avatar exportparts="avatar" .avatars=${this.avatars} jid=${this.jid ?? nothing} name=${this.name ?? nothing}></xmpp-chat-avatar>
      <div class="text">
        <button type="button" part="avatar-button" ?disabled=${this.busy || !this.avatars} @click=${this.#choose}>
          ${avatarText(lang, 'change')}
        </button>
        <input type="file" hidden accept=${AVATAR_INPUT_TYPES.join(',')} @change=${this.#onFile} />
        <p class="note ${note?.problem ? 'problem' : ''}" role=${note?.problem ? 'alert' : 'status'}>
          ${note ? avatarText(lang, note.text) : nothing}
        </p>
      </div>
    </div>`;
  }

  #choose(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  }

  async #onFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same file chosen again is a change again
    if (file) await this.choose(file);
  }

  /** Publishes `file` as our picture, made small first (what choosing a file does). */
  async choose(file: Blob): Promise<void> {
    const avatars = this.avatars;
    if (!avatars || this.busy) return;
    this.busy = true;
    this.note = { text: 'saving', problem: false };
    try {
      const small = await avatarImage(file).catch((error: unknown) => {
        this.note = { text: 'not-an-image', problem: true };
        throw error;
      });
      await avatars.publish(small.image, { width: small.width, height: small.height });
      this.note = { text: 'saved', problem: false };
    } catch (error) {
      if (this.note?.text === 'saving') this.note = { text: 'failed', problem: true };
      // The note says it in words; the console keeps why, for whoever looks into it.
      console.warn('The avatar was not published:', error);
    } finally {
      this.busy = false;
    }
  }
}

if (!customElements.get('xmpp-chat-avatar-editor')) customElements.define('xmpp-chat-avatar-editor', XmppChatAvatarEditor);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-avatar-editor': XmppChatAvatarEditor;
  }
}
