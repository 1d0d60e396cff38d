import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Chat, Omemo, OmemoDeviceInfo, OmemoTrust } from '../../src/index.ts';
import { emit } from '../events.ts';
import '../i18n/catalog-encryption.ts';
import { t } from '../i18n/i18n.ts';
import { styles } from './encryption-view.styles.ts';

type Trust = Exclude<OmemoTrust, 'undecided'>;

/** What the view shows once read: our device, the peer's devices and our other ones. */
interface Devices {
  own: { deviceId: number; fingerprint: string };
  peer: OmemoDeviceInfo[];
  mine: OmemoDeviceInfo[];
}

/** The address other clients scan to verify our device (Conversations' form). */
export const fingerprintUri = (jid: string, deviceId: number, fingerprint: string) =>
  `xmpp:${jid}?omemo-sid-${deviceId}=${fingerprint.replace(/\s/g, '')}`;

/**
 * @summary End-to-end encryption of one conversation: fingerprints to compare, and trust.
 *
 * Shows this device's fingerprint (with a QR code of it for the other side to scan, whose code
 * loads with the view), the peer's devices and our own other devices, each with its fingerprint
 * and trust, and buttons that verify a device, distrust it, or give it blind trust again.
 * Trust is changed through the chat's `omemo()` directly; the list is read again after each change.
 *
 * @csspart encryption-view - The view.
 * @csspart fingerprint - A device's fingerprint (this one's, or another's), in groups of eight hex digits.
 * @csspart qr-code - The QR code of this device's fingerprint (`xmpp:…?omemo-sid-…=…`).
 * @csspart device - One device of the peer or of our account: its id, fingerprint, trust and buttons.
 * @csspart trust - A device's trust, in words.
 * @csspart trust-button - Verifies, distrusts or trusts a device without verification.
 * @csspart encryption-back - Back to the conversation.
 * @cssproperty --xmpp-chat-accent - Buttons and focus ring (#2563eb).
 * @cssproperty --xmpp-chat-text - Text (#0f172a).
 * @cssproperty --xmpp-chat-muted - Hints and device ids (#475569).
 * @cssproperty --xmpp-chat-danger - A distrusted or undecided device, and failures (#dc2626).
 * @fires xmpp-chat-encryption-close - The reader went back to the conversation.
 */
export class XmppChatEncryptionView extends LitElement {
  static override styles = styles;
  /** Focusing the view focuses its first control (the way back), as opening it does. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    chat: { attribute: false },
    peer: {},
    self: {},
    peerName: { attribute: 'peer-name' },
    revision: { type: Number },
    lang: {},
    devices: { state: true },
    qr: { state: true },
    failure: { state: true },
    busy: { state: true },
  };

  /** The chat whose `omemo()` this shows. */
  declare chat?: Pick<Chat, 'omemo'>;
  /** The bare address of the other side. */
  declare peer: string;
  /** Our bare address. */
  declare self: string;
  /** The other side's name. */
  declare peerName: string;
  /** Changed when devices may have changed (device news): the view reads them again. */
  declare revision: number;
  declare lang: string;
  declare private devices?: Devices;
  /** Our fingerprint's QR code: its size in modules and its dark modules as a path. */
  declare private qr?: { size: number; path: string };
  declare private failure?: string;
  declare private busy: boolean;

