/**
 * The visitor's side of the page: nothing connects and nothing is stored before the chat is
 * opened; the pre-load command queue (`window.xmppChat`) replays in order; `reset` forgets the
 * visitor.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually } from '../integration/chat-helpers.ts';
import { SERVERS, serviceUrl } from '../integration/servers.ts';
import { closePages, deep, deepAll, page, typeAndSend, waitFor } from './pages.ts';

const service = serviceUrl('websocket', SERVERS.prosody.httpPort);

/** Counts what the page opens: WebSockets, IndexedDB databases, XHR and fetch requests. */
const SPY = `<script>
  window.opened = { ws: 0, idb: 0, http: 0 };
  const NativeSocket = WebSocket;
  window.WebSocket = function (...args) { opened.ws++; return new NativeSocket(...args); };
  window.WebSocket.prototype = NativeSocket.prototype;
  const openDb = indexedDB.open.bind(indexedDB);
  indexedDB.open = (...args) => { opened.idb++; return openDb(...args); };
  const xhrOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (...args) { opened.http++; return xhrOpen.apply(this, args); };
  const nativeFetch = fetch;
  window.fetch = (...args) => { opened.http++; return nativeFetch(...args); };
</script>`;
const QUEUE = `<script>
  window.calls = [];
  window.xmppChat = window.xmppChat || [];
  xmppChat.push(['on', 'open', () => calls.push('open')]);
  xmppChat.push(['on', 'xmpp-chat-connected', (detail) => calls.push('connected ' + detail.jid)]);
</script>`;
const TAG = `<script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost" data-anonymous
  data-to="dave@localhost"></script>`;

type Spied = Window & { opened: { ws: number; idb: number; http: number }; calls: string[]; xmppChat: { push(...c: unknown[]): number } };

describe('the visitor page API', function () {
  this.timeout(60_000);
  afterEach(async () => {
    closePages();
    await closeChats();
  });

  it('connects and stores nothing before the chat is opened, then replays the queue in order', async () => {
    // Pages of earlier tests share this origin's storage: what they left is not this page's doing.
    for (const key of Object.keys(localStorage)) if (key.startsWith('xmpp-chat')) localStorage.removeItem(key);
    const frame = await page(`${SPY}${QUEUE}${TAG}`);
    const win = frame.contentWindow as Spied;
    await waitFor(() => deep(frame.contentDocument!, '[part~="launcher"]'), 'the launcher');
    await new Promise((r) => setTimeout(r, 1000));
    expect(win.opened, 'before opening').to.deep.equal({ ws: 0, idb: 0, http: 0 });
    expect(
      frame.contentWindow!.localStorage.length === 0 ||
        Object.keys(frame.contentWindow!.localStorage).every((k) => !k.startsWith('xmpp-chat')),
    ).to.equal(true);
    win.xmppChat.push(['open']);
    await waitFor(() => win.calls.some((c) => c.startsWith('connected ')), 'the connection');
    expect(win.calls[0]).to.equal('open');
    expect(win.calls[1]).to.match(/^connected .+@anon\.localhost\//);
    expect(win.opened.ws).to.equal(1);
  });

  it('mounts one widget from an async, low-priority tag in the head, after the body', async () => {
    // The page is written in two parts, as a slow network delivers it: the widget's file runs while
    // the head is still being parsed, before the body exists.
    const frame = await page('');
    const doc = frame.contentDocument!;
    doc.open();
    doc.write(
      `<!doctype html><html lang="en"><head><title>A slow page</title>${TAG.replace('type="module"', 'type="module" async fetchpriority="low"')}`,
    );
    const fetched = () => frame.contentWindow!.performance.getEntriesByType('resource').some((r) => r.name.endsWith('/xmpp-chat.js'));
    await waitFor(fetched, "the widget's file");
    await new Promise((resolve) => setTimeout(resolve, 300)); // and run
    doc.write('</head><body><main><p>The shop</p></main></body></html>');
    doc.close();
    await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher');
    expect(doc.querySelectorAll('xmpp-chat').length).to.equal(1);
    expect(doc.body.lastElementChild?.localName, 'mounted after the page body').to.equal('xmpp-chat');
    expect(doc.querySelector('main'), 'the page itself').to.not.equal(null);
  });

  it('runs commands queued before the script loaded, and forgets the visitor on reset', async () => {
    const dave = device('dave', service);
    await connectAll(dave);
    const frame = await page(`${QUEUE}<script>xmppChat.push(['open']);</script>${TAG}`);
    const win = frame.contentWindow as Spied;
    const doc = frame.contentDocument!;
    const first = await waitFor(() => win.calls.find((c) => c.startsWith('connected ')), 'the queued open');
    await waitFor(() => deep(doc, 'textarea'), 'the composer');
    const text = `before the reset ${newStanzaId()}`;
    typeAndSend(doc, text);
    await eventually(async () => (await dave.conversations()).some((c) => c.lastBody === text), 'dave to receive it');
    const bodies = () => deepAll(doc, '[part~="message-body"]').map((el) => el.textContent ?? '');
    await waitFor(() => bodies().some((b) => b.includes(text)), 'the message shown');

    win.xmppChat.push(['reset']);
    await waitFor(() => !deep(doc, '[part~="launcher"]')!.getAttribute('aria-expanded')?.includes('true'), 'the panel to close');
    await new Promise((r) => setTimeout(r, 500));
    win.xmppChat.push(['open']);
    const second = await waitFor(() => win.calls.filter((c) => c.startsWith('connected ')).at(1), 'a new session');
    expect(second.split(' ')[1].split('/')[0], 'a new identity').to.not.equal(first.split(' ')[1].split('/')[0]);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      bodies().some((b) => b.includes(text)),
      'history after the reset',
    ).to.equal(false);
  });
});
