/**
 * A quick answer to a visitor's first message. The server routes a message to our bare address
 * only to resources that have sent their initial presence (RFC 6121 §8.5.2.1.1); one that comes
 * earlier is handled as offline, and neither Prosody nor ejabberd keeps anything, offline or in
 * the archive, for an anonymous account. So our messages wait for our initial presence, and an
 * answer can never overtake it. A slow link (the loopback proxy delays every chunk) stretches
 * the set-up that precedes that presence (roster, archive catch-up) while the agent, on a fast
 * link, answers at once: before, the answer was lost every time.
 */
import { expect } from '@esm-bundle/chai';
import { createChat, createMemoryBackend, type Chat } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually } from './chat-helpers.ts';
import { ANON_DOMAIN, SERVERS, TEST_OPTIONS, TRANSPORTS, proxy, serviceUrl, type ServerName } from './servers.ts';

const LINK_DELAY_MS = 100;

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`the first reply to an anonymous visitor on ${server} over ${transport}`, function () {
      this.timeout(60_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      let visitor: Chat | undefined;
      let port: number | undefined;
      afterEach(async () => {
        await visitor?.close();
        visitor = undefined;
        await closeChats();
        if (port) await proxy.stop(port);
        port = undefined;
      });

      it('reaches the visitor when the agent answers a message sent the moment the session opened', async () => {
        const dave = device('dave', service);
        await connectAll(dave);
        port = await proxy.start(SERVERS[server].httpPort);
        await proxy.delay(port, LINK_DELAY_MS);
        const owner = `first-reply-${Math.random().toString(36).slice(2, 10)}`;
        visitor = createChat({
          ...TEST_OPTIONS,
          service: serviceUrl(transport, port),
          domain: ANON_DOMAIN,
          anonymous: true,
          historyOwner: owner,
          storage: { backend: createMemoryBackend(), channelName: owner },
          visibility: { hidden: false, onChange: () => () => undefined },
        });
        await visitor.connect();
        const text = `first words ${Math.random().toString(36).slice(2, 10)}`;
        await visitor.send('dave@localhost', text);

        const atDave = await eventually(async () => (await dave.conversations()).find((c) => c.lastBody === text), 'dave to receive it');
        const reply = `welcome ${Math.random().toString(36).slice(2, 10)}`;
        await dave.send(atDave.peer, reply);

        const v = visitor;
        const shown = await eventually(
          async () => (await v.newestPage('dave@localhost')).messages.find((m) => m.body === reply),
          'the reply at the visitor',
          15_000,
        );
        expect(shown.direction).to.equal('in');
      });
    });
  }
}
