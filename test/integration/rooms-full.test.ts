/**
 * Rooms in full mode on the real servers, with a third-party occupant (slixmpp, test/runner/muc-peer.py):
 * bookmarks across devices and autojoin at sign-in, invitations both ways, the subject, moderation
 * (roles, kick, ban, and XEP-0425 where the room offers it, its refusal in words where not), private
 * messages kept apart from the room's history, and mentions. Every account is new, so that
 * bookmarks and invitations of other tests never meet these.
 */
import { expect } from '@esm-bundle/chai';
import type { RoomBookmark, RoomInvitation, StoredMessage } from '../../src/index.ts';
import { newAccount } from './accounts.ts';
import { joined, peer, refusal, unique } from './muc-peer.ts';
import { closeChats, device, eventually, history } from './chat-helpers.ts';
import { ALL_SERVERS, DOMAIN, SERVERS, TRANSPORTS, disconnectAll, serviceUrl, type ServerName } from './servers.ts';

const newRoom = () => `rf-${unique()}@conference.${DOMAIN}`;

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`rooms in full mode on ${server} over ${transport}`, function () {
      this.timeout(90_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(async () => {
        await peer.stopAll();
        await closeChats();
        await disconnectAll();
      });

      it('a bookmark saved on one device appears on another at once, and is joined at the next sign-in', async () => {
        const name = await newAccount('bm', server);
        const jid = newRoom();
        const first = device(name, service);
        const second = device(name, service);
        await Promise.all([first.connect(), second.connect()]);
        const [here, there] = await Promise.all([first.rooms(), second.rooms()]);
        expect(await there.bookmarks()).to.deep.equal([]);
        await here.saveBookmark({ jid, name: 'Full mode', nick: 'bm-nick', autojoin: true });
        expect((await here.bookmarks()).map((b) => b.jid)).to.deep.equal([jid]);
        // Live: a PEP notification reaches the other device, which joins it too.
        // Read once this session: a change since can only have come by notification.
        await eventually(async () => (await there.bookmarks()).some((b) => b.jid === jid), 'the bookmark on the other device');
        expect(there.isRoom(jid)).to.equal(true);
        await eventually(() => Promise.resolve(there.room(jid).state === 'joined'), 'the other device to join it');
        // Two devices at a time: three BOSH clients of one page share the browser's few connections per host.
        await second.disconnect();

        // A new sign-in on a third device joins it under the bookmark's nickname.
        const third = device(name, service);
        await third.connect();
        const rooms = await third.rooms();
        expect((await rooms.bookmarks()).find((b) => b.jid === jid)).to.include({ name: 'Full mode', nick: 'bm-nick', autojoin: true });
        const room = rooms.room(jid);
        await eventually(() => Promise.resolve(room.state === 'joined'), 'the autojoin at sign-in');
        expect(room.nick?.startsWith('bm-nick')).to.equal(true);

        const seen: RoomBookmark[][] = [];
        rooms.on('bookmarks', (list) => seen.push(list));
        await here.removeBookmark(jid);
        await eventually(() => Promise.resolve(seen.at(-1)?.every((b) => b.jid !== jid)), 'the removal on the other device');
      });

      it('invites a third-party client, and hears its invitation once', async () => {
        const [me, them] = [await newAccount('inv', server), await newAccount('peer', server)];
        const ours = newRoom();
        const theirs = newRoom();
        const id = await peer.start(server, theirs, `p-${unique()}`, { account: them });
        const chat = device(me, service);
        const room = await joined(chat, ours, 'host');
        await room.invite(`${them}@${DOMAIN}`, 'come over');
        const invitation = await peer.saw(id, (e) => e.event === 'invitation' && e.room === ours, 'the peer to be invited');
        expect(invitation).to.include({ from: `${me}@${DOMAIN}` });

        const heard: RoomInvitation[] = [];
        (await chat.rooms()).on('invitation', (i) => heard.push(i));
        await peer.order(id, { invite: `${me}@${DOMAIN}`, reason: 'join us' });
        await eventually(() => Promise.resolve(heard.length > 0), 'the invitation');
        await new Promise((r) => setTimeout(r, 500));
        expect(heard).to.deep.equal([{ room: theirs, from: `${them}@${DOMAIN}`, reason: 'join us' }]);
        // Accepting is joining; the invitation left nothing in the conversations.
        await (await chat.rooms()).room(theirs).join('guest');
        expect((await chat.conversations()).map((c) => c.peer)).not.to.include(theirs);
      });

      it('sets the subject, changes roles, kicks and bans the third-party occupant; refusals are said in words', async () => {
        const [me, them, other] = [await newAccount('mod', server), await newAccount('peer', server), await newAccount('plain', server)];
        const jid = newRoom();
        const chat = device(me, service);
        const room = await joined(chat, jid, 'boss');
        await eventually(() => Promise.resolve(room.info), 'the room info');
        const nick = `p-${unique()}`;
        let id = await peer.start(server, jid, nick, { account: them });
        await eventually(() => Promise.resolve(room.occupants.get(nick)), 'the peer in the room');

        const subject = `Subject ${unique()}`;
        await room.setSubject(subject);
        expect(room.subject).to.equal(subject);
        await peer.saw(id, (e) => e.event === 'subject' && e.subject === subject, 'the peer to see the subject');

        await room.setRole(nick, 'visitor', 'quiet please');
        await peer.saw(id, (e) => e.event === 'presence' && e.nick === nick && e.role === 'visitor', 'the peer devoiced');
        await eventually(() => Promise.resolve(room.occupants.get(nick)?.role === 'visitor'), 'the role shown');
        await room.setRole(nick, 'participant');
        await peer.saw(id, (e) => e.event === 'presence' && e.nick === nick && e.role === 'participant', 'the peer voiced');

        // XEP-0425 where the room offers it; otherwise a refusal in words, and nothing changes.
        const said = `to remove ${unique()}`;
        await peer.say(id, said);
        const message = await eventually(async () => (await history(chat, jid)).find((m) => m.body === said), 'the peer message');
        if (room.info?.moderation) {
          await room.moderate(message, 'off topic');
          await peer.saw(id, (e) => e.event === 'moderated', 'the peer to see the moderation');
          expect(await chat.store.get(jid, message.key)).to.include({ retracted: true, body: '' });
        } else {
          const refused = await refusal(room.moderate(message));
          expect(refused.condition).to.equal('feature-not-implemented');
          expect(refused.message).to.equal('Could not remove the message: the room does not offer this.');
          expect((await chat.store.get(jid, message.key))?.body).to.equal(said);
        }

        // Someone without the right is refused by the room, in words.
        const plain = device(other, service);
        const theirRoom = await joined(plain, jid, 'plain');
        const notAllowed = await refusal(theirRoom.kick(nick));
        expect(notAllowed.message).to.match(/^Could not remove “.+”: /);
        expect(['forbidden', 'not-allowed']).to.include(notAllowed.condition);

        await room.kick(nick, 'enough');
        await peer.saw(id, (e) => e.event === 'presence' && e.nick === nick && !!e.codes?.includes(307), 'the peer kicked');
        await eventually(() => Promise.resolve(!room.occupants.has(nick)), 'the peer gone from the list');

        id = await peer.start(server, jid, nick, { account: them });
        await room.ban(`${them}@${DOMAIN}`, 'for good');
        await peer.saw(id, (e) => e.event === 'presence' && e.nick === nick && !!e.codes?.includes(301), 'the peer banned');
      });

      it('keeps private messages apart from the room, both ways once; a mention is marked and told', async () => {
        const [me, them] = [await newAccount('pm', server), await newAccount('peer', server)];
        const jid = newRoom();
        const chat = device(me, service);
        const room = await joined(chat, jid, 'anna');
        const nick = `p-${unique()}`;
        const id = await peer.start(server, jid, nick, { account: them });
        await eventually(() => Promise.resolve(room.occupants.get(nick)), 'the peer in the room');
        const occupant = `${jid}/${nick}`;

        const toUs = `psst ${unique()}`;
        await peer.order(id, { private: 'anna', body: toUs });
        const received = await eventually(async () => (await history(chat, occupant)).find((m) => m.body === toUs), 'the private message');
        expect(received).to.include({ direction: 'in', peer: occupant });
        const toThem = `back ${unique()}`;
        const sent = await room.sendPrivate(nick, toThem);
        await peer.saw(id, (e) => e.event === 'private' && e.body === toThem, 'the peer to get ours');
        await eventually(async () => (await chat.store.get(occupant, sent.key))?.state !== 'pending', 'ours acknowledged');
        expect((await history(chat, occupant)).map((m) => m.body)).to.deep.equal([toUs, toThem]);
        expect((await peer.events(id)).filter((e) => e.event === 'private' && e.body === toThem)).to.have.length(1);

        const mentions: StoredMessage[] = [];
        (await chat.rooms()).on('mention', ({ room: where, message }) => {
          if (where === jid) mentions.push(message);
        });
        const plain = `nothing for Annabel ${unique()}`;
        const naming = `hey Anna, look ${unique()}`;
        await peer.say(id, plain);
        await peer.say(id, naming);
        await eventually(async () => (await history(chat, jid)).some((m) => m.body === naming), 'the room messages');
        const roomHistory = await history(chat, jid);
        expect(roomHistory.map((m) => m.body)).not.to.include(toUs);
        expect(roomHistory.map((m) => m.body)).not.to.include(toThem);
        expect(roomHistory.find((m) => m.body === naming)).to.include({ mentionsMe: true });
        expect(roomHistory.find((m) => m.body === plain)?.mentionsMe).to.equal(undefined);
        await eventually(() => Promise.resolve(mentions.length === 1), 'the mention event');
        expect(mentions[0].body).to.equal(naming);
      });
    });
  }
}

