/**
 * A visitor with the shop open in four tabs: the widget keeps one session for all of them (the
 * server counts one), the agent's reply shows once in each, and when the tab holding the session
 * goes — closed mid-send, or navigated — another takes it over, with every message stored once in
 * the server's archive as slixmpp reads it. Over WebSocket it resumes the same stream: the address
 * stays, and the agent never sees the visitor go offline.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { countBodies, readArchive } from '../integration/faults.ts';
import { SERVERS, TRANSPORTS, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, deepAll, loaded, openVisitor, page, typeAndSend, visitorTag, waitFor, type VisitorWindow } from './pages.ts';

const bodies = (frame: HTMLIFrameElement) => deepAll(frame.contentDocument!, '[part~="message-body"]').map((el) => el.textContent ?? '');
const count = (frame: HTMLIFrameElement, text: string) => bodies(frame).filter((b) => b.includes(text)).length;
const sessionsOf = (server: ServerName, user: string) => executeServerCommand<string[], object>('server-sessions', { server, user });

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`a visitor's tabs share one session (${server}, ${transport})`, function () {
      this.timeout(120_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(async () => {
        closePages();
        await closeChats();
      });

      it('four tabs, one session; a tab closed mid-send and one navigated hand it over with nothing lost or doubled', async () => {
        const dave = device('dave', service);
        await connectAll(dave);
        const frames = [await page(visitorTag(service), { height: 500 })];
        (frames[0].contentWindow as VisitorWindow).xmppChat.push(['reset']); // a visitor this server has not seen
        const jid = await openVisitor(frames[0]);
        const visitor = jid.split('/')[0];
        const user = visitor.split('@')[0];
        const presences: string[] = [];
        dave.client.on('stanza', (s) => {
          if (s.name === 'presence' && s.attrs.from?.startsWith(`${visitor}/`))
            presences.push(`${s.attrs.type ?? 'available'} ${s.attrs.from}`);
        });
        const tag1 = newStanzaId().slice(0, 8);
        typeAndSend(frames[0].contentDocument!, `hello ${tag1}`);
        await eventually(async () => (await history(dave, visitor)).some((m) => m.body === `hello ${tag1}`), 'dave to hear the visitor');
        for (let i = 1; i < 4; i++) frames.push(await page(visitorTag(service), { height: 500 }));
        frames.forEach((f, i) => (f.dataset.name = `tab ${i}`));
        for (const frame of frames.slice(1)) expect((await openVisitor(frame)).split('/')[0]).to.equal(visitor);
        expect(await sessionsOf(server, user)).to.have.length(1);

        // The agent's reply shows once in every tab; the visitor's first line too.
        await dave.send(visitor, `reply ${tag1}`);
        for (const frame of frames) await waitFor(() => count(frame, `reply ${tag1}`) === 1, 'the reply in every tab');
        for (const frame of frames) expect([count(frame, `reply ${tag1}`), count(frame, `hello ${tag1}`)]).to.deep.equal([1, 1]);

        // The first tab holds the session: it sends, and goes before the server has answered.
        const midSend = `sent as the tab closed ${tag1}`;
        typeAndSend(frames[0].contentDocument!, midSend);
        await waitFor(() => count(frames[0], midSend) === 1, 'the message on screen');
        frames.shift()!.remove();
        for (const frame of frames) await waitFor(() => count(frame, midSend) === 1, 'the message in the other tabs', 30_000);
        const afterClose = `after the close ${tag1}`;
        typeAndSend(frames[1].contentDocument!, afterClose);

        // The tab now holding it navigates (to the same shop page), and comes back.
        const navigated = loaded(frames[0]);
        frames[0].srcdoc = frames[0].srcdoc + ' ';
        await navigated;
        frames[0].dataset.name += ' navigated';
        await openVisitor(frames[0]);
        const afterNavigation = `after the navigation ${tag1}`;
        typeAndSend(frames[2].contentDocument!, afterNavigation);
        await dave.send(visitor, `second reply ${tag1}`);
        for (const frame of frames) {
          await waitFor(() => count(frame, `second reply ${tag1}`) === 1, 'the second reply in every tab', 30_000);
          for (const text of [midSend, afterClose, afterNavigation])
            await waitFor(() => count(frame, text) === 1, `"${text}" once in every tab`);
        }

        if (transport === 'websocket') {
          // Each handover resumed the stream: every tab connected as the same address, none went offline.
          const addresses = frames.flatMap((f) => (f.contentWindow as VisitorWindow).calls);
          expect(new Set(addresses)).to.deep.equal(new Set([jid]));
          expect(presences.filter((p) => p.startsWith('unavailable'))).to.deep.equal([]);
        }

        // Dave got each once, and so does the server's archive as a third-party client reads it.
        const sent = [`hello ${tag1}`, midSend, afterClose, afterNavigation];
        await eventually(async () => (await history(dave, visitor)).length >= 6, 'dave to have all').catch(async (error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify((await history(dave, visitor)).map((m) => m.body))}`);
        });
        const daveHas = (await history(dave, visitor)).map((m) => m.body);
        for (const body of [...sent, `reply ${tag1}`, `second reply ${tag1}`])
          expect(
            daveHas.filter((b) => b === body),
            body,
          ).to.have.length(1);
        const archived = await readArchive(server, 'dave@localhost', 'pass-dave', visitor);
        expect(countBodies(archived, [...sent, `reply ${tag1}`, `second reply ${tag1}`])).to.deep.equal({ lost: [], duplicated: [] });
        await eventually(async () => (await sessionsOf(server, user)).length === 1, 'one session in the end');
      });
    });
  }
}
