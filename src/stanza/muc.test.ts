import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import {
  buildInstantRoom,
  buildJoin,
  buildLeave,
  buildRoomMessage,
  parseOccupantPresence,
  parseRoomError,
  parseRoomMessage,
  removalOf,
} from './muc.ts';
import { buildSelfPing, readSelfPing } from './self-ping.ts';

const ROOM = 'coven@chat.shakespeare.lit';

// XEP-0045 example 24 with an occupant id (XEP-0421): our own presence, the room says so with 110.
const SELF = `<presence xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch' to='hag66@shakespeare.lit/pda' id='n13mt3l'>
  <x xmlns='http://jabber.org/protocol/muc#user'>
    <item affiliation='member' jid='hag66@shakespeare.lit/pda' role='participant'/>
    <status code='100'/><status code='110'/><status code='210'/>
  </x>
  <occupant-id xmlns='urn:xmpp:occupant-id:0' id='dd72603deec90a38ba552f7c68cbcc61bca202cd'/>
</presence>`;

const OTHER = `<presence from='coven@chat.shakespeare.lit/firstwitch' to='hag66@shakespeare.lit/pda'>
  <show>away</show>
  <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='moderator'/></x>
</presence>`;

const KICKED = `<presence from='coven@chat.shakespeare.lit/pistol' to='pistol@shakespeare.lit/harfleur' type='unavailable'>
  <x xmlns='http://jabber.org/protocol/muc#user'>
    <item affiliation='none' role='none'><actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason></item>
    <status code='110'/><status code='307'/>
  </x>
</presence>`;

const NICK_CHANGE = `<presence from='coven@chat.shakespeare.lit/thirdwitch' type='unavailable'>
  <x xmlns='http://jabber.org/protocol/muc#user'>
    <item affiliation='member' jid='hag66@shakespeare.lit/pda' nick='oldhag' role='participant'/>
    <status code='303'/><status code='110'/>
  </x>
</presence>`;

const DESTROYED = `<presence from='heath@chat.shakespeare.lit/wiccarocks' type='unavailable'>
  <x xmlns='http://jabber.org/protocol/muc#user'>
    <item affiliation='none' role='none'/>
    <destroy jid='coven@chat.shakespeare.lit'><reason>Macbeth doth come.</reason></destroy>
  </x>
</presence>`;

const CONFLICT = `<presence from='coven@chat.shakespeare.lit/thirdwitch' type='error'>
  <x xmlns='http://jabber.org/protocol/muc'/>
  <error by='coven@chat.shakespeare.lit' type='cancel'>
    <conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
  </error>
</presence>`;

// A live message as Prosody sends it: the room's stanza-id, and a forged one by someone else.
const LIVE = `<message from='coven@chat.shakespeare.lit/firstwitch' type='groupchat' id='m1'>
  <body>Thrice the brinded cat hath mew'd.</body>
  <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
  <stanza-id xmlns='urn:xmpp:sid:0' id='forged' by='coven@chat.shakespeare.lit/firstwitch'/>
  <stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='coven@chat.shakespeare.lit'/>
  <occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ1'/>
</message>`;

const SUBJECT = `<message from='coven@chat.shakespeare.lit/secondwitch' type='groupchat' id='lh2bs617'>
  <subject>Fire Burn and Cauldron Bubble!</subject>
</message>`;

