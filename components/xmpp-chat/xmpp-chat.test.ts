import { expect } from '@esm-bundle/chai';
import { mountFromScript } from '../index.ts';
import type { XmppChat } from './xmpp-chat.ts';

const widgets: HTMLElement[] = [];
async function widget(attrs: Record<string, string> = {}): Promise<XmppChat> {
  const el = document.createElement('xmpp-chat') as XmppChat;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  document.body.append(el);
  widgets.push(el);
  await el.updateComplete;
  return el;
}
const part = (el: XmppChat, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const until = async (check: () => unknown, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('<xmpp-chat>', () => {
  afterEach(() => {
    for (const el of widgets.splice(0)) el.remove();
  });

  it('shows only the launcher until opened: the panel and the chat core are not loaded', async () => {
    const el = await widget({ to: 'support@example.org' });
    expect(customElements.get('xmpp-chat-panel')).to.equal(undefined);
    const launcher = part(el, 'launcher');
    expect(launcher.tagName).to.equal('BUTTON');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(part(el, 'panel').hidden).to.equal(true);
  });

  it('opens, closes and toggles with events, moves focus, and closes on Escape', async () => {
    const el = await widget({ to: 'support@example.org', domain: 'anon.invalid', anonymous: '', service: 'ws://127.0.0.1:9/' });
    const events: string[] = [];
    el.addEventListener('xmpp-chat-open', (e) => events.push(`${e.type}:${e.bubbles && e.composed}`));
    el.addEventListener('xmpp-chat-close', (e) => events.push(`${e.type}:${e.bubbles && e.composed}`));
    el.open();
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(part(el, 'launcher').getAttribute('aria-expanded')).to.equal('true');
    await until(() => customElements.get('xmpp-chat-panel'), 'the panel to load');
    await until(() => el.shadowRoot!.activeElement?.tagName === 'XMPP-CHAT-PANEL', 'focus in the panel');
    part(el, 'panel').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'launcher'));
    el.toggle();
    await el.updateComplete;
    el.close();
    await el.updateComplete;
    expect(events).to.deep.equal(['xmpp-chat-open:true', 'xmpp-chat-close:true', 'xmpp-chat-open:true', 'xmpp-chat-close:true']);
  });

  it('reports a configuration it cannot use, in words and as an event', async () => {
    const el = await widget({ to: 'support@example.org' });
    const errors: Array<{ code: string; message: string }> = [];
    el.addEventListener('xmpp-chat-error', (e) => errors.push(e.detail));
    el.open();
    await until(() => errors.length > 0, 'the error');
    expect(errors[0].code).to.be.a('string').and.not.equal('');
    const panel = el.shadowRoot!.querySelector('xmpp-chat-panel')!;
    await until(() => panel.shadowRoot?.querySelector('[role="alert"]'), 'the alert');
    expect(panel.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include(errors[0].message);
  });

  it('takes its title as the panel name without a tooltip, and its side from position', async () => {
    const el = await widget({ title: 'Tea support', position: 'left' });
    expect(el.hasAttribute('title')).to.equal(false);
    expect(part(el, 'panel').getAttribute('aria-label')).to.equal('Tea support');
    const rect = part(el, 'launcher').getBoundingClientRect();
    expect(rect.left).to.be.lessThan(window.innerWidth / 2);
  });

  it('has no launcher in full mode, and speaks the language it is given', async () => {
    const full = await widget({ mode: 'full' });
    expect(part(full, 'launcher')).to.equal(null);
    const de = await widget({ lang: 'de' });
    await until(() => part(de, 'launcher').getAttribute('aria-label') === 'Chat öffnen', 'the German strings to load');
    const ar = await widget({ lang: 'ar' });
    expect(ar.shadowRoot!.querySelector('.root')!.getAttribute('dir')).to.equal('rtl');
  });

  it('mounts from a script tag with data-* settings, once, and not without them', () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, { to: 'support@example.org', anonymous: '', theme: 'dark', title: 'Help' });
    const mounted = mountFromScript(script)!;
    widgets.push(mounted);
    expect(mounted.tagName).to.equal('XMPP-CHAT');
    expect(mounted.getAttribute('to')).to.equal('support@example.org');
    expect(mounted.getAttribute('theme')).to.equal('dark');
    expect(mounted.hasAttribute('anonymous')).to.equal(true);
    expect(mountFromScript(script), 'a second time').to.equal(undefined);
    expect(mountFromScript(document.createElement('script')), 'without settings').to.equal(undefined);
  });

  it('shows a room behind the launcher in room mode, loading the room view only when opened', async () => {
    const el = await widget({
      mode: 'room',
      room: 'lobby@conference.example.org',
      nick: 'ada',
      domain: 'anon.invalid',
      service: 'ws://127.0.0.1:9/',
    });
    expect(part(el, 'launcher').tagName).to.equal('BUTTON');
    expect(part(el, 'panel').hidden).to.equal(true);
    expect(customElements.get('xmpp-chat-room-view'), 'before opening').to.equal(undefined);
    expect(localStorage.getItem('xmpp-chat:room-nick')).to.equal(null);
    el.open();
    await until(() => customElements.get('xmpp-chat-room-view'), 'the room view to load');
    const panel = el.shadowRoot!.querySelector('xmpp-chat-panel')!;
    await until(() => panel.shadowRoot?.querySelector('xmpp-chat-room-view')?.shadowRoot?.querySelector('[part~="room-name"]'), 'the room');
    const view = panel.shadowRoot!.querySelector('xmpp-chat-room-view')!;
    expect(view.shadowRoot!.querySelector('[part~="room-name"]')!.textContent).to.equal('lobby');
    expect(panel.getAttribute('exportparts')).to.include('occupant-list').and.include('nick-input');
    expect(localStorage.getItem('xmpp-chat:room-nick'), 'the site’s nickname is not stored').to.equal(null);
    (view.querySelector('button[slot="actions"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('mounts a room from a script tag', () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, { mode: 'room', room: 'lobby@conference.example.org', nick: 'ada', domain: 'anon.example.org' });
    const mounted = mountFromScript(script)!;
    widgets.push(mounted);
    expect([mounted.getAttribute('mode'), mounted.getAttribute('room'), mounted.getAttribute('nick')]).to.deep.equal([
      'room',
      'lobby@conference.example.org',
      'ada',
    ]);
  });

  it('gives the page its title and icon back when removed, and changes them no more', async () => {
    const el = await widget({ to: 'support@example.org' });
    el.loaded = true; // renders the panel element, whose unread event the widget listens to
    await el.updateComplete;
    const badge = () => document.querySelector('link[data-xmpp-chat-badge]');
    document.title = 'Tea & Co.';
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      el.shadowRoot!.querySelector('xmpp-chat-panel')!.dispatchEvent(new CustomEvent('xmpp-chat-unread', { detail: { count: 2 } }));
      expect(document.title).to.equal('(2) Tea & Co.');
      el.remove();
      expect(document.title).to.equal('Tea & Co.');
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the favicon code has loaded by now
      expect([document.title, badge()]).to.deep.equal(['Tea & Co.', null]);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
  });
});
