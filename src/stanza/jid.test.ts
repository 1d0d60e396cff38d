import { expect } from '@esm-bundle/chai';
import { bareJid, formatJid, parseJid } from './jid.ts';

describe('parseJid', () => {
  it('splits full, bare and domain addresses', () => {
    expect(parseJid('alice@example.org/desk')).to.deep.equal({ local: 'alice', domain: 'example.org', resource: 'desk' });
    expect(parseJid('alice@example.org')).to.deep.equal({ local: 'alice', domain: 'example.org' });
    expect(parseJid('example.org')).to.deep.equal({ domain: 'example.org' });
    expect(parseJid('example.org/service')).to.deep.equal({ domain: 'example.org', resource: 'service' });
  });

  it('trims, lower-cases local and domain, keeps the resource as it is', () => {
    expect(parseJid('  Alice@Example.ORG/Desk Top  ')).to.deep.equal({ local: 'alice', domain: 'example.org', resource: 'Desk Top' });
  });

  it('splits the resource at the first slash; it may hold @ and /', () => {
    expect(parseJid('room@muc.example.org/nick@home/x')).to.deep.equal({
      local: 'room',
      domain: 'muc.example.org',
      resource: 'nick@home/x',
    });
  });

  it('keeps non-ASCII parts', () => {
    expect(parseJid('JÜRGEN@Bücher.example')).to.deep.equal({ local: 'jürgen', domain: 'bücher.example' });
  });

  it('rejects empty parts, forbidden characters and oversized parts', () => {
    const bad = [
      '',
      '   ',
      '@example.org',
      'alice@',
      'alice@example.org/',
      '/res',
      'a@b@example.org',
      'al ice@example.org',
      'a"b@example.org',
      'a&b@example.org',
      "a'b@example.org",
      'a:b@example.org',
      'a<b@example.org',
      'a>b@example.org',
      'a\tb@example.org',
      'alice@exa mple.org',
      `${'a'.repeat(1024)}@example.org`,
      `alice@${'d'.repeat(1024)}`,
      `alice@example.org/${'r'.repeat(1024)}`,
      `${'é'.repeat(512)}@example.org`,
      `${'€'.repeat(342)}@example.org`,
      `alice@example.org/${'😀'.repeat(256)}`,
    ];
    for (const input of bad) expect(parseJid(input), input).to.equal(undefined);
  });

  it('accepts parts of exactly 1023 bytes', () => {
    expect(parseJid(`${'a'.repeat(1023)}@example.org`)?.local).to.have.length(1023);
    expect(parseJid(`${'€'.repeat(341)}@example.org`)?.local).to.have.length(341);
    expect(parseJid(`alice@example.org/${'😀'.repeat(255)}x`)?.resource).to.have.length(511);
  });
});

describe('formatJid and bareJid', () => {
  it('formats what parseJid reads', () => {
    for (const jid of ['alice@example.org/desk', 'alice@example.org', 'example.org', 'example.org/x']) {
      expect(formatJid(parseJid(jid)!)).to.equal(jid);
    }
  });

  it('gives the bare address, or undefined for invalid input', () => {
    expect(bareJid('Alice@Example.org/desk')).to.equal('alice@example.org');
    expect(bareJid('example.org/desk')).to.equal('example.org');
    expect(bareJid('not valid@example.org')).to.equal(undefined);
  });
});
