import { expect } from '@esm-bundle/chai';
import { capDepth } from './depth-cap.ts';

describe('capDepth', () => {
  it('returns shallow XML unchanged, whatever it contains', () => {
    const xml = `<?xml version='1.0'?><body xmlns='http://jabber.org/protocol/httpbind'><message a="x>y" b='<'><body>1 &lt; 2<![CDATA[<b>]]></body><!-- <x> --><x/></message></body>`;
    expect(capDepth(xml, 3)).to.equal(xml);
  });

  it('leaves out what is nested deeper than the limit, and keeps what follows', () => {
    expect(capDepth('<r><a>1<b>2<c>3</c></b><d/>4</a><e>5</e></r>', 2)).to.equal('<r><a>14</a><e>5</e></r>');
    expect(capDepth('<r><a>1<b>2<c>3</c></b><d/>4</a><e>5</e></r>', 3)).to.equal('<r><a>1<b>2</b><d/>4</a><e>5</e></r>');
  });

  it('makes a 10,000-deep stanza in a BOSH body readable, with the stanza after it', () => {
    const deep = `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`;
    const text = `<body xmlns='http://jabber.org/protocol/httpbind'><message xmlns='jabber:client' id='deep'>${deep}</message><message xmlns='jabber:client' id='next'><body>hi</body></message></body>`;
    expect(new DOMParser().parseFromString(text, 'text/xml').getElementsByTagName('parsererror')).to.have.length.greaterThan(0);
    const doc = new DOMParser().parseFromString(capDepth(text, 102), 'text/xml');
    expect(doc.getElementsByTagName('parsererror')).to.have.length(0);
    expect(Array.from(doc.documentElement.children, (m) => m.getAttribute('id'))).to.deep.equal(['deep', 'next']);
    expect(doc.getElementsByTagName('a')).to.have.length(100);
  });
});
