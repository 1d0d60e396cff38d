import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Avatars } from '../../src/index.ts';
import { styles } from './avatar.styles.ts';

/** Pictures shown: the avatars feature's data: URLs of the four image types it allows, never SVG. */
const SHOWN = /^data:image\/(png|jpeg|gif|webp);base64,/;

/** Up to two initials: of the first and last words of a name, or the local part of an address. */
export function initials(name: string): string {
  const words = name
    .split('@')[0]
    .split(/[\s._-]+/)
    .filter(Boolean);
  const first = (word: string | undefined) => (word ? [...word][0].toLocaleUpperCase() : '');
  return first(words[0]) + (words.length > 1 ? first(words.at(-1)) : '') || '?';
}

/** One of the eight initials colours, the same for a name on every device. */
function hue(name: string): number {
  let sum = 0;
  for (const char of name) sum = (sum * 31 + char.codePointAt(0)!) % 8191;
  return sum % 8;
}

/**
 * Someone's picture, or their initials on a colour when they have none. Given `.avatars` and a
 * `jid`, it finds the picture itself and shows a new one when it changes; or it shows `src`.
 * Its code is not part of a visitor's first script: load it with the avatar (`import('…/avatar.ts')`).
 *
 * @summary A person's avatar: their picture or initials, as an image with their name.
 * @csspart avatar - The round picture or initials.
 * @cssproperty --xmpp-chat-avatar-size - Width and height (32px); the initials are 40% of it.
 * @cssproperty --xmpp-chat-avatar-radius - Corner radius (50%: a circle).
 * @cssproperty --xmpp-chat-avatar-background - The initials' background (one of eight colours by name).
 * @cssproperty --xmpp-chat-avatar-text - The initials' colour (#fff).
 */
export class XmppChatAvatar extends LitElement {
  static override styles = styles;
  static override properties = {
    name: {},
    jid: {},
    src: {},
    decorative: { type: Boolean },
    avatars: { attribute: false },
    found: { state: true },
  };

  /** The person's name: the initials, and what a screen reader says. */
  declare name: string | undefined;
  /** Their bare address, for `.avatars` to find the picture; also the name when there is none. */
  declare jid: string | undefined;
  /** A picture to show rather than finding one: a `data:` URL of a PNG, JPEG, GIF or WebP image. */
  declare src: string | undefined;
  /** Their name is shown next to it: screen readers skip the avatar. */
  declare decorative: boolean;
  /** The chat's avatars (`await chat.avatars()`). */
  declare avatars: Avatars | undefined;
  declare private found: string | undefined;
  #stop?: () => void;
  /** Counts lookups, so an answer for a previous address is not shown. */
  #asked = 0;

  constructor() {
    super();
    this.decorative = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    this.#stop = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('avatars')) this.#listen();
    if (changed.has('avatars') || changed.has('jid')) this.#find();
  }

  #listen(): void {
    this.#stop?.();
    this.#stop = this.avatars?.on('change', ({ jid }) => {
      if (jid === this.jid) this.#find();
    });
  }

  #find(): void {
    const { avatars, jid } = this;
    const asked = ++this.#asked;
    if (!avatars || !jid) {
      this.found = undefined;
      return;
    }
    avatars.of(jid).then(
      (url) => {
        if (asked === this.#asked) this.found = url;
      },
      // The initials stay; the chat hears of connection failures through its own events.
      () => {
        if (asked === this.#asked) this.found = undefined;
      },
    );
  }

  override render() {
    const label = this.name?.trim() || this.jid || '';
    const url = [this.src, this.found].find((candidate) => candidate && SHOWN.test(candidate));
    const hidden = this.decorative || !label;
    return html`<span
      part="avatar"
      class="avatar ${url ? '' : `hue-${hue(label)}`}"
      role=${hidden ? nothing : 'img'}
      aria-label=${hidden ? nothing : label}
      aria-hidden=${hidden ? 'true' : nothing}
      >${url ? html`<img src=${url} alt="" draggable="false" />` : html`<span aria-hidden="true">${initials(label)}</span>`}</span
    >`;
  }
}

if (!customElements.get('xmpp-chat-avatar')) customElements.define('xmpp-chat-avatar', XmppChatAvatar);

declare global {
  interface HTMLElementTagNameMap {
    'xmpp-chat-avatar': XmppChatAvatar;
  }
}
