/**
 * Agents' names and ratings between a support account and a visitor, on the real servers: every
 * message an agent sends carries its name (XEP-0172), so the visitor reads it live and from the
 * archive; two agents of one account each keep their own name; a rating request and the
 * visitor's rating travel as ordinary messages with their payloads.
 */
import { expect } from '@esm-bundle/chai';
import {
  childOf,
  createChat,
  createMemoryBackend,
  newStanzaId,
  ratingBody,
  textOf,
  type Chat,
  type StoredMessage,
} from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { ANON_DOMAIN, SERVERS, TEST_OPTIONS, serviceUrl, until, type ServerName } from './servers.ts';

const AGENTS = 'dave@localhost';
const VISITOR = 'carol@localhost';

const find = (chat: Chat, peer: string, body: string) =>
  eventually(async () => (await history(chat, peer)).find((m) => m.body === body), `“${body}” at ${peer}'s peer`);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`agents' names and ratings on ${server}`, function () {
    this.timeout(90_000);
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    afterEach(closeChats);

    it('shows each agent’s name with its messages, live, in copies and from the archive', async () => {
      const ann = device('dave', service, { messageNick: 'Ann' });
      const bo = device('dave', service, { messageNick: 'Bo <b>' });
      const visitor = device('carol', service);
      await connectAll(ann, bo, visitor);
      const first = `hello from Ann ${newStanzaId()}`;
      const second = `and from Bo ${newStanzaId()}`;
      const sent = await ann.send(VISITOR, first);
      expect(sent.nick).to.equal('Ann');
      await find(visitor, AGENTS, first);
      await bo.send(VISITOR, second);

      const live = await find(visitor, AGENTS, second);
      expect(live).to.include({ direction: 'in', nick: 'Bo <b>' });
      expect((await find(visitor, AGENTS, first)).nick).to.equal('Ann');
      // Bo's device has Ann's message as its own account's, by carbon copy, with her name.
      expect(await find(bo, VISITOR, first)).to.include({ direction: 'out', nick: 'Ann' });

      // A correction carries the name too.
      const fixed = `hello again from Ann ${newStanzaId()}`;
      const wire: string[] = [];
      visitor.client.on('stanza', (s) => {
        const nick = childOf(s, 'nick', 'http://jabber.org/protocol/nick');
        if (nick && JSON.stringify(s).includes(fixed)) wire.push(textOf(nick));
      });
      await ann.messaging.correct(VISITOR, sent.key, fixed);
      await eventually(async () => (await visitor.store.get(AGENTS, sent.key))?.body === fixed, 'the correction');
      expect(wire).to.deep.equal(['Ann']);

      // A new device of the visitor reads both from the archive.
      const later = device('carol', service);
      await connectAll(later);
      const archived = await history(later, AGENTS);
      const names = (body: string) => archived.find((m: StoredMessage) => m.body === body)?.nick;
      expect(names(second)).to.equal('Bo <b>');
      expect(archived.find((m) => m.key === sent.key)?.nick).to.equal('Ann');
    });

    it('introduces each agent to a visitor by its name, with its presence', async () => {
      const ann = device('dave', service, { messageNick: 'Ann', answerStrangers: true });
      const bo = device('dave', service, { messageNick: 'Bo', answerStrangers: true });
      await connectAll(ann, bo);
      const owner = `agent-names-${newStanzaId()}`;
      const visitor = createChat({
        ...TEST_OPTIONS,
        service,
        domain: ANON_DOMAIN,
        anonymous: true,
        historyOwner: owner,
        storage: { backend: createMemoryBackend(), channelName: owner },
        visibility: { hidden: false, onChange: () => () => undefined },
      });
      try {
        visitor.strangers.watch(AGENTS);
        await visitor.connect();
        await until(() => ['Ann', 'Bo'].every((name) => visitor.strangers.names(AGENTS).includes(name)), "the agents' names");
      } finally {
        await visitor.close();
      }
    });

    it('asks the visitor for a rating and receives it, with the readable bodies for other clients', async () => {
      const ann = device('dave', service, { messageNick: 'Ann' });
      const visitor = device('carol', service);
      await connectAll(ann, visitor);
      const ask = `How did we do? ${newStanzaId()}`;
      await ann.send(VISITOR, ask, { rateRequest: true });
      expect(await find(visitor, AGENTS, ask)).to.include({ rateRequest: true, nick: 'Ann' });

      const comment = `Quick & <b>kind</b> ${newStanzaId()}`;
      const answer = await visitor.send(AGENTS, ratingBody(4, comment), { rating: { score: 4, comment } });
      expect(answer.body).to.equal(`Rating: 4/5 — ${comment}`);
      const received = await find(ann, VISITOR, answer.body);
      expect(received.rating).to.deep.include({ score: 4, comment });
      expect(received.rating!.at).to.be.a('number');
      expect(received).to.not.have.property('nick');
    });
  });
}
