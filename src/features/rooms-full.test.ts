import { expect } from '@esm-bundle/chai';
import { StanzaError } from '../errors.ts';
import { parseXml } from '../stanza/dom.ts';
import { childOf, toXmlString, type XmlElement } from '../stanza/element.ts';
import { createMemoryBackend } from '../storage/memory-backend.ts';
import type { StoredMessage } from '../storage/index.ts';
import { createRoomIntake } from './room-intake.ts';
import { RoomError, type RoomBookmark, type RoomInvitation } from './room-types.ts';
import { ROOM, joinedRoom, joinsSent, setup, until } from './rooms.fixtures.ts';

const NS_INFO = 'http://jabber.org/protocol/disco#info';
const result = (inner = '') => Promise.resolve(parseXml(`<iq type='result'>${inner}</iq>`));
const roomInfo = (features: string[]) => (iq: XmlElement) =>
  iq.attrs.to === ROOM && childOf(iq, 'query', NS_INFO)
    ? result(`<query xmlns='${NS_INFO}'>${['urn:xmpp:mam:2', ...features].map((f) => `<feature var='${f}'/>`).join('')}</query>`)
    : undefined;
const said = (t: ReturnType<typeof setup>, nick: string, body: string, id: string, extra = '') =>
  t.receive(
    `<message from='${ROOM}/${nick}' type='groupchat' id='${id}'><body>${body}</body><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='${id}'/>${extra}</message>`,
  );
const stored = async (t: ReturnType<typeof setup>, id: string): Promise<StoredMessage | undefined> => {
  const found = await t.store.findById(id, ROOM);
  return found && t.store.get(ROOM, found.key);
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as RoomError,
  );

