import { expect } from '@esm-bundle/chai';
import { parseXml } from '../stanza/dom.ts';
import { readMessage } from './read-message.ts';
import { readRich } from './read-rich.ts';

const LINK = `aesgcm://upload.localhost/share/k2/scan%201.pdf#${'0a'.repeat(12)}${'f0'.repeat(32)}`;
const read = (payload: string) => {
  const el = parseXml(`<message xmlns='jabber:client' from='ann@localhost/a' to='bob@localhost' type='chat' id='m1'>${payload}</message>`);
  return readRich(readMessage(el, { account: 'bob@localhost', now: 0 })!, el).chat!;
};

describe('reading rich messages: encrypted files', () => {
  it('reads a body that is an aesgcm:// link as the file, named from the link', () => {
    expect(read(`<body>${LINK}</body>`).file).to.deep.equal({ url: LINK, name: 'scan 1.pdf' });
  });

  it('prefers the body’s link to file elements beside it, which travel in the clear', () => {
    const oob = `<x xmlns='jabber:x:oob'><url>https://elsewhere.localhost/x.png</url></x>`;
    expect(read(`<body>${LINK}</body>${oob}`).file!.url).to.equal(LINK);
    expect(read(`<body>look</body>${oob}`).file!.url).to.equal('https://elsewhere.localhost/x.png');
    expect(read(`<body>look: ${LINK}</body>`).file).to.equal(undefined);
  });
});