describe('muc stanzas', () => {
  it('builds the join with history and password, and the leave', () => {
    const join = buildJoin({ room: ROOM, nick: 'thirdwitch', password: 'cauldronburn', history: { maxstanzas: 0 } });
    expect(join.attrs.to).to.equal(`${ROOM}/thirdwitch`);
    expect(toXmlString(childOf(join, 'x')!)).to.equal(
      '<x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/><password>cauldronburn</password></x>',
    );
    expect(toXmlString(childOf(buildJoin({ room: ROOM, nick: 'a' }), 'x')!)).to.equal('<x xmlns="http://jabber.org/protocol/muc"/>');
    const leave = buildLeave(ROOM, 'thirdwitch');
    expect([leave.attrs.type, leave.attrs.to]).to.deep.equal(['unavailable', `${ROOM}/thirdwitch`]);
  });

  it('reads our own presence: roles, occupant id, status codes', () => {
    const self = parseOccupantPresence(parseXml(SELF))!;
    expect(self).to.deep.include({ room: ROOM, nick: 'thirdwitch', type: 'available', role: 'participant', affiliation: 'member' });
    expect(self.jid).to.equal('hag66@shakespeare.lit');
    expect(self.occupantId).to.equal('dd72603deec90a38ba552f7c68cbcc61bca202cd');
    expect(self.codes).to.deep.equal([100, 110, 210]);
    const other = parseOccupantPresence(parseXml(OTHER))!;
    expect(other).to.deep.include({ nick: 'firstwitch', role: 'moderator', affiliation: 'owner', show: 'away' });
    expect(other.jid).to.equal(undefined);
  });

  it('tells a kick, a nick change and a destroyed room apart', () => {
    const kicked = parseOccupantPresence(parseXml(KICKED))!;
    expect(removalOf(kicked)).to.equal('kicked');
    expect(kicked.reason).to.equal('Avaunt, you cullion!');
    const renamed = parseOccupantPresence(parseXml(NICK_CHANGE))!;
    expect(renamed.newNick).to.equal('oldhag');
    expect(removalOf(renamed)).to.equal(undefined);
    const destroyed = parseOccupantPresence(parseXml(DESTROYED))!;
    expect(removalOf(destroyed)).to.equal('destroyed');
    expect(destroyed.destroyed).to.deep.equal({ alternate: ROOM, reason: 'Macbeth doth come.' });
  });

  it('ignores presence that is not from an occupant', () => {
    expect(parseOccupantPresence(parseXml(`<presence from='romeo@montague.lit/orchard'/>`))).to.equal(undefined);
    expect(
      parseOccupantPresence(parseXml(`<presence from='${ROOM}'><x xmlns='http://jabber.org/protocol/muc#user'/></presence>`)),
    ).to.equal(undefined);
    expect(parseOccupantPresence(parseXml(CONFLICT))).to.equal(undefined);
  });

  it('reads a join error', () => {
    expect(parseRoomError(parseXml(CONFLICT))).to.deep.equal({ room: ROOM, nick: 'thirdwitch', condition: 'conflict' });
  });

  it('reads messages: body, nick, the room stanza-id only, occupant id', () => {
    const message = parseRoomMessage(parseXml(LIVE), ROOM)!;
    expect(message).to.deep.equal({
      room: ROOM,
      nick: 'firstwitch',
      body: "Thrice the brinded cat hath mew'd.",
      id: 'm1',
      originId: 'o1',
      stanzaId: 's1',
      occupantId: 'occ1',
    });
    expect(parseRoomMessage(parseXml(LIVE), 'other@chat.shakespeare.lit')).to.equal(undefined);
    expect(parseRoomMessage(parseXml(LIVE.replace("type='groupchat'", "type='chat'")))).to.equal(undefined);
  });

  it('reads a subject change, and history replayed by the room', () => {
    expect(parseRoomMessage(parseXml(SUBJECT))).to.deep.include({ nick: 'secondwitch', subject: 'Fire Burn and Cauldron Bubble!' });
    const cleared = parseRoomMessage(parseXml(`<message from='${ROOM}' type='groupchat'><subject/></message>`))!;
    expect(cleared.subject).to.equal('');
    const replay = parseRoomMessage(
      parseXml(
        `<message from='${ROOM}/a' type='groupchat'><body>x</body><delay xmlns='urn:xmpp:delay' stamp='2002-10-13T23:58:37Z' from='${ROOM}'/></message>`,
      ),
    )!;
    expect(replay.delay).to.equal('2002-10-13T23:58:37Z');
  });

  it('builds a message, an instant room and a self-ping', () => {
    const message = buildRoomMessage(ROOM, 'hi', 'k1');
    expect(message.attrs).to.deep.include({ to: ROOM, type: 'groupchat', id: 'k1' });
    expect(toXmlString(buildInstantRoom(ROOM).children[0] as never)).to.equal(
      '<query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query>',
    );
    const ping = buildSelfPing(ROOM, 'thirdwitch');
    expect([ping.attrs.type, ping.attrs.to]).to.deep.equal(['get', `${ROOM}/thirdwitch`]);
  });

  it('reads self-ping answers as XEP-0410 says', () => {
    const error = (condition: string) =>
      parseXml(
        `<iq type='error' from='${ROOM}/a'><error type='cancel'><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`,
      );
    expect(readSelfPing(parseXml(`<iq type='result' from='${ROOM}/a'/>`))).to.equal('joined');
    expect(readSelfPing(error('service-unavailable'))).to.equal('joined');
    expect(readSelfPing(error('feature-not-implemented'))).to.equal('joined');
    expect(readSelfPing(error('item-not-found'))).to.equal('joined');
    expect(readSelfPing(error('not-acceptable'))).to.equal('not-joined');
    expect(readSelfPing(error('remote-server-timeout'))).to.equal('unknown');
  });
});
