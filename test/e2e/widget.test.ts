/**
 * The widget as a site embeds it: a host page with the single script tag of the built widget,
 * talking to a second real client over each server and transport; history survives a reload.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually } from '../integration/chat-helpers.ts';
import { SERVERS, TRANSPORTS, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, deep, deepAll, page, reload, typeAndSend, waitFor } from './pages.ts';

const scriptTag = (service: string) => `<script type="module" src="/dist/xmpp-chat.js" data-service="${service}"
  data-domain="anon.localhost" data-anonymous data-to="dave@localhost" data-title="Help desk"></script>`;
const bodies = (root: ParentNode) => deepAll(root, '[part~="message-body"]').map((el) => el.textContent ?? '');

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`the embedded widget on ${server} over ${transport}`, function () {
      this.timeout(90_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(async () => {
        closePages();
        await closeChats();
      });

      it('mounts from one script tag, chats with a real client, and shows the history after a reload', async () => {
        const dave = device('dave', service);
        await connectAll(dave);
        const frame = await page(scriptTag(service));
        const doc = frame.contentDocument!;
        const widget = await waitFor(() => doc.querySelector('xmpp-chat'), 'the widget');
        expect(widget.getAttribute('to')).to.equal('dave@localhost');
        const events: string[] = [];
        for (const type of ['xmpp-chat-open', 'xmpp-chat-connected', 'xmpp-chat-message', 'xmpp-chat-ready']) {
          doc.addEventListener(type, () => events.push(type));
        }
        const launcher = await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher');
        expect(launcher.getAttribute('aria-expanded')).to.equal('false');
        launcher.click();
        await waitFor(() => events.includes('xmpp-chat-connected'), 'the connection');
        // The launcher drawn first gives way to the element's own once its code has loaded.
        expect(deep(doc, '[part~="launcher"]')!.getAttribute('aria-expanded')).to.equal('true');
        const text = `hello from the shop ${newStanzaId()}`;
        await waitFor(() => deep(doc, 'textarea'), 'the composer');
        typeAndSend(doc, text);
        const atDave = await eventually(async () => (await dave.conversations()).find((c) => c.lastBody === text), 'dave to receive it');
        const reply = `<b>welcome</b> to https://example.org/tea?x=1 ${newStanzaId()}`;
        await dave.send(atDave.peer, reply);
        await waitFor(() => bodies(doc).some((b) => b.includes(reply)), 'the reply in the widget');
        expect(deep(doc, 'b'), 'markup from the network').to.equal(undefined);
        const replyBody = deepAll(doc, '[part~="message-body"]').find((el) => el.textContent?.includes(reply))!;
        const link = replyBody.querySelector('a');
        expect(link?.href).to.equal('https://example.org/tea?x=1');
        expect(link?.rel).to.include('noopener');
        expect(events.filter((e) => e === 'xmpp-chat-message').length).to.be.at.least(2);

        await reload(frame);
        const again = frame.contentDocument!;
        const widgetAgain = await waitFor(() => again.querySelector('xmpp-chat'), 'the widget after the reload');
        (await waitFor(() => deep(again, '[part~="launcher"]'), 'the launcher')).click();
        // From this device's history, before any connection is up.
        const shown = await waitFor(
          () => {
            const b = bodies(again);
            return b.some((x) => x.includes(text)) && b.some((x) => x.includes(reply)) && b;
          },
          'the history',
          5_000,
        );
        expect(shown.filter((b) => b.includes(text))).to.have.length(1);
        expect(widgetAgain).to.exist;

        // The same visitor with the server out of reach: the history is there all the same.
        closePages();
        const offline = (await page(scriptTag('ws://127.0.0.1:9/xmpp-websocket'))).contentDocument!;
        (await waitFor(() => deep(offline, '[part~="launcher"]'), 'the launcher')).click();
        await waitFor(() => bodies(offline).some((x) => x.includes(reply)), 'the history without a server', 5_000);
      });
    });
  }
}
