/**
 * Files, replies, reactions, retractions and corrections between two clients of ours and a
 * third-party client (slixmpp), on the real servers over both transports. Each must reach the
 * other side live, be in the server's archive as a client that knows the extension reads it, and
 * come back the same from an archive catch-up on a new device (body-less stanzas are archived only
 * with a store hint).
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId, type Chat, type StoredMessage } from '../../src/index.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, eventually, history } from './chat-helpers.ts';
import { readArchive, thirdPartySend } from './faults.ts';
import { DOMAIN, SERVERS, TRANSPORTS, serviceUrl, type ServerName } from './servers.ts';

const find = (chat: Chat, peer: string, test: (m: StoredMessage) => boolean | undefined, what: string) =>
  eventually(async () => (await history(chat, peer)).find(test), what);

const IMAGE: { url: string; name: string; size: number; type: string; width: number; height: number } = {
  url: 'http://127.0.0.1:15280/file_share/test/screenshot.png',
  name: 'screenshot.png',
  size: 5_242_880,
  type: 'image/png',
  width: 1280,
  height: 800,
};

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`files, replies, reactions and retractions on ${server} over ${transport}`, function () {
      this.timeout(120_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(closeChats);

      it('reach the other client and the archive, and come back the same from a catch-up', async () => {
        const [a, b] = await newAccounts(server, 'rich-a', 'rich-b');
        const [A, B] = [`${a}@${DOMAIN}`, `${b}@${DOMAIN}`];
        const alice = device(a, service);
        const bob = device(b, service);
        await connectAll(alice, bob);

        const first = await alice.send(B, `first ${newStanzaId()}`);
        const atBob = await find(bob, A, (m) => m.key === first.key, 'the first message at Bob');
        const answer = `an answer ${newStanzaId()}`;
        const reply = await bob.reply(A, atBob, answer);
        expect(reply.body).to.equal(answer);
        const replied = await find(alice, B, (m) => m.body === answer, 'the reply at Alice');
        expect(replied.replyTo).to.include({ id: first.key, quote: first.body });

        // A correction of the reply: a new device must not take it in before the reply it corrects,
        // whose reader loads lazily.
        const corrected = `${answer}, corrected`;
        await bob.messaging.correct(A, reply.key, corrected);
        await eventually(async () => (await alice.store.get(B, replied.key))?.body === corrected, 'the corrected reply at Alice');
        await bob.react(A, atBob.key, ['👍', '🎉']);
        await eventually(async () => (await alice.store.get(B, first.key))?.reactions?.[B]?.length === 2, 'Bob’s reactions at Alice');
        await bob.react(A, atBob.key, ['👍']);
        await eventually(async () => (await alice.store.get(B, first.key))?.reactions?.[B]?.join() === '👍', 'Bob’s changed reactions');
        await alice.react(B, replied.key, ['❤️']);
        await eventually(async () => (await bob.store.get(A, reply.key))?.reactions?.[A]?.join() === '❤️', 'Alice’s reaction at Bob');

        const image = await alice.sendFile(B, IMAGE);
        expect(image.body).to.equal(IMAGE.url);
        const imageAtBob = await find(bob, A, (m) => m.key === image.key, 'the image at Bob');
        expect(imageAtBob.file).to.deep.include(IMAGE);

        const fixed = `first, corrected ${newStanzaId()}`;
        await alice.messaging.correct(B, first.key, fixed);
        await eventually(async () => (await bob.store.get(A, first.key))?.body === fixed, 'the correction at Bob');

        const regret = await alice.send(B, `regret ${newStanzaId()}`);
        await find(bob, A, (m) => m.key === regret.key, 'the regretted message at Bob');
        await alice.retract(B, regret.key);
        await eventually(async () => (await bob.store.get(A, regret.key))?.retracted, 'the retraction at Bob');
        expect((await bob.store.get(A, regret.key))?.body).to.equal('');
        expect((await alice.store.get(B, regret.key))?.retracted).to.equal(true);

        // Bob's archive, as slixmpp reads it: every extension is there, once.
        const archive = await readArchive(server, B, `pass-${b}`, A);
        expect(archive.filter((m) => m.reply?.id === first.key).map((m) => m.body?.endsWith(answer))).to.deep.equal([true]);
        expect(archive.filter((m) => m.reactions?.id === first.key).map((m) => m.reactions!.emojis.join())).to.deep.equal(['👍,🎉', '👍']);
        expect(archive.filter((m) => m.reactions?.id === reply.key).length).to.equal(1);
        const file = archive.find((m) => m.oob === IMAGE.url);
        expect(file?.file).to.include({ name: IMAGE.name, size: String(IMAGE.size), 'media-type': IMAGE.type });
        expect(archive.filter((m) => m.replace === first.key).map((m) => m.body)).to.deep.equal([fixed]);
        expect(archive.filter((m) => m.replace === reply.key).map((m) => m.body)).to.deep.equal([corrected]);
        expect(archive.filter((m) => m.retract === regret.key).length).to.equal(1);

        // A new device of Bob's catches up from the archive and ends where the live one did.
        const bobAgain = device(b, service);
        await connectAll(bobAgain);
        const caught = await history(bobAgain, A);
        const byKey = new Map(caught.map((m) => [m.key, m]));
        expect(byKey.get(first.key)).to.include({ body: fixed, corrected: true });
        expect(byKey.get(first.key)?.reactions).to.deep.equal({ [B]: ['👍'] });
        expect(byKey.get(reply.key)?.replyTo).to.include({ id: first.key });
        expect(byKey.get(reply.key)).to.include({ body: corrected, corrected: true });
        expect(byKey.get(reply.key)?.reactions).to.deep.equal({ [A]: ['❤️'] });
        expect(byKey.get(image.key)?.file).to.deep.include(IMAGE);
        expect(byKey.get(regret.key)).to.include({ retracted: true, body: '' });
        // Reactions and retractions are not messages of their own.
        expect(caught.filter((m) => m.body.includes('retract')).length).to.equal(0);
        expect(caught.length).to.equal(4);
      });

      it('shows what a third-party client sends: a file with out-of-band data, a reply, a reaction', async () => {
        const [a, c] = await newAccounts(server, 'rich-a', 'rich-c');
        const [A, C] = [`${a}@${DOMAIN}`, `${c}@${DOMAIN}`];
        const alice = device(a, service);
        await connectAll(alice);
        const mine = await alice.send(C, `a question ${newStanzaId()}`);
        const them = { jid: C, password: `pass-${c}` };

        const url = `http://127.0.0.1:${SERVERS[server].httpPort}/files/${newStanzaId()}/cat.jpg`;
        await thirdPartySend(server, them, A, url, [`<x xmlns="jabber:x:oob"><url>${url}</url></x>`]);
        const file = await find(alice, C, (m) => m.body === url, 'the file from slixmpp');
        expect(file.file).to.include({ url });

        const answer = `a third-party answer ${newStanzaId()}`;
        await thirdPartySend(server, them, A, `> ${mine.body}\n${answer}`, [
          `<reply xmlns="urn:xmpp:reply:0" to="${A}" id="${mine.key}"/>`,
          `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${[...`> ${mine.body}\n`].length}"/></fallback>`,
        ]);
        const reply = await find(alice, C, (m) => m.body === answer, 'the reply from slixmpp');
        expect(reply.replyTo).to.include({ id: mine.key, quote: mine.body });

        await thirdPartySend(server, them, A, '', [
          `<reactions xmlns="urn:xmpp:reactions:0" id="${mine.key}"><reaction>👍</reaction></reactions>`,
          '<store xmlns="urn:xmpp:hints"/>',
        ]);
        await eventually(async () => (await alice.store.get(C, mine.key))?.reactions?.[C]?.join() === '👍', 'the reaction from slixmpp');

        // Our reaction to the third party's message names it by its stanza id.
        await alice.react(C, file.key, ['😺']);
        const sent = await eventually(
          async () => (await readArchive(server, A, `pass-${a}`, C)).find((m) => m.reactions?.emojis.join() === '😺'),
          'our reaction in the archive',
        );
        expect(sent?.reactions?.id).to.equal(file.sid ?? file.key);
        expect(sent?.reactions?.id)
          .to.be.a('string')
          .and.not.match(/^local-/);
      });
    });
  }
}
