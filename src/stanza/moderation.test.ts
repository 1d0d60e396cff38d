import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import { buildModerate, parseModeration, parseTombstone } from './moderation.ts';

const ROOM = 'room@muc.example.com';

describe('moderation stanzas (XEP-0425)', () => {
  it('asks the room in the version it offers', () => {
    const v1 = buildModerate(ROOM, 'stanza-id-1', 1, 'spam');
    expect(v1.attrs).to.include({ type: 'set', to: ROOM });
    expect(toXmlString(childOf(v1, 'moderate')!)).to.equal(
      `<moderate xmlns="urn:xmpp:message-moderate:1" id="stanza-id-1"><retract xmlns="urn:xmpp:message-retract:1"/><reason>spam</reason></moderate>`,
    );
    expect(toXmlString(childOf(buildModerate(ROOM, 'stanza-id-1', 0), 'apply-to')!)).to.equal(
      `<apply-to xmlns="urn:xmpp:fasten:0" id="stanza-id-1"><moderate xmlns="urn:xmpp:message-moderate:0"><retract xmlns="urn:xmpp:message-retract:0"/></moderate></apply-to>`,
    );
  });

  it('reads the room’s announcement in both versions, only from the room itself', () => {
    const v1 = `<message type='groupchat' from='${ROOM}' id='retraction-id-1'>
      <retract id='stanza-id-1' xmlns='urn:xmpp:message-retract:1'>
        <moderated by='${ROOM}/macbeth' xmlns='urn:xmpp:message-moderate:1'><occupant-id xmlns='urn:xmpp:occupant-id:0' id='dd72603d'/></moderated>
        <reason>This message contains inappropriate content for this forum</reason>
      </retract><fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/><body>This person attempted to retract a previous message</body></message>`;
    expect(parseModeration(parseXml(v1), ROOM)).to.deep.equal({
      id: 'stanza-id-1',
      by: `${ROOM}/macbeth`,
      reason: 'This message contains inappropriate content for this forum',
    });
    const v0 = `<message type='groupchat' from='${ROOM}' id='retraction-id-1'>
      <apply-to id='stanza-id-1' xmlns='urn:xmpp:fasten:0'>
        <moderated by='${ROOM}/macbeth' xmlns='urn:xmpp:message-moderate:0'><retract xmlns='urn:xmpp:message-retract:0'/><reason>spam</reason></moderated>
      </apply-to></message>`;
    expect(parseModeration(parseXml(v0), ROOM)).to.deep.equal({ id: 'stanza-id-1', by: `${ROOM}/macbeth`, reason: 'spam' });
    // From an occupant (anyone could write one), or another room: not a moderation.
    expect(parseModeration(parseXml(v1.replace(`from='${ROOM}'`, `from='${ROOM}/mallory'`)), ROOM)).to.equal(undefined);
    expect(parseModeration(parseXml(v1), 'other@muc.example.com')).to.equal(undefined);
    expect(parseModeration(parseXml(`<message type='groupchat' from='${ROOM}'><body>hi</body></message>`), ROOM)).to.equal(undefined);
  });

  it('reads an archive’s tombstones in both versions', () => {
    const v1 = parseXml(`<message type='groupchat' from='${ROOM}/mallory'>
      <retracted stamp='2019-09-20T23:09:32Z' xmlns='urn:xmpp:message-retract:1'>
        <moderated by='${ROOM}/macbeth' xmlns='urn:xmpp:message-moderate:1'/><reason>spam</reason></retracted></message>`);
    expect(parseTombstone(v1, 'arch-1')).to.deep.equal({ id: 'arch-1', by: `${ROOM}/macbeth`, reason: 'spam' });
    const v0 = parseXml(`<message type='groupchat' from='${ROOM}/mallory'>
      <moderated by='${ROOM}/macbeth' xmlns='urn:xmpp:message-moderate:0'><retracted stamp='2019-09-20T23:09:32Z' xmlns='urn:xmpp:message-retract:0'/></moderated></message>`);
    expect(parseTombstone(v0, 'arch-2')).to.deep.equal({ id: 'arch-2', by: `${ROOM}/macbeth` });
    expect(parseTombstone(parseXml(`<message type='groupchat'><body>hi</body></message>`), 'arch-3')).to.equal(undefined);
  });
});
