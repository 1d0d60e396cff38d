import { expect } from '@esm-bundle/chai';
import { parseXml } from '../stanza/dom.ts';
import { childOf, textOf } from '../stanza/element.ts';
import { withBody } from './omemo-open.ts';

/** An OMEMO 0.3 message as it may arrive: a file link and a reply beside the sealed body, in the clear. */
const ARRIVED = parseXml(`<message xmlns='jabber:client' from='bob@example.org/phone' type='chat' id='m1'>
  <body>I sent you an OMEMO encrypted message but your client doesn’t seem to support that.</body>
  <encrypted xmlns='eu.siacs.conversations.axolotl'><header sid='1'><iv>AAAA</iv></header><payload>AAAA</payload></encrypted>
  <x xmlns='jabber:x:oob'><url>https://evil.example/invoice.pdf</url></x>
  <file-sharing xmlns='urn:xmpp:sfs:0'><sources><url-data xmlns='http://jabber.org/protocol/url-data' target='https://evil.example/a.png'/></sources></file-sharing>
  <reply xmlns='urn:xmpp:reply:0' to='alice@example.org' id='m0'/>
  <store xmlns='urn:xmpp:hints'/></message>`);

describe('an opened OMEMO message', () => {
  it('has the decrypted text as its only body', () => {
    const opened = withBody(ARRIVED, 'the real text');
    expect(opened.children.filter((c) => typeof c !== 'string' && c.name === 'body').length).to.equal(1);
    expect(textOf(childOf(opened, 'body'))).to.equal('the real text');
  });

  it('drops shared files in the clear beside the seal, and keeps the other elements', () => {
    const opened = withBody(ARRIVED, 'the real text');
    const names = opened.children.flatMap((c) => (typeof c === 'string' ? [] : [c.attrs.xmlns ?? c.name]));
    expect(names).to.not.include('jabber:x:oob');
    expect(names).to.not.include('urn:xmpp:sfs:0');
    expect(names).to.include.members(['eu.siacs.conversations.axolotl', 'urn:xmpp:reply:0', 'urn:xmpp:hints']);
  });
});