// Neither server of the current pair offers XEP-0425 in rooms; ejabberd 24.12 does: moderation runs there for real.
describe('moderation (XEP-0425) on ejabberd 24.12 over websocket', function () {
  this.timeout(90_000);
  const service = serviceUrl('websocket', ALL_SERVERS.ejabberd24.httpPort);
  afterEach(async () => {
    await peer.stopAll();
    await closeChats();
    await disconnectAll();
  });

  it('removes the third-party occupant’s message for everyone: slixmpp and another occupant see it removed', async () => {
    const [me, them, other] = [
      await newAccount('mod', 'ejabberd24'),
      await newAccount('peer', 'ejabberd24'),
      await newAccount('seer', 'ejabberd24'),
    ];
    const jid = newRoom();
    const chat = device(me, service);
    const room = await joined(chat, jid, 'boss');
    await eventually(() => Promise.resolve(room.info), 'the room info');
    expect(room.info?.moderation, 'the room offers moderation').to.equal(true);
    const seer = device(other, service);
    await joined(seer, jid, 'seer');
    const nick = `p-${unique()}`;
    const id = await peer.start('ejabberd24', jid, nick, { account: them });
    const said = `to remove ${unique()}`;
    await peer.say(id, said);
    const message = await eventually(async () => (await history(chat, jid)).find((m) => m.body === said), 'the peer message');
    await eventually(async () => (await history(seer, jid)).find((m) => m.body === said), 'the message at the other occupant');

    await room.moderate(message, 'off topic');
    await peer.saw(id, (e) => e.event === 'moderated', 'slixmpp to see the moderation');
    expect(await chat.store.get(jid, message.key)).to.include({ retracted: true, body: '' });
    const seen = await eventually(
      async () => (await history(seer, jid)).find((m) => m.key === message.key && m.retracted),
      'the other occupant to see it removed',
    );
    expect(seen.body).to.equal('');
    expect(seen.moderatedBy, 'by whom').to.be.a('string').and.not.equal('');
  });
});
