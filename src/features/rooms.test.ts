import { expect } from '@esm-bundle/chai';
import { StanzaError } from '../errors.ts';
import { childOf, textOf, xml } from '../stanza/element.ts';
import { RoomError } from './room-types.ts';
import { ROOM, joinsSent, occupant, setup, until } from './rooms.fixtures.ts';

describe('rooms', () => {
  it('joins on our own presence, taking in a flood of occupants in a few notices', async () => {
    const t = setup();
    const room = t.rooms.room(ROOM);
    let notices = 0;
    room.on('occupants', () => notices++);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    expect(childOf(childOf(joinsSent(t.sent)[0], 'x')!, 'history')!.attrs.maxstanzas).to.equal('0');
    for (let i = 0; i < 1000; i++) t.receive(occupant(`guest${i}`));
    expect(notices).to.equal(0);
    t.receive(occupant('me', [110]));
    await joining;
    expect(room.state).to.equal('joined');
    expect(room.occupants.size).to.equal(1001);
    expect(room.occupants.get('me')?.self).to.equal(true);
    expect(notices).to.equal(1);
  });

  it('refuses in words: a nickname taken', async () => {
    const t = setup();
    const room = t.rooms.room(ROOM);
    const joining = room.join('taken');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(
      `<presence from='${ROOM}/taken' type='error'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
    );
    const error = await joining.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RoomError);
    expect((error as RoomError).condition).to.equal('conflict');
    expect(room.state).to.equal('failed');
  });

  it('creates a room as an instant room', async () => {
    const t = setup();
    t.fake.answer = (iq) =>
      childOf(iq, 'query', 'http://jabber.org/protocol/disco#info')
        ? Promise.reject(new StanzaError('item-not-found', 'no such room'))
        : Promise.resolve(xml('iq', { type: 'result' }));
    const room = t.rooms.room(ROOM);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(occupant('me', [201, 110], "affiliation='owner' role='moderator'"));
    await joining;
    expect(t.iqs.some((iq) => childOf(iq, 'query', 'http://jabber.org/protocol/muc#owner'))).to.equal(true);
  });

  it('stores our message once: the room copy completes the pending one', async () => {
    const t = setup();
    const room = t.rooms.room(ROOM);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(occupant('me', [110]));
    await joining;
    const message = await room.send('hello');
    await until(() => t.sent.some((s) => s.name === 'message' && s.attrs.id === message.key), 'the message to go out');
    t.receive(
      `<message from='${ROOM}/me' type='groupchat' id='${message.key}'><body>hello</body><origin-id xmlns='urn:xmpp:sid:0' id='${message.key}'/><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='arch-1'/></message>`,
    );
    t.receive(
      `<message from='${ROOM}/other' type='groupchat' id='x'><body>hi</body><origin-id xmlns='urn:xmpp:sid:0' id='${message.key}'/><stanza-id xmlns='urn:xmpp:sid:0' by='${ROOM}' id='arch-2'/></message>`,
    );
    let page = await t.store.newestPage(ROOM);
    for (let i = 0; i < 100 && (page.messages.length < 2 || page.messages[0].state !== 'sent'); i++) {
      await new Promise((r) => setTimeout(r, 5));
      page = await t.store.newestPage(ROOM);
    }
    expect(page.messages.map((m) => [m.body, m.direction, m.state, m.archiveId])).to.deep.equal([
      ['hello', 'out', 'sent', 'arch-1'],
      ['hi', 'in', 'delivered', 'arch-2'],
    ]);
  });

  it('is removed when kicked, and rejoins after a new session', async () => {
    const t = setup();
    const room = t.rooms.room(ROOM);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(occupant('me', [110]));
    await joining;
    t.newSession();
    expect(room.state).to.equal('rejoining');
    await until(() => joinsSent(t.sent).length === 2, 'the join presence again');
    t.receive(occupant('me', [110]));
    await until(() => room.state === 'joined', 'joined again');
    t.receive(
      `<presence from='${ROOM}/me' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'><reason>spam</reason></item><status code='110'/><status code='307'/></x></presence>`,
    );
    expect(room.state).to.equal('failed');
    expect(room.error?.condition).to.equal('kicked');
    expect(room.error?.message).to.match(/spam/);
    t.newSession();
    await new Promise((r) => setTimeout(r, 20));
    expect(joinsSent(t.sent).length).to.equal(2);
  });

  it('after a lost session, sends again only what the room archive does not have', async () => {
    const t = setup();
    const room = t.rooms.room(ROOM);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(occupant('me', [110]));
    await joining;
    const arrived = await room.send('arrived');
    const lost = await room.send('lost');
    const out = () => t.sent.filter((s) => s.name === 'message').map((s) => s.attrs.id);
    await until(() => out().length === 2, 'both messages to go out');
    // The session is lost before any acknowledgement; the room archived only the first.
    t.fake.answer = (iq) => {
      const query = childOf(iq, 'query', 'urn:xmpp:mam:2');
      if (query && !childOf(childOf(query, 'set')!, 'after'))
        t.receive(
          `<message from='${ROOM}'><result xmlns='urn:xmpp:mam:2' queryid='${query.attrs.queryid}' id='arch-1'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='${new Date().toISOString()}'/><message from='${ROOM}/me' type='groupchat' id='${arrived.key}'><body>arrived</body><origin-id xmlns='urn:xmpp:sid:0' id='${arrived.key}'/></message></forwarded></result></message>`,
        );
      if (query) return Promise.resolve(xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' })));
      return Promise.resolve(
        xml(
          'iq',
          { type: 'result' },
          xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, xml('feature', { var: 'urn:xmpp:mam:2' })),
        ),
      );
    };
    t.newSession();
    await until(() => joinsSent(t.sent).length === 2, 'the join presence again');
    t.receive(occupant('me', [110]));
    await until(() => out().length === 3, 'the lost message to go out again');
    await new Promise((r) => setTimeout(r, 30));
    expect(out()).to.deep.equal([arrived.key, lost.key, lost.key]);
    expect((await t.store.get(ROOM, arrived.key))?.state).to.equal('sent');
    expect((await t.store.newestPage(ROOM)).messages.map((m) => m.body)).to.deep.equal(['arrived', 'lost']);
  });

  it('joins again when a self-ping says we are no longer in the room', async function () {
    this.timeout(5000);
    const t = setup();
    const room = t.rooms.room(ROOM);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(occupant('me', [110]));
    await joining;
    const answer = t.fake.answer;
    t.fake.answer = (iq) =>
      childOf(iq, 'ping', 'urn:xmpp:ping') ? Promise.reject(new StanzaError('not-acceptable', 'not in the room')) : answer(iq);
    t.pageShown();
    for (let i = 0; i < 60 && joinsSent(t.sent).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.iqs.filter((iq) => childOf(iq, 'ping', 'urn:xmpp:ping')).map((iq) => iq.attrs.to)).to.deep.equal([`${ROOM}/me`]);
    expect(room.state).to.equal('rejoining');
    expect(joinsSent(t.sent)).to.have.length(2);
  });

  it('pages back through the room archive when the store has nothing older', async () => {
    const t = setup();
    const archived = (queryid: string, id: string, seconds: number) =>
      t.receive(
        `<message from='${ROOM}'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='${id}'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2026-01-01T10:00:${seconds}Z'/><message from='${ROOM}/other' type='groupchat'><body>${id}</body></message></forwarded></result></message>`,
      );
    const befores: string[] = [];
    const answer = t.fake.answer;
    t.fake.answer = (iq) => {
      const query = childOf(iq, 'query', 'urn:xmpp:mam:2');
      if (!query) return answer(iq);
      const before = textOf(childOf(childOf(query, 'set')!, 'before'));
      befores.push(before);
      const [first, last] = before ? ['arch-1', 'arch-2'] : ['arch-3', 'arch-4'];
      archived(query.attrs.queryid, first, before ? 10 : 30);
      archived(query.attrs.queryid, last, before ? 20 : 40);
      const set = xml('set', { xmlns: 'http://jabber.org/protocol/rsm' }, xml('first', {}, first), xml('last', {}, last));
      return Promise.resolve(
        xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: before ? 'true' : 'false' }, set)),
      );
    };
    const room = t.rooms.room(ROOM);
    const joining = room.join('me');
    await until(() => joinsSent(t.sent).length === 1, 'the join presence');
    t.receive(occupant('me', [110]));
    await joining;
    await until(() => befores.length === 1, 'the catch-up');
    let newest = await room.newestPage(10);
    for (let i = 0; i < 100 && newest.messages.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 5));
      newest = await room.newestPage(10);
    }
    expect(newest.messages.map((m) => [m.body, m.state, m.nick])).to.deep.equal([
      ['arch-3', 'read', 'other'],
      ['arch-4', 'read', 'other'],
    ]);
    expect(newest.cursor).to.be.a('string');
    const older = await room.olderPage(newest.cursor!, 10);
    expect(befores).to.deep.equal(['', 'arch-3']);
    expect(older.messages.map((m) => m.body)).to.deep.equal(['arch-1', 'arch-2']);
    expect(older.cursor).to.equal(undefined);
  });
});
