import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { toXmlString, xml } from './element.ts';
import { buildVisitorContext, pageAddress, parseVisitorContext, signedText, NS_VISITOR } from './visitor-context.ts';

const message = (payload: string) =>
  parseXml(`<message xmlns='jabber:client' from='visitor-1@localhost/web' to='support@localhost'
  type='chat' id='m1'><body>Hello</body>${payload}</message>`);

describe('visitor context', () => {
  it('builds the documented payload, leaving out empty fields', () => {
    const el = buildVisitorContext({
      name: ' Ada ',
      email: 'ada@example.org',
      page: 'https://shop.example/cart?x=1&y=2',
      pageTitle: 'Cart · Tea & Co.',
      referrer: '',
      language: 'de-DE',
      timeZone: 'Europe/Berlin',
      userAgent: 'Mozilla/5.0 (X11)',
    });
    expect(toXmlString(el!)).to.equal(
      `<visitor xmlns="${NS_VISITOR}"><name>Ada</name><email>ada@example.org</email>` +
        '<page title="Cart · Tea &amp; Co.">https://shop.example/cart?x=1&amp;y=2</page><language>de-DE</language>' +
        '<timezone>Europe/Berlin</timezone><user-agent>Mozilla/5.0 (X11)</user-agent></visitor>',
    );
    expect(buildVisitorContext({ name: '  ', page: '' })).to.equal(undefined);
  });

  it('reads what it builds, through real XML', () => {
    const context = { name: 'Ada <b>L</b>', page: 'https://shop.example/', pageTitle: 'Shop', language: 'en', timeZone: 'UTC' };
    const el = xml('message', { to: 'support@localhost' }, xml('body', {}, 'hi'), buildVisitorContext(context));
    expect(parseVisitorContext(parseXml(toXmlString(el)))).to.deep.equal(context);
  });

  it('reads a payload written by another client, ignoring unknown and foreign children', () => {
    const parsed = parseVisitorContext(
      message(`<visitor xmlns='${NS_VISITOR}'><page>https://a.example/</page>
      <page>https://second.example/</page><shoe-size>44</shoe-size><name xmlns='urn:other'>Eve</name><referrer/></visitor>`),
    );
    expect(parsed).to.deep.equal({ page: 'https://a.example/' });
  });

  it('has nothing to say for messages without one, or with an empty or foreign one', () => {
    expect(parseVisitorContext(message(''))).to.equal(undefined);
    expect(parseVisitorContext(message(`<visitor xmlns='${NS_VISITOR}'/>`))).to.equal(undefined);
    expect(parseVisitorContext(message(`<visitor xmlns='urn:other'><name>Eve</name></visitor>`))).to.equal(undefined);
  });

  it('keeps hostile values as bounded, single-line text', () => {
    const long = 'x'.repeat(10_000);
    const parsed = parseVisitorContext(
      message(`<visitor xmlns='${NS_VISITOR}'><name>&lt;img src=x onerror=alert(1)&gt;\n\tEve</name>
      <page title='${long}'>javascript:alert(1)</page><user-agent>${long}</user-agent></visitor>`),
    )!;
    expect(parsed.name).to.equal('<img src=x onerror=alert(1)> Eve');
    expect(parsed.page).to.equal('javascript:alert(1)'); // text: shown, never made a link (linkify takes http(s) only)
    expect(parsed.pageTitle).to.have.length(200);
    expect(parsed.userAgent).to.have.length(512);
  });
});

describe('the signed user of a visitor context', () => {
  const SIGNATURE = '9f'.repeat(32);

  it("builds <user/> after the other fields, with the site's id and signature", () => {
    const el = buildVisitorContext({ name: 'Ada', userId: ' 42 ', signature: SIGNATURE.toUpperCase() });
    expect(toXmlString(el!)).to.equal(`<visitor xmlns="${NS_VISITOR}"><name>Ada</name><user id="42" signature="${SIGNATURE}"/></visitor>`);
    expect(toXmlString(buildVisitorContext({ userId: 'u-1' })!)).to.equal(`<visitor xmlns="${NS_VISITOR}"><user id="u-1"/></visitor>`);
  });

  it('reads what it builds, through real XML', () => {
    const context = { name: 'Zoë 李', email: 'zoe@example.org', userId: 'user:42/ü', signature: SIGNATURE };
    const el = xml('message', { to: 'support@localhost' }, xml('body', {}, 'hi'), buildVisitorContext(context));
    expect(parseVisitorContext(parseXml(toXmlString(el)))).to.deep.equal(context);
  });

  it('reads a fixture written by another client: the first <user/> of our namespace, extra attributes ignored', () => {
    const parsed = parseVisitorContext(
      message(`<visitor xmlns='${NS_VISITOR}'><user xmlns='urn:other' id='7' signature='${SIGNATURE}'/>
      <user id='42' signature='${SIGNATURE}' admin='true'/><user id='43'/></visitor>`),
    );
    expect(parsed).to.deep.equal({ userId: '42', signature: SIGNATURE });
  });

  it('drops a signature that could never match: not 64 hex digits, or without a user id', () => {
    for (const signature of ['abc', 'g'.repeat(64), `${SIGNATURE}00`, `&lt;b&gt;${SIGNATURE}`]) {
      expect(
        parseVisitorContext(message(`<visitor xmlns='${NS_VISITOR}'><user id='42' signature='${signature}'/></visitor>`)),
      ).to.deep.equal({
        userId: '42',
      });
    }
    expect(parseVisitorContext(message(`<visitor xmlns='${NS_VISITOR}'><user signature='${SIGNATURE}'/></visitor>`))).to.equal(undefined);
    expect(buildVisitorContext({ signature: SIGNATURE })).to.equal(undefined);
  });

  it('keeps a hostile user id bounded, on one line', () => {
    const parsed = parseVisitorContext(message(`<visitor xmlns='${NS_VISITOR}'><user id='${'x'.repeat(100_000)}&#10;y'/></visitor>`))!;
    expect(parsed.userId).to.equal('x'.repeat(256));
    const injected = parseVisitorContext(
      message(`<visitor xmlns='${NS_VISITOR}'><user id='1&#10;evil@example.org&#10;Admin'/></visitor>`),
    )!;
    expect(injected.userId).to.equal('1 evil@example.org Admin');
  });

  it('signs userId, email and name joined by newlines, missing ones empty, as the desk receives them', () => {
    expect(signedText({ userId: '42', email: 'ada@example.org', name: 'Ada Lovelace' })).to.equal('42\nada@example.org\nAda Lovelace');
    expect(signedText({ userId: '42' })).to.equal('42\n\n');
    expect(signedText({ userId: ' 42 ', name: 'Ada\nLovelace', page: 'https://x.example/' })).to.equal('42\n\nAda Lovelace');
    expect(signedText({})).to.equal('\n\n');
  });
});

describe('pageAddress', () => {
  it('leaves out query, fragment, user and password, where tokens live', () => {
    expect(pageAddress('https://shop.example/reset?token=s3cret&x=1#access_token=abc')).to.equal('https://shop.example/reset');
    expect(pageAddress('https://user:pw@shop.example/a/b/?q')).to.equal('https://shop.example/a/b/');
    expect(pageAddress('https://shop.example')).to.equal('https://shop.example/');
  });

  it('tells nothing for an address that does not parse, such as an empty referrer', () => {
    expect(pageAddress('')).to.equal(undefined);
    expect(pageAddress('not a url')).to.equal(undefined);
  });
});