describe('rooms in full mode', () => {
  it('reads the room’s info after joining and again on status 104; knows our own occupant entry', async () => {
    let features = ['muc_membersonly', 'urn:xmpp:message-moderate:1'];
    const t = setup({ answer: (iq) => roomInfo(features)(iq) });
    const infos: unknown[] = [];
    t.rooms.room(ROOM).on('info', (info) => infos.push(info));
    const room = await joinedRoom(t);
    await until(() => infos.length === 1, 'the room info');
    expect(room.info).to.include({ membersOnly: true, moderation: true, occupantId: false });
    expect(room.self).to.include({ nick: 'me', role: 'moderator', affiliation: 'owner', self: true });
    features = ['muc_persistent'];
    t.receive(`<message from='${ROOM}' type='groupchat'><x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>`);
    await until(() => infos.length === 2, 'the info read again');
    expect(room.info).to.include({ membersOnly: false, moderation: false, persistent: true });
  });

  it('changes the subject, and a reload shows the kept subject before joining', async () => {
    const backend = createMemoryBackend();
    const t = setup({ backend });
    const room = await joinedRoom(t);
    const changing = room.setSubject('Fire Burn');
    const out = t.sent.find((s) => s.name === 'message' && childOf(s, 'subject'))!;
    expect(toXmlString(childOf(out, 'subject')!)).to.equal('<subject>Fire Burn</subject>');
    t.receive(`<message from='${ROOM}/me' type='groupchat' id='${out.attrs.id}'><subject>Fire Burn</subject></message>`);
    await changing;
    expect(room.subject).to.equal('Fire Burn');
    await new Promise((r) => setTimeout(r, 20));
    const reloaded = setup({ backend }).rooms.room(ROOM);
    await until(() => reloaded.subject === 'Fire Burn', 'the kept subject');
    expect(reloaded.state).to.equal('idle');
  });

  it('refuses a subject change, a kick and a moderation in words', async () => {
    const t = setup({
      answer: (iq) =>
        childOf(iq, 'query', 'http://jabber.org/protocol/muc#admin')
          ? Promise.reject(new StanzaError('not-allowed', 'not allowed', 'cancel', 'Only moderators may'))
          : undefined,
    });
    const room = await joinedRoom(t, "affiliation='none' role='participant'");
    const changing = room.setSubject('mine now');
    const out = t.sent.find((s) => s.name === 'message' && childOf(s, 'subject'))!;
    t.receive(
      `<message from='${ROOM}' type='error' id='${out.attrs.id}'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
    );
    const refused = await failure(changing);
    expect(refused).to.be.instanceOf(RoomError);
    expect([refused.condition, refused.message]).to.deep.equal([
      'forbidden',
      'Could not change the subject: you are not allowed to do this in this room.',
    ]);
    const kick = await failure(room.kick('dave', 'spam'));
    expect(kick.condition).to.equal('not-allowed');
    expect(kick.message).to.equal('Could not remove “dave”: the room does not allow this. The room said: “Only moderators may”');
    const item = childOf(childOf(t.iqs.at(-1)!, 'query')!, 'item')!;
    expect(item.attrs).to.deep.equal({ nick: 'dave', role: 'none' });
    const message = { key: 'k', peer: ROOM, archiveId: 'a1' } as StoredMessage;
    expect((await failure(room.moderate(message))).condition).to.equal('feature-not-implemented');
  });

  it('moderates (XEP-0425 0.3), and applies the room’s announcements (0.2 and 0.3)', async () => {
    const t = setup({ answer: (iq) => roomInfo(['urn:xmpp:message-moderate:1'])(iq) });
    const room = await joinedRoom(t);
    await until(() => room.info, 'the room info');
    said(t, 'mallory', 'spam one', 'a1');
    said(t, 'mallory', 'spam two', 'a2');
    await until(async () => (await stored(t, 'a2'))?.body === 'spam two', 'the messages');
    await room.moderate((await stored(t, 'a1'))!, 'spam');
    const request = childOf(t.iqs.at(-1)!, 'moderate', 'urn:xmpp:message-moderate:1')!;
    expect(request.attrs.id).to.equal('a1');
    expect(await stored(t, 'a1')).to.include({ body: '', retracted: true, moderatedBy: `${ROOM}/me` });
    // Another moderator, in the older form.
    t.receive(`<message type='groupchat' from='${ROOM}'><apply-to id='a2' xmlns='urn:xmpp:fasten:0'>
      <moderated by='${ROOM}/boss' xmlns='urn:xmpp:message-moderate:0'><retract xmlns='urn:xmpp:message-retract:0'/></moderated></apply-to></message>`);
    await until(async () => (await stored(t, 'a2'))?.retracted, 'the announced moderation');
    expect(await stored(t, 'a2')).to.include({ body: '', moderatedBy: `${ROOM}/boss` });
    const page = await room.newestPage();
    expect(page.messages.map((m) => m.body)).to.deep.equal(['', '']);
  });

  it('keeps an archive’s tombstone as a moderated message, replacing the copy held', async () => {
    const t = setup();
    const take = createRoomIntake({ store: t.store, room: ROOM, nick: () => 'me', occupantId: () => undefined, mentioned: () => {} });
    const tombstone = (v: string) =>
      parseXml(`<message type='groupchat' from='${ROOM}/mallory'><retracted stamp='2026-01-01T00:00:09Z' xmlns='urn:xmpp:message-retract:1'>
        <moderated by='${ROOM}/${v}' xmlns='urn:xmpp:message-moderate:1'/></retracted></message>`);
    await take(parseXml(`<message type='groupchat' from='${ROOM}/mallory'><body>spam</body></message>`), {
      archived: { id: 'a1', stamp: '2026-01-01T00:00:01Z' },
    });
    await take(tombstone('boss'), { archived: { id: 'a1', stamp: '2026-01-01T00:00:01Z' } });
    await take(tombstone('boss2'), { archived: { id: 'a2', stamp: '2026-01-01T00:00:02Z' } });
    expect((await t.store.newestPage(ROOM)).messages.map((m) => [m.archiveId, m.body, m.retracted, m.moderatedBy, m.nick])).to.deep.equal([
      ['a1', '', true, `${ROOM}/boss`, 'mallory'],
      ['a2', '', true, `${ROOM}/boss2`, 'mallory'],
    ]);
  });

  it('marks messages that name us; only live ones are news', async () => {
    const t = setup();
    const room = await joinedRoom(t);
    const heard: string[] = [];
    room.on('mention', (m) => heard.push(`room: ${m.body}`));
    t.rooms.on('mention', ({ room: jid, message }) => heard.push(`rooms ${jid}: ${message.body}`));
    said(t, 'dave', 'hello ME!', 'm1');
    said(t, 'dave', 'hello meg', 'm2');
    said(t, 'dave', 'you there?', 'm3', `<reference xmlns='urn:xmpp:reference:0' type='mention' uri='xmpp:${ROOM}/me'/>`);
    said(t, 'dave', 'me again, from before', 'm4', `<delay xmlns='urn:xmpp:delay' from='${ROOM}' stamp='2026-01-01T00:00:00Z'/>`);
    await until(async () => (await stored(t, 'm4')) !== undefined, 'the messages');
    expect((await room.newestPage()).messages.map((m) => [m.body, m.mentionsMe ?? false])).to.deep.equal([
      ['me again, from before', true],
      ['hello ME!', true],
      ['hello meg', false],
      ['you there?', true],
    ]);
    expect(heard).to.deep.equal([`rooms ${ROOM}: hello ME!`, 'room: hello ME!', `rooms ${ROOM}: you there?`, 'room: you there?']);
  });

  it('tells each invitation once, invites (mediated too for members-only rooms) and declines', async () => {
    const t = setup({ answer: (iq) => roomInfo(['muc_membersonly'])(iq) });
    const invitations: RoomInvitation[] = [];
    t.rooms.on('invitation', (i) => invitations.push(i));
    const other = 'den@conference.example.org';
    const direct = `<message from='bob@example.org/pc' id='i1'><x xmlns='jabber:x:conference' jid='${other}' reason='come'/></message>`;
    t.receive(direct);
    t.receive(
      `<message from='${other}' id='i2'><x xmlns='http://jabber.org/protocol/muc#user'><invite from='bob@example.org/pc'><reason>come</reason></invite></x></message>`,
    );
    t.receive(direct.replace('</message>', `<delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/></message>`));
    await new Promise((r) => setTimeout(r, 30));
    expect(invitations).to.deep.equal([{ room: other, from: 'bob@example.org', reason: 'come' }]);
    await t.rooms.decline(invitations[0], 'busy');
    expect(toXmlString(childOf(t.sent.at(-1)!, 'x')!)).to.equal(
      `<x xmlns="http://jabber.org/protocol/muc#user"><decline to="bob@example.org"><reason>busy</reason></decline></x>`,
    );

    const room = await joinedRoom(t);
    await until(() => room.info, 'the room info');
    const before = t.sent.length;
    await room.invite('carol@example.org', 'join us');
    const [first, second] = t.sent.slice(before);
    expect([first.attrs.to, childOf(first, 'x', 'jabber:x:conference')?.attrs.jid]).to.deep.equal(['carol@example.org', ROOM]);
    expect([second.attrs.to, childOf(childOf(second, 'x')!, 'invite')?.attrs.to]).to.deep.equal([ROOM, 'carol@example.org']);
  });

  it('sends private messages to the occupant’s address, with the MUC user namespace', async () => {
    const t = setup();
    const room = await joinedRoom(t);
    const message = await room.sendPrivate('dave', 'psst');
    expect(message.peer).to.equal(`${ROOM}/dave`);
    expect(t.privates.map((p) => [p.peer, p.body, toXmlString(p.payload[0])])).to.deep.equal([
      [`${ROOM}/dave`, 'psst', `<x xmlns="http://jabber.org/protocol/muc#user"/>`],
    ]);
    expect((await failure(room.sendPrivate('', 'x'))).condition).to.equal('jid-malformed');
  });

  it('reads XEP-0402 bookmarks at sign-in, joins those with autojoin, follows other devices, and saves', async () => {
    const items = `<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:bookmarks:1'>
      <item id='${ROOM}'><conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'><nick>Me2</nick></conference></item>
      <item id='quiet@conference.example.org'><conference xmlns='urn:xmpp:bookmarks:1' autojoin='false'/></item></items></pubsub>`;
    const t = setup({ answer: (iq) => (childOf(iq, 'pubsub') && !childOf(childOf(iq, 'pubsub')!, 'publish') ? result(items) : undefined) });
    const lists: RoomBookmark[][] = [];
    t.rooms.on('bookmarks', (list) => lists.push(list));
    expect((await t.rooms.bookmarks()).map((b) => b.jid)).to.deep.equal([ROOM, 'quiet@conference.example.org']);
    await until(() => joinsSent(t.sent).length === 1, 'the autojoin');
    expect(joinsSent(t.sent)[0].attrs.to).to.equal(`${ROOM}/Me2`);
    expect(t.rooms.isRoom('quiet@conference.example.org')).to.equal(true);
    expect(t.rooms.isRoom('bob@example.org')).to.equal(false);

    // Added on another device, with autojoin: joined here too.
    t.receive(`<message from='me@example.org' type='headline'><event xmlns='http://jabber.org/protocol/pubsub#event'>
      <items node='urn:xmpp:bookmarks:1'><item id='new@conference.example.org'><conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'/></item></items></event></message>`);
    await until(() => joinsSent(t.sent).length === 2, 'the new bookmark joined');
    expect(joinsSent(t.sent)[1].attrs.to).to.equal('new@conference.example.org/me');
    // Someone else's notification is not about our bookmarks.
    t.receive(`<message from='eve@example.org' type='headline'><event xmlns='http://jabber.org/protocol/pubsub#event'>
      <items node='urn:xmpp:bookmarks:1'><retract id='${ROOM}'/></items></event></message>`);
    t.receive(`<message from='me@example.org' type='headline'><event xmlns='http://jabber.org/protocol/pubsub#event'>
      <items node='urn:xmpp:bookmarks:1'><retract id='quiet@conference.example.org'/></items></event></message>`);
    await until(() => lists.at(-1)?.length === 2, 'the removal from another device');
    expect(lists.at(-1)!.map((b) => b.jid)).to.deep.equal([ROOM, 'new@conference.example.org']);

    await t.rooms.saveBookmark({ jid: 'third@conference.example.org', name: 'Third', autojoin: false });
    const publish = childOf(childOf(t.iqs.at(-1)!, 'pubsub')!, 'publish')!;
    expect(childOf(publish, 'item')!.attrs.id).to.equal('third@conference.example.org');
    await t.rooms.removeBookmark(ROOM);
    expect(childOf(childOf(childOf(t.iqs.at(-1)!, 'pubsub')!, 'retract')!, 'item')!.attrs.id).to.equal(ROOM);
    expect((await t.rooms.bookmarks()).map((b) => b.jid)).to.deep.equal(['new@conference.example.org', 'third@conference.example.org']);
  });

  it('falls back to private XML storage (XEP-0048), rewriting the whole list', async () => {
    let storage = `<conference jid='${ROOM}' autojoin='true'/><url url='https://example.org/' name='site'/>`;
    const t = setup({
      native: false,
      answer: (iq) => {
        const query = childOf(iq, 'query', 'jabber:iq:private');
        if (!query) return undefined;
        if (iq.attrs.type === 'set') {
          storage = toXmlString(childOf(query, 'storage')!).replace(/^<storage[^>]*>|<\/storage>$/g, '');
          return result();
        }
        return result(`<query xmlns='jabber:iq:private'><storage xmlns='storage:bookmarks'>${storage}</storage></query>`);
      },
    });
    await until(() => joinsSent(t.sent).length === 1, 'the autojoin');
    await t.rooms.saveBookmark({ jid: 'two@conference.example.org', nick: 'N', autojoin: false });
    expect(storage).to.equal(
      `<conference jid="${ROOM}" autojoin="true"/><conference jid="two@conference.example.org" autojoin="false"><nick>N</nick></conference><url url="https://example.org/" name="site"/>`,
    );
    // Its copy in PEP (XEP-0411) tells of changes on other devices.
    t.receive(`<message from='me@example.org'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='storage:bookmarks'>
      <item id='current'><storage xmlns='storage:bookmarks'><conference jid='two@conference.example.org' autojoin='true'/></storage></item></items></event></message>`);
    await until(async () => (await t.rooms.bookmarks()).length === 1, 'the list from another device');
    expect((await t.rooms.bookmarks()).map((b) => [b.jid, b.autojoin])).to.deep.equal([['two@conference.example.org', true]]);
  });
});
