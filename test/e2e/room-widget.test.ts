/**
 * The one-tag room (`data-mode="room"`) before and as it opens: the launcher within the visitor's
 * start-up budget, nothing connected, stored or loaded for the room until it is opened; then an
 * anonymous session and the room's view, whose code loads only now.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { SERVERS, serviceUrl } from '../integration/servers.ts';
import { closePages, deep, page, waitFor } from './pages.ts';

type Built = Record<string, { gzip: number }>;
type Spied = Window & { opened: { ws: number; idb: number } };

/** Counts the WebSockets and IndexedDB databases the page opens. */
const SPY = `<script>
  window.opened = { ws: 0, idb: 0 };
  const NativeSocket = WebSocket;
  window.WebSocket = function (...args) { opened.ws++; return new NativeSocket(...args); };
  window.WebSocket.prototype = NativeSocket.prototype;
  const openDb = indexedDB.open.bind(indexedDB);
  indexedDB.open = (...args) => { opened.idb++; return openDb(...args); };
</script>`;

/** The built files the page has loaded so far. */
const loaded = (frame: HTMLIFrameElement) =>
  frame
    .contentWindow!.performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/dist/'))
    .map((path) => path.slice('/dist/'.length));

describe('the one-tag room', function () {
  this.timeout(60_000);
  afterEach(() => closePages());

  it('shows its launcher within 20 KB, touching nothing until opened; then connects anonymously and loads the room', async () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('xmpp-chat')) localStorage.removeItem(key);
    const built = await executeServerCommand<Built, Record<string, never>>('built-files', {});
    const service = serviceUrl('websocket', SERVERS.prosody.httpPort);
    const room = `lobby-${Math.random().toString(36).slice(2)}@conference.localhost`;
    const frame = await page(`${SPY}<script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost"
      data-mode="room" data-room="${room}" data-nick="ada" data-title="The lobby"></script>`);
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as Spied;
    const launcher = await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher');
    await waitFor(() => launcher.getBoundingClientRect().width > 0, 'the launcher to show');
    const first = loaded(frame);
    const gzip = first.reduce((sum, file) => sum + built[file].gzip, 0);
    console.log(`room mode before the launcher: ${(gzip / 1024).toFixed(1)} KB gzip (${first.join(', ')})`);
    expect(gzip).to.be.at.most(20 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(win.opened, 'before opening').to.deep.equal({ ws: 0, idb: 0 });
    expect(Object.keys(win.localStorage).filter((key) => key.startsWith('xmpp-chat'))).to.deep.equal([]);
    expect(
      loaded(frame).filter((file) => /room|chat-panel/.test(file)),
      'room code before opening',
    ).to.deep.equal([]);

    const connected = new Promise<string>((resolve) =>
      doc.addEventListener('xmpp-chat-connected', (e) => resolve((e as CustomEvent<{ jid: string }>).detail.jid), { once: true }),
    );
    launcher.click();
    expect(await connected).to.match(/@anon\.localhost\//);
    await waitFor(() => deep(doc, '[part~="room-name"]'), 'the room view');
    expect(deep(doc, '[part~="room-name"]')!.textContent).to.equal('The lobby');
    expect(
      loaded(frame).some((file) => file.includes('room-mode')),
      'the room code, once opened',
    ).to.equal(true);
    expect(win.opened.ws).to.equal(1);
    expect(win.localStorage.getItem('xmpp-chat:room-nick'), 'the site’s nickname').to.equal(null);
  });
});
