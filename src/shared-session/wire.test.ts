import { expect } from '@esm-bundle/chai';
import { parseXml } from '../stanza/dom.ts';
import { passes } from './wire.ts';

const STANZAS = {
  message: "<message xmlns='jabber:client' to='bob@example.org' type='chat' id='m1'><body>hi</body></message>",
  request: "<iq xmlns='jabber:client' type='get' id='q1'><query xmlns='jabber:iq:roster'/></iq>",
  reply: "<iq xmlns='jabber:client' type='result' id='ping-7' to='example.org'/>",
  offline: "<presence xmlns='jabber:client' type='unavailable'/>",
  leaveRoom: "<presence xmlns='jabber:client' type='unavailable' to='room@muc.example.org/me'/>",
  available: "<presence xmlns='jabber:client'><show>away</show></presence>",
  inactive: "<inactive xmlns='urn:xmpp:csi:0'/>",
  active: "<active xmlns='urn:xmpp:csi:0'/>",
  receipt: "<message xmlns='jabber:client' to='bob@example.org/phone' id='r1'><received xmlns='urn:xmpp:receipts' id='m9'/></message>",
};
type Name = keyof typeof STANZAS;
const passing = (role: 'lead' | 'follow', followed: boolean) =>
  (Object.keys(STANZAS) as Name[]).filter((name) => passes(role, followed, parseXml(STANZAS[name])));

describe('which stanzas of a tab go out over a shared session', () => {
  it('a lead alone sends everything', () => {
    expect(passing('lead', false)).to.deep.equal(Object.keys(STANZAS));
  });

  it('a followed lead neither goes offline nor says it is inactive', () => {
    expect(passing('lead', true)).to.deep.equal(['message', 'request', 'reply', 'leaveRoom', 'available', 'active', 'receipt']);
  });

  it('a follower passes on its own messages, requests and presence, not replies, receipts, going offline or client state', () => {
    expect(passing('follow', true)).to.deep.equal(['message', 'request', 'leaveRoom', 'available']);
  });
});
