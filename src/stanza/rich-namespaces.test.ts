import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { xml } from './element.ts';
import { buildSharedFile } from './file-share.ts';
import { hostileCorpus } from './hostile-corpus.fixtures.ts';
import { buildReactions } from './reactions.ts';
import { buildReply } from './reply.ts';
import { buildRetraction } from './retraction.ts';
import { hasRichContent } from './rich-namespaces.ts';

const message = (payload: string) =>
  parseXml(
    `<message xmlns='jabber:client' from='ann@localhost/a' to='bob@localhost' type='chat' id='m1'><body>hi</body>${payload}</message>`,
  );

describe('rich message content', () => {
  it('picks messages with a child in a rich namespace', () => {
    for (const payload of [
      `<x xmlns='jabber:x:oob'><url>https://a.localhost/x</url></x>`,
      `<file-sharing xmlns='urn:xmpp:sfs:0'/>`,
      `<reactions xmlns='urn:xmpp:reactions:0' id='a'/>`,
      `<reply xmlns='urn:xmpp:reply:0' id='a'/>`,
      `<fallback xmlns='urn:xmpp:fallback:0'/>`,
      `<retract xmlns='urn:xmpp:message-retract:1' id='a'/>`,
      `<retracted xmlns='urn:xmpp:message-retract:0' stamp='2019-09-20T23:09:32Z'/>`,
      `<apply-to xmlns='urn:xmpp:fasten:0' id='a'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>`,
    ])
      expect(hasRichContent(message(payload)), payload).to.equal(true);
  });

  it('picks what our builders make', () => {
    const to = 'bob@localhost';
    expect(hasRichContent(buildReactions({ to, id: 'a', emojis: ['👍'], messageId: 'm' }))).to.equal(true);
    expect(hasRichContent(buildRetraction({ to, id: 'a', messageId: 'm' }))).to.equal(true);
    expect(hasRichContent(xml('message', {}, buildSharedFile({ url: 'https://a.localhost/x' })))).to.equal(true);
    expect(hasRichContent(xml('message', {}, buildReply({ id: 'a' }, '', 'ok').elements))).to.equal(true);
  });

  it('picks a body that is an encrypted file’s aesgcm:// link (XEP-0454), and no other', () => {
    const body = (text: string) => xml('message', {}, xml('body', {}, text));
    expect(hasRichContent(body(` aesgcm://files.localhost/a.png#${'0'.repeat(88)}`))).to.equal(true);
    expect(hasRichContent(body('see aesgcm://files.localhost/a.png'))).to.equal(false);
    expect(hasRichContent(xml('message', {}, xml('subject', {}, 'aesgcm://x')))).to.equal(false);
  });

  it('passes over plain messages, other namespaces and nested elements', () => {
    expect(hasRichContent(message(''))).to.equal(false);
    expect(hasRichContent(message(`<origin-id xmlns='urn:xmpp:sid:0' id='a'/><markable xmlns='urn:xmpp:chat-markers:0'/>`))).to.equal(
      false,
    );
    expect(hasRichContent(message(`<x><url>https://a.localhost/x</url></x><reply id='a'/>`))).to.equal(false);
    expect(hasRichContent(message(`<wrap><reactions xmlns='urn:xmpp:reactions:0' id='a'/></wrap>`))).to.equal(false);
    expect(hasRichContent(message(`<x xmlns='jabber:x:data'/>`))).to.equal(false);
    expect(hasRichContent(xml('message', { xmlns: 'jabber:x:oob' }, 'text'))).to.equal(false);
  });

  it('never throws on hostile stanzas', () => {
    for (const { name, el } of hostileCorpus()) expect(() => hasRichContent(el), name).to.not.throw();
    expect(hasRichContent(xml('message', {}, xml('a', { ['__proto__']: 'x', constructor: 'jabber:x:oob' })))).to.equal(false);
  });
});
