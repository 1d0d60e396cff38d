import { expect } from '@esm-bundle/chai';
import { EARLY_LABEL, drawEarlyLauncher } from './early-launcher.ts';
import { XmppChat } from './xmpp-chat/xmpp-chat.ts';
import { t } from './i18n/i18n.ts';

const placed: HTMLElement[] = [];
function place(tag: string, attrs: Record<string, string>, style = ''): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.setAttribute('style', style);
  document.body.append(el);
  placed.push(el);
  return el;
}
const button = (host: Element) => host.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
const SHOWN = ['backgroundColor', 'color', 'borderRadius', 'boxShadow', 'zIndex', 'cursor', 'display'] as const;
/** What a person sees of a launcher: where it is, how it looks, what it says. */
function look(host: Element) {
  const b = button(host);
  const { x, y, width, height } = b.getBoundingClientRect();
  const style = getComputedStyle(b);
  return {
    box: { x, y, width, height },
    ...Object.fromEntries(SHOWN.map((p) => [p, style[p]])),
    icon: b.querySelector('path')?.getAttribute('d'),
    part: b.getAttribute('part'),
    label: b.getAttribute('aria-label'),
    expanded: b.getAttribute('aria-expanded'),
  };
}
let probes = 0;

describe('the early launcher', () => {
  afterEach(() => {
    for (const el of placed.splice(0)) el.remove();
  });

  const cases: [string, Record<string, string>, string][] = [
    ['the defaults', {}, ''],
    ['on the left', { position: 'left' }, ''],
    ['in Arabic (right to left)', { lang: 'ar-EG' }, ''],
    ['in Arabic on the left', { lang: 'ar', position: 'left' }, ''],
    ['in Hebrew (no catalog: English, left to right)', { lang: 'he' }, ''],
    ['in German, dark', { lang: 'de', theme: 'dark' }, ''],
    [
      'styled by the page',
      {},
      '--xmpp-chat-accent: rgb(200, 0, 80); --xmpp-chat-accent-text: rgb(1, 2, 3); --xmpp-chat-launcher-size: 64px; --xmpp-chat-z-index: 7',
    ],
  ];
  for (const [what, attrs, style] of cases)
    it(`looks exactly like the element's launcher: ${what}`, async () => {
      const real = place('xmpp-chat', attrs, style) as XmppChat;
      await real.updateComplete;
      const early = place('early-launcher-probe', attrs, style);
      drawEarlyLauncher(early);
      expect(look(early)).to.deep.equal(look(real));
    });

  it('says "Open chat" as the element does in English', () => {
    expect(EARLY_LABEL).to.equal(t('en', 'launcher.open'));
  });

  it('draws nothing in full mode, on a defined element, or twice', () => {
    const full = place('early-launcher-probe', { mode: 'full' });
    drawEarlyLauncher(full);
    expect(full.shadowRoot).to.equal(null);
    const defined = place('xmpp-chat', {});
    const before = defined.shadowRoot;
    drawEarlyLauncher(defined);
    expect(defined.shadowRoot).to.equal(before);
    const once = place('early-launcher-probe', {});
    drawEarlyLauncher(once);
    drawEarlyLauncher(once);
    expect(once.shadowRoot!.querySelectorAll('button').length).to.equal(1);
  });

  /** An element not yet upgraded, with the early launcher, and a way to upgrade it. */
  function early(attrs: Record<string, string>) {
    const tag = `xmpp-chat-upgrade-${(probes += 1)}`;
    const host = place(tag, attrs);
    drawEarlyLauncher(host);
    const upgrade = async () => {
      customElements.define(tag, class extends XmppChat {});
      await (host as XmppChat).updateComplete;
      return host as XmppChat;
    };
    return { host, upgrade };
  }

  it('gives way to the element when it upgrades, in the same frame, keeping the focus', async () => {
    const { host, upgrade } = early({ to: 'support@example.org' });
    button(host).focus();
    const el = await upgrade();
    const buttons = [...el.shadowRoot!.querySelectorAll('button[part~="launcher"]')];
    expect(buttons.length).to.equal(1);
    expect(el.shadowRoot!.querySelector('[data-early-launcher]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(buttons[0]);
  });

  it('opens the panel when the element has loaded, if clicked before', async () => {
    const { host, upgrade } = early({ to: 'support@example.org' });
    button(host).click();
    expect(host.hasAttribute('open')).to.equal(true);
    const el = await upgrade();
    expect(el.opened).to.equal(true);
    expect(button(el).getAttribute('aria-expanded')).to.equal('true');
  });
});
