/**
 * The widget's quality on real pages: accessibility (axe-core, WCAG 2.2 AA) of every view, a
 * hostile host stylesheet that neither breaks the widget nor is changed by it, the mobile layout,
 * right-to-left, and screenshots of each look saved for people to check.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually } from '../integration/chat-helpers.ts';
import { SERVERS, serviceUrl } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, page, typeAndSend, waitFor } from './pages.ts';

const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
const visitorTag = (extra = '') => `<script type="module" src="/dist/xmpp-chat.js" data-service="${service}"
  data-domain="anon.localhost" data-anonymous data-to="dave@localhost" data-title="Tea &amp; Co." ${extra}></script>`;

/** Opens the visitor widget, sends a message and gets a reply, so the conversation has content. */
async function visitorWithConversation(frame: HTMLIFrameElement) {
  const doc = frame.contentDocument!;
  const dave = device('dave', service);
  await connectAll(dave);
  const connected = new Promise((resolve) => doc.addEventListener('xmpp-chat-connected', resolve, { once: true }));
  (await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher')).click();
  await connected;
  await waitFor(() => deep(doc, 'textarea'), 'the composer');
  const text = `Do you ship to Lisbon? ${newStanzaId().slice(0, 4)}`;
  typeAndSend(doc, text);
  const at = await eventually(async () => (await dave.conversations()).find((c) => c.lastBody === text), 'the question at dave');
  await dave.send(at.peer, 'Yes, within 3 days — see https://example.org/shipping');
  await waitFor(() => deep(doc, '[part~="message-in"]'), 'the answer');
  return doc;
}

const shot = (name: string) => executeServerCommand('screenshot', { name });

describe('widget quality', function () {
  this.timeout(90_000);
  before(() => setViewport({ width: 1040, height: 780 })); // room for the host page, for screenshots
  afterEach(async () => {
    closePages();
    await closeChats();
  });

  it('has no accessibility violations: launcher, open conversation, dark theme', async () => {
    const frame = await page(`<main><h1>Shop</h1></main>${visitorTag()}`);
    await waitFor(() => deep(frame.contentDocument!, '[part~="launcher"]'), 'the launcher');
    expect(await accessibilityViolations(frame), 'closed').to.deep.equal([]);
    const doc = await visitorWithConversation(frame);
    expect(await accessibilityViolations(frame), 'open').to.deep.equal([]);
    await shot('visitor-light');
    doc.querySelector('xmpp-chat')!.setAttribute('theme', 'dark');
    await new Promise((r) => setTimeout(r, 100));
    expect(await accessibilityViolations(frame), 'dark').to.deep.equal([]);
    await shot('visitor-dark');
  });

  it('speaks Arabic right to left, and is full-screen on a phone', async () => {
    const frame = await page(`<main><h1>متجر</h1></main>${visitorTag('data-lang="ar"')}`, { width: 375, height: 700 });
    const doc = await visitorWithConversation(frame);
    const panel = deep(doc, '[part~="panel"]')!;
    expect(deep(doc, '.root')!.getAttribute('dir')).to.equal('rtl');
    expect(panel.getBoundingClientRect().width).to.equal(375);
    expect(panel.getAttribute('aria-modal')).to.equal('true');
    expect(getComputedStyle(deep(doc, 'textarea')!).fontSize).to.equal('16px');
    expect(await accessibilityViolations(frame)).to.deep.equal([]);
    await shot('visitor-rtl-mobile');
  });

  it('has no accessibility violations in full mode: login form, then contacts and a conversation', async () => {
    const frame = await page(`<main style="height:700px"><xmpp-chat mode="full" service="${service}"></xmpp-chat></main>
      <script type="module" src="/dist/xmpp-chat.js"></script>`);
    const doc = frame.contentDocument!;
    await waitFor(() => deep(doc, 'input[type="password"]'), 'the login form');
    expect(await accessibilityViolations(frame), 'login').to.deep.equal([]);
    await shot('full-login');
    const widget = doc.querySelector('xmpp-chat')!;
    const connected = new Promise((resolve) => widget.addEventListener('xmpp-chat-connected', resolve, { once: true }));
    widget.setAttribute('jid', 'carol@localhost');
    widget.setAttribute('password', 'pass-carol');
    await connected;
    await waitFor(() => deep(doc, '[part~="contact-list"]'), 'the contact list');
    expect(await accessibilityViolations(frame), 'contacts').to.deep.equal([]);
    await shot('full-contacts');
  });

  it('survives a hostile host stylesheet and leaves the page as it was', async () => {
    const hostile = `<style>* { all: unset !important; } div { display: none !important; } html { font-size: 48px; }
      body { font-size: 40px; color: red; line-height: 6; direction: rtl; } button { width: 1px; height: 1px; }</style>`;
    const frame = await page(`<p id="own">The page's own text</p>`, { head: hostile });
    const doc = frame.contentDocument!;
    const own = doc.getElementById('own')!;
    const before = { font: getComputedStyle(own).fontSize, color: getComputedStyle(own).color, sheets: doc.styleSheets.length };
    const script = doc.createElement('script');
    script.type = 'module';
    script.src = '/dist/xmpp-chat.js';
    Object.assign(script.dataset, { service, domain: 'anon.localhost', anonymous: '', to: 'dave@localhost' });
    doc.body.append(script);
    const launcher = await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher');
    await waitFor(() => launcher.getBoundingClientRect().width > 0, 'the launcher to show');
    expect(launcher.getBoundingClientRect().width).to.equal(56);
    expect(getComputedStyle(launcher).fontSize).to.equal('15px');
    launcher.click();
    const panel = await waitFor(() => {
      const p = deep(doc, '[part~="panel"]');
      return p && p.getBoundingClientRect().height > 200 && p;
    }, 'the panel');
    expect(getComputedStyle(panel).fontSize).to.equal('15px');
    expect(getComputedStyle(panel).color).to.not.equal('rgb(255, 0, 0)');
    const input = await waitFor(() => deep(doc, 'textarea'), 'the composer');
    expect(input.getBoundingClientRect().height).to.be.greaterThan(30);
    expect({ font: getComputedStyle(own).fontSize, color: getComputedStyle(own).color, sheets: doc.styleSheets.length }).to.deep.equal(
      before,
    );
    await shot('hostile-page');
  });
});
