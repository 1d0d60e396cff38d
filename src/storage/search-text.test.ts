import { expect } from '@esm-bundle/chai';
import { findMatches, fold, MAX_TOKEN, queryTokens, snippet, SNIPPET_LENGTH, tokenize } from './search-text.ts';

const marked = (s: { text: string; matches: { start: number; end: number }[] }) =>
  s.matches.map(({ start, end }) => s.text.slice(start, end));

describe('search text', () => {
  it('folds case, accents and compatibility forms', () => {
    expect(fold('Crème Brûlée')).to.equal('creme brulee');
    expect(fold('ÅNGSTRÖM')).to.equal('angstrom');
    expect(fold('ﬁle №5')).to.equal('file no5');
    expect(fold('İstanbul')).to.equal('istanbul');
    expect(fold('ΟΔΟΣ')).to.equal('οδοσ');
    expect(fold('ὁδός')).to.equal('οδοσ');
    expect(fold('Ｆｕｌｌ')).to.equal('full');
  });

  it('cuts text into distinct word tokens', () => {
    expect(tokenize('Hello, hello — where is order #4521? jane.doe@example.org')).to.deep.equal([
      'hello',
      'where',
      'is',
      'order',
      '4521',
      'jane',
      'doe',
      'example',
      'org',
    ]);
    expect(tokenize('Grüße aus Köln')).to.deep.equal(['gruße', 'aus', 'koln']);
    expect(tokenize('مرحبا بكم')).to.deep.equal(['مرحبا', 'بكم']);
    // Chinese and Japanese have no spaces: each character is a token.
    expect(tokenize('我想退货 please')).to.deep.equal(['我', '想', '退', '货', 'please']);
    expect(tokenize('a'.repeat(100))).to.deep.equal(['a'.repeat(MAX_TOKEN)]);
    expect(queryTokens('  Réfund  ')).to.deep.equal(['refund']);
    expect(queryTokens(' , ')).to.deep.equal([]);
  });

  it('finds where a token starts with a query token, in the original text', () => {
    const text = 'Le Café de Ｆｌｏｒｅ refunds réfunded';
    expect(findMatches(text, ['cafe', 'flo', 'ref']).map(({ start, end }) => text.slice(start, end))).to.deep.equal([
      'Café',
      'Ｆｌｏ',
      'ref',
      'réf',
    ]);
    // A folded character from a ligature maps back to the whole of it.
    const ligature = 'ﬁnal ﬁle';
    expect(findMatches(ligature, ['f']).map(({ start, end }) => ligature.slice(start, end))).to.deep.equal(['ﬁ', 'ﬁ']);
    // The longest query token that fits wins; a token must start with it.
    expect(findMatches('refund', ['re', 'refu', 'fund'])).to.deep.equal([{ start: 0, end: 4 }]);
    const emoji = '😀 Ölmühle';
    expect(findMatches(emoji, ['olm']).map(({ start, end }) => emoji.slice(start, end))).to.deep.equal(['Ölm']);
  });

  it('shows a short line around the first match, with every match in it', () => {
    expect(snippet('Where is\nmy order?', ['order'])).to.deep.equal({ text: 'Where is my order?', matches: [{ start: 12, end: 17 }] });
    const long = `${'word '.repeat(40)}the parcel never came, the parcel is lost ${'tail '.repeat(40)}`;
    const cut = snippet(long, ['parcel']);
    expect(cut.text.startsWith('…')).to.equal(true);
    expect(cut.text.endsWith('…')).to.equal(true);
    expect(cut.text.length).to.be.at.most(SNIPPET_LENGTH + 2);
    expect(marked(cut)).to.deep.equal(['parcel', 'parcel']);
    expect(cut.text.indexOf('parcel')).to.be.within(10, 35);
    // No match (the visitor's name matched instead): the start of the text.
    expect(snippet(long, ['zzz']).text.startsWith('word word')).to.equal(true);
    // Never half a surrogate pair.
    const emoji = `${'😀'.repeat(80)} parcel`;
    const around = snippet(emoji, ['parcel']);
    expect(around.text.includes('\ufffd')).to.equal(false);
    expect([...around.text.slice(1, 3)]).to.have.length(1);
  });
});
