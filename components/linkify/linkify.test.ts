import { expect } from '@esm-bundle/chai';
import { linkify } from './linkify.ts';

const links = (text: string) => linkify(text).flatMap((part) => ('href' in part ? [[part.text, part.href]] : []));

describe('linkify', () => {
  it('leaves text without links as one plain part', () => {
    expect(linkify('hello, world')).to.deep.equal([{ text: 'hello, world' }]);
    expect(linkify('')).to.deep.equal([]);
  });

  it('splits text around http and https links', () => {
    expect(linkify('see http://example.org/a?b=1#c and https://example.com/x now')).to.deep.equal([
      { text: 'see ' },
      { text: 'http://example.org/a?b=1#c', href: 'http://example.org/a?b=1#c' },
      { text: ' and ' },
      { text: 'https://example.com/x', href: 'https://example.com/x' },
      { text: ' now' },
    ]);
  });

  it('turns www. into https and keeps the shown text as written', () => {
    expect(links('go to www.example.org/path')).to.deep.equal([['www.example.org/path', 'https://www.example.org/path']]);
    expect(links('www. and www.example alone are words')).to.deep.equal([]);
    expect(links('awww.example.org')).to.deep.equal([]);
  });

  it('recognises mailto: and xmpp: addresses', () => {
    expect(links('mail mailto:ada@example.org, or join xmpp:room@muc.example.org?join.')).to.deep.equal([
      ['mailto:ada@example.org', 'mailto:ada@example.org'],
      ['xmpp:room@muc.example.org?join', 'xmpp:room@muc.example.org?join'],
    ]);
    expect(links('mailto: is empty, so is xmpp:')).to.deep.equal([]);
  });

  it('trims sentence punctuation after a link', () => {
    for (const end of ['.', ',', ';', ':', '!', '?', '…', '!?', '".', "'", '*']) {
      expect(links(`Look: https://example.org/page${end}`), end).to.deep.equal([['https://example.org/page', 'https://example.org/page']]);
    }
    expect(links('https://example.org/a.b?c=d.')).to.deep.equal([['https://example.org/a.b?c=d', 'https://example.org/a.b?c=d']]);
  });

  it('keeps balanced parentheses and drops an unbalanced closing one', () => {
    expect(links('(see https://en.wikipedia.org/wiki/Lisp_(language))')).to.deep.equal([
      ['https://en.wikipedia.org/wiki/Lisp_(language)', 'https://en.wikipedia.org/wiki/Lisp_(language)'],
    ]);
    expect(links('(https://example.org/x)')).to.deep.equal([['https://example.org/x', 'https://example.org/x']]);
    expect(links('[https://example.org/y]')).to.deep.equal([['https://example.org/y', 'https://example.org/y']]);
  });

  it('never produces another scheme', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org',
      'http://',
      'https://?x',
      '<a href="javascript:x">',
    ]) {
      expect(linkify(text), text).to.deep.equal([{ text }]);
    }
    // The http part of a disguised URL is a plain web link; the prefix stays text.
    expect(linkify('javascript:http://example.org')).to.deep.equal([
      { text: 'javascript:' },
      { text: 'http://example.org', href: 'http://example.org/' },
    ]);
  });

  it('stops at characters that end a URL in prose', () => {
    expect(links('<https://example.org/a>')).to.deep.equal([['https://example.org/a', 'https://example.org/a']]);
    expect(links('"https://example.org/q"')).to.deep.equal([['https://example.org/q', 'https://example.org/q']]);
    expect(links('https://example.org/1\nhttps://example.org/2')).to.have.length(2);
  });

  it('always gives back the input when the parts are joined', () => {
    const samples = [
      'a https://x.org/(b) c.',
      'www.example.org/, mailto:a@b.c!',
      '((http://a.b/c)))',
      'javascript:alert(1) https://ok.example',
      'end with https://example.org/?',
      'xmpp:a@b.c xmpp: www.',
      '👋 https://example.org/ü?q=ä 👋',
    ];
    for (const text of samples)
      expect(
        linkify(text)
          .map((part) => part.text)
          .join(''),
        text,
      ).to.equal(text);
  });
});
