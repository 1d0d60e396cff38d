/**
 * A visitor stays one person: where the server offers in-band registration, the widget registers
 * a random account once and logs in with it on every later visit, so the agent sees one address
 * and one conversation; reset() starts a new identity.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { SERVERS, TRANSPORTS, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, deep, page, reload, typeAndSend, waitFor } from './pages.ts';

type Api = Window & { calls: string[]; xmppChat: { push(...c: unknown[]): number } };
const tag = (service: string) => `<script>window.calls = []; window.errors = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)], ['on', 'error', (d) => errors.push(d.code + ': ' + d.message)]];</script>
  <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="localhost" data-to="dave@localhost"></script>`;

async function openAndSend(frame: HTMLIFrameElement, text: string): Promise<string> {
  const win = frame.contentWindow as Api;
  const before = win.calls.length;
  win.xmppChat.push(['open']);
  const jid = await waitFor(() => win.calls[before], 'the connection').catch((error: Error) => {
    throw new Error(`${error.message}; errors: ${(win as unknown as { errors: string[] }).errors.join(' | ')}`);
  });
  await waitFor(() => deep(frame.contentDocument!, 'textarea'), 'the composer');
  typeAndSend(frame.contentDocument!, text);
  return jid.split('/')[0];
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`a returning visitor on ${server} over ${transport}`, function () {
      this.timeout(90_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(async () => { closePages(); await closeChats(); });

      it('registers once, comes back as the same address after a reload, and is new after reset()', async () => {
        const dave = device('dave', service);
        await connectAll(dave);
        const frame = await page(tag(service));
        (frame.contentWindow as Api).xmppChat.push(['reset']); // a visitor this server has not seen
        const hello = `first visit ${newStanzaId()}`;
        const first = await openAndSend(frame, hello);
        expect(first).to.match(/^visitor-[a-z0-9]+@localhost$/);
        await eventually(async () => (await history(dave, first)).some((m) => m.body === hello), 'dave to receive the first');
        await reload(frame);
        const second = `second visit ${newStanzaId()}`;
        expect(await openAndSend(frame, second)).to.equal(first);
        await eventually(async () => (await history(dave, first)).some((m) => m.body === second), 'dave to see both in one conversation');
        expect((await history(dave, first)).map((m) => m.body)).to.deep.equal([hello, second]);
        (frame.contentWindow as Api).xmppChat.push(['reset']);
        await new Promise((r) => setTimeout(r, 500));
        const third = await openAndSend(frame, `after reset ${newStanzaId()}`);
        expect(third).to.match(/^visitor-/).and.not.equal(first);
      });
    });
  }
}
