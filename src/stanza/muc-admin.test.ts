import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import { namesNick, referencesUri } from './mention.ts';
import {
  buildAffiliationChange,
  buildConfigSubmit,
  buildRoleChange,
  buildSubject,
  noticeCodes,
  parseConfigFields,
  parseRoomInfo,
} from './muc-admin.ts';

const ROOM = 'coven@chat.shakespeare.lit';

// XEP-0045 example 10, with XEP-0425 and XEP-0421 features (as ejabberd 24.12 answers).
const INFO = `<iq from='${ROOM}' type='result'><query xmlns='http://jabber.org/protocol/disco#info'>
  <identity category='conference' name='A Dark Cave' type='text'/>
  <feature var='http://jabber.org/protocol/muc'/><feature var='muc_passwordprotected'/><feature var='muc_hidden'/>
  <feature var='muc_temporary'/><feature var='muc_open'/><feature var='muc_unmoderated'/><feature var='muc_nonanonymous'/>
  <feature var='urn:xmpp:message-moderate:0'/><feature var='urn:xmpp:message-moderate:1'/><feature var='urn:xmpp:occupant-id:0'/>
  <x xmlns='jabber:x:data' type='result'>
    <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roominfo</value></field>
    <field var='muc#roomconfig_roomname'><value>The Cave</value></field>
  </x>
</query></iq>`;

describe('muc admin stanzas', () => {
  it('reads what a room says of itself', () => {
    expect(parseRoomInfo(parseXml(INFO))).to.deep.equal({
      name: 'The Cave',
      moderation: 1,
      occupantId: true,
      membersOnly: false,
      passwordProtected: true,
      nonAnonymous: true,
      persistent: false,
      public: false,
    });
    const plain = parseRoomInfo(
      parseXml(`<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:message-moderate:0'/>
        <feature var='muc_membersonly'/><feature var='muc_persistent'/><feature var='muc_public'/></query></iq>`),
    );
    expect(plain).to.include({ moderation: 0, membersOnly: true, persistent: true, public: true, occupantId: false });
    expect(plain).not.to.have.property('name');
    expect(parseRoomInfo(parseXml(`<iq type='error'/>`))).to.equal(undefined);
  });

  it('builds the subject, role and affiliation changes of XEP-0045', () => {
    const subject = buildSubject(ROOM, 'Fire Burn');
    expect(subject.attrs).to.include({ to: ROOM, type: 'groupchat' });
    expect(toXmlString(childOf(subject, 'subject')!)).to.equal('<subject>Fire Burn</subject>');
    // Example 89 (kick) and 115 (ban).
    expect(toXmlString(childOf(buildRoleChange(ROOM, 'pistol', 'none', 'Avaunt, you cullion!'), 'query')!)).to.equal(
      `<query xmlns="http://jabber.org/protocol/muc#admin"><item nick="pistol" role="none"><reason>Avaunt, you cullion!</reason></item></query>`,
    );
    const ban = buildAffiliationChange(ROOM, 'earlofcambridge@shakespeare.lit', 'outcast');
    expect(ban.attrs).to.include({ type: 'set', to: ROOM });
    expect(toXmlString(childOf(ban, 'query')!)).to.equal(
      `<query xmlns="http://jabber.org/protocol/muc#admin"><item jid="earlofcambridge@shakespeare.lit" affiliation="outcast"/></query>`,
    );
  });

  it('reads the configuration form and submits only the fields given', () => {
    const form = parseXml(`<iq type='result' from='${ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'>
      <x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
      <field var='muc#roomconfig_roomname' type='text-single'/><field var='muc#roomconfig_membersonly' type='boolean'/></x></query></iq>`);
    expect([...parseConfigFields(form)!]).to.deep.equal(['FORM_TYPE', 'muc#roomconfig_roomname', 'muc#roomconfig_membersonly']);
    const submit = buildConfigSubmit(ROOM, { 'muc#roomconfig_membersonly': '1' });
    expect(toXmlString(childOf(submit, 'query')!)).to.equal(
      `<query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE"><value>http://jabber.org/protocol/muc#roomconfig</value></field><field var="muc#roomconfig_membersonly"><value>1</value></field></x></query>`,
    );
  });

  it('reads a room notice’s status codes (104: the configuration changed)', () => {
    const notice = parseXml(
      `<message from='${ROOM}' type='groupchat'><x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>`,
    );
    expect(noticeCodes(notice)).to.deep.equal([104]);
    expect(noticeCodes(parseXml(`<message/>`))).to.deep.equal([]);
  });
});

describe('mentions', () => {
  it('finds our nickname as a word of its own, in any case', () => {
    expect(namesNick('hello Alice, how are you?', 'alice')).to.equal(true);
    expect(namesNick('@ALICE look', 'alice')).to.equal(true);
    expect(namesNick('alice', 'Alice')).to.equal(true);
    expect(namesNick('malice aforethought', 'alice')).to.equal(false);
    expect(namesNick('alicex and alice_2', 'alice')).to.equal(false);
    expect(namesNick('Zoë!', 'zoë')).to.equal(true);
    expect(namesNick('anything', undefined)).to.equal(false);
    expect(namesNick('anything', ' ')).to.equal(false);
  });

  it('finds a XEP-0372 mention of our occupant address', () => {
    const message = parseXml(`<message type='groupchat'><body>hi you</body>
      <reference xmlns='urn:xmpp:reference:0' type='mention' begin='3' end='6' uri='xmpp:${ROOM}/alice'/></message>`);
    expect(referencesUri(message, `xmpp:${ROOM}/alice`)).to.equal(true);
    expect(referencesUri(message, `xmpp:${ROOM}/bob`)).to.equal(false);
  });
});