  constructor() {
    super();
    this.peer = this.self = this.peerName = '';
    this.revision = 0;
    this.lang = 'en';
    this.busy = false;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('chat') || changed.has('self')) this.qr = undefined;
    if (changed.has('chat') || changed.has('peer') || changed.has('self') || changed.has('revision')) void this.refresh();
  }

  /** Reads the devices again (after a change of trust, or a device news). */
  async refresh(): Promise<void> {
    try {
      const omemo = await this.#omemo();
      const [own, peer, mine] = await Promise.all([omemo.ownDevice(), omemo.devices(this.peer), omemo.devices(this.self)]);
      this.devices = { own, peer, mine: mine.filter((d) => !d.own) };
      this.failure = undefined;
      if (!this.qr) await this.#drawQr(own.deviceId, own.fingerprint);
    } catch (error) {
      this.failure = (error as Error).message;
    }
  }

  async #omemo(): Promise<Omemo> {
    const omemo = await this.chat?.omemo();
    if (!omemo) throw new Error('This chat does not encrypt.');
    return omemo;
  }

  async #drawQr(deviceId: number, fingerprint: string): Promise<void> {
    const { qrCode, qrPath } = await import('./qr-code.ts');
    const modules = qrCode(fingerprintUri(this.self, deviceId, fingerprint));
    this.qr = { size: modules.length, path: qrPath(modules) };
  }

  async #setTrust(device: OmemoDeviceInfo, trust: Trust): Promise<void> {
    this.busy = true;
    try {
      await (await this.#omemo()).setTrust(device.jid, device.deviceId, trust);
      await this.refresh();
    } catch (error) {
      this.failure = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { lang, devices } = this;
    return html`<section part="encryption-view" class="view" aria-labelledby="title">
      <div class="top">
        <button part="encryption-back" class="back" @click=${() => emit(this, 'xmpp-chat-encryption-close', {})}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18"><path d="M15 5l-7 7 7 7"></path></svg>${t(lang, 'encryption.back')}
        </button>
      </div>
      <h2 id="title">${t(lang, 'encryption.title')}</h2>
      <p class="muted">${t(lang, 'encryption.explain')}</p>
      ${this.failure ? html`<p role="alert" class="failed">${this.failure}</p>` : nothing}
      ${devices ? this.#renderDevices(devices) : html`<p role="status">${t(lang, 'encryption.loading')}</p>`}
    </section>`;
  }

  #renderDevices({ own, peer, mine }: Devices) {
    const { lang, qr } = this;
    return html`<h3>${t(lang, 'encryption.yours')}</h3>
      <div class="own">
        ${fingerprintOf(own.fingerprint)}
        <span class="muted">${t(lang, 'encryption.device', { id: own.deviceId })}</span>
        ${
          qr
            ? html`<svg part="qr-code" class="qr" role="img" aria-label=${t(lang, 'encryption.scan')}
              data-uri=${fingerprintUri(this.self, own.deviceId, own.fingerprint)} viewBox="-4 -4 ${qr.size + 8} ${qr.size + 8}">
              <rect x="-4" y="-4" width=${qr.size + 8} height=${qr.size + 8} fill="#fff"></rect><path d=${qr.path} fill="#000"></path></svg>`
            : nothing
        }
      </div>
      <h3>${t(lang, 'encryption.their-devices', { name: this.peerName || this.peer })}</h3>
      ${this.#renderList(peer)}
      ${mine.length ? html`<h3>${t(lang, 'encryption.your-devices')}</h3>${this.#renderList(mine)}` : nothing}`;
  }

  #renderList(devices: OmemoDeviceInfo[]) {
    const { lang } = this;
    if (!devices.length) return html`<p class="muted">${t(lang, 'encryption.none')}</p>`;
    return html`<ul>
      ${devices.map((device) => {
        const trust = device.trust ?? 'blind';
        const offer: Trust[] = (['verified', 'distrusted', 'blind'] as const).filter((option) => option !== trust);
        return html`<li part="device" class="device" data-device=${device.deviceId}>
          <span class="muted">${t(lang, 'encryption.device', { id: device.deviceId })}</span>
          ${device.fingerprint ? fingerprintOf(device.fingerprint) : html`<span class="muted">${t(lang, 'encryption.no-fingerprint')}</span>`}
          <span part="trust" class="trust ${trust}">${t(lang, `encryption.trust-${trust}`)}</span>
          <span class="buttons">
            ${offer.map(
              (option) => html`<button part="trust-button" ?disabled=${this.busy} data-trust=${option}
                @click=${() => void this.#setTrust(device, option)}>${t(lang, TRUST_BUTTONS[option])}</button>`,
            )}
          </span>
        </li>`;
      })}
    </ul>`;
  }
}

const TRUST_BUTTONS = { verified: 'encryption.verify', distrusted: 'encryption.distrust', blind: 'encryption.blind' } as const;

/** A fingerprint as people read it aloud: groups of eight, left to right in every language. */
const fingerprintOf = (fingerprint: string) =>
  html`<code part="fingerprint" class="fingerprint" dir="ltr">${fingerprint.split(' ').map((group) => html`<span>${group}</span> `)}</code>`;

if (!customElements.get('xmpp-chat-encryption-view')) customElements.define('xmpp-chat-encryption-view', XmppChatEncryptionView);
