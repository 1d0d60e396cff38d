import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { toXmlString, xml } from './element.ts';
import { buildSharedFile, cleanFileUrl, FILE_LIMITS, fileInBody, parseSharedFile } from './file-share.ts';
import { hostileCorpus } from './hostile-corpus.fixtures.ts';

const OOB = 'jabber:x:oob';
const SFS = 'urn:xmpp:sfs:0';
const META = 'urn:xmpp:file:metadata:0';
const URL_DATA = 'http://jabber.org/protocol/url-data';
const LINK = 'https://upload.localhost/share/4a77/cat.png';
const message = (payload: string, type = 'chat') =>
  parseXml(`<message xmlns='jabber:client' from='ann@localhost/phone' to='bob@localhost' type='${type}' id='m1'>
  <body>${LINK}</body>${payload}</message>`);
const oob = (url: string, desc = '') => `<x xmlns='${OOB}'><url>${url}</url>${desc && `<desc>${desc}</desc>`}</x>`;
const sfs = (file: string, ...targets: string[]) =>
  `<file-sharing xmlns='${SFS}' disposition='inline'><file xmlns='${META}'>${file}</file>
  <sources>${targets.map((t) => `<url-data xmlns='${URL_DATA}' target='${t}'/>`).join('')}</sources></file-sharing>`;
const fileOf = (meta: string) => parseSharedFile(message(sfs(meta, LINK)));

describe('shared files (XEP-0066, XEP-0447)', () => {
  it('reads out-of-band data as Conversations, Gajim and Dino send it', () => {
    expect(parseSharedFile(message(oob(LINK)))).to.deep.equal({ url: LINK });
    expect(parseSharedFile(message(oob(` ${LINK}\n`, 'A cat')))).to.deep.equal({ url: LINK, desc: 'A cat' });
  });

  it('reads stateless file sharing with its metadata, merged with the OOB data', () => {
    const meta = `<media-type>image/PNG</media-type><name>cat.png</name><size>3032449</size>
      <width>4096</width><height>2160</height><desc>Photo from the summit.</desc>
      <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=</hash>`;
    const full = {
      url: LINK,
      name: 'cat.png',
      size: 3032449,
      type: 'image/png',
      width: 4096,
      height: 2160,
      desc: 'Photo from the summit.',
    };
    expect(parseSharedFile(message(sfs(meta, LINK)))).to.deep.equal(full);
    expect(parseSharedFile(message(sfs(meta, LINK) + oob(LINK, 'other words')))).to.deep.equal(full);
    // The OOB description fills in when the metadata has none.
    expect(parseSharedFile(message(oob(LINK, 'A cat') + sfs('<size>5</size>', LINK)))).to.deep.equal({ url: LINK, size: 5, desc: 'A cat' });
  });

  it('reads XEP-0446 0.1 dimensions, and takes sides only in pairs', () => {
    expect(fileOf('<dimensions>640x480</dimensions>')).to.deep.equal({ url: LINK, width: 640, height: 480 });
    expect(fileOf('<dimensions>640x480</dimensions><width>800</width><height>600</height>')).to.include({ width: 800, height: 600 });
    expect(fileOf('<width>640</width>')).to.deep.equal({ url: LINK });
    expect(fileOf('<dimensions>640 x 480</dimensions>')).to.deep.equal({ url: LINK });
  });

  it('takes the link from the sources, the OOB one when it is among them', () => {
    const other = 'https://cdn.localhost/cat.png';
    expect(parseSharedFile(message(sfs('<size>5</size>', 'javascript:alert(1)', other, LINK) + oob(LINK, 'd')))).to.deep.equal({
      url: LINK,
      size: 5,
      desc: 'd',
    });
    // A different OOB link: the metadata is about the SFS source, and the OOB text is not.
    expect(parseSharedFile(message(sfs('<size>5</size>', other) + oob(LINK, 'd')))).to.deep.equal({ url: other, size: 5 });
    // Sources we cannot use (jinglepub, an encrypted file): the OOB link, with the metadata.
    const jingle = `<file-sharing xmlns='${SFS}'><file xmlns='${META}'><name>a.pdf</name></file>
      <sources><jinglepub xmlns='urn:xmpp:jinglepub:1' id='x'/></sources></file-sharing>`;
    expect(parseSharedFile(message(jingle + oob(LINK)))).to.deep.equal({ url: LINK, name: 'a.pdf' });
    expect(parseSharedFile(message(jingle))).to.equal(undefined);
  });

  it('keeps only absolute http(s) links without credentials', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:image/png;base64,AAAA',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      'blob:https://a.localhost/x',
      'aesgcm://upload.localhost/x#key',
      'ftp://files.localhost/x',
      '//upload.localhost/x',
      '/share/x.png',
      'https://user:pass@upload.localhost/x',
      'https://',
      '',
      `https://upload.localhost/${'a'.repeat(FILE_LIMITS.url)}`,
    ])
      expect(cleanFileUrl(bad), bad).to.equal(undefined);
    expect(cleanFileUrl('HTTPS://Upload.Localhost/a b.png')).to.equal('https://upload.localhost/a%20b.png');
    expect(cleanFileUrl('http://upload.localhost:5280/x')).to.equal('http://upload.localhost:5280/x');
    expect(parseSharedFile(message(oob('javascript:alert(1)')))).to.equal(undefined);
    expect(parseSharedFile(message(oob('data:image/svg+xml,&lt;svg/&gt;')))).to.equal(undefined);
  });

  it('keeps a file name only: no path, no control or direction characters, not too long', () => {
    for (const name of [
      '../../etc/passwd',
      '/etc/passwd',
      'C:\\x.exe',
      '..',
      '.',
      '  ',
      'invoice\u202efdp.exe',
      'a\u2066b',
      'n'.repeat(201),
    ]) {
      const built = xml(
        'message',
        {},
        xml(
          'file-sharing',
          { xmlns: SFS },
          xml('file', { xmlns: META }, xml('name', {}, name)),
          xml('sources', {}, xml('url-data', { xmlns: URL_DATA, target: LINK })),
        ),
      );
      expect(parseSharedFile(built), name).to.deep.equal({ url: LINK });
    }
    const built = xml(
      'message',
      {},
      xml('x', { xmlns: OOB }, xml('url', {}, LINK)),
      xml('file-sharing', { xmlns: SFS }, xml('file', { xmlns: META }, xml('name', {}, 'a\u0000b'))),
    );
    expect(parseSharedFile(built)).to.deep.equal({ url: LINK });
    expect(fileOf(`<name> Rapport final (v2) — été.pdf </name>`)?.name).to.equal('Rapport final (v2) — été.pdf');
    expect(fileOf(`<name>${'n'.repeat(200)}</name>`)?.name).to.have.length(200);
  });

  it('takes sizes and sides only as positive decimal integers within sane limits', () => {
    for (const size of ['0', '-5', '5.5', '1e3', '0x10', '05', '', 'five', '١٢', String(2 ** 40 + 1), '9'.repeat(400)])
      expect(fileOf(`<size>${size}</size>`), size).to.deep.equal({ url: LINK });
    expect(fileOf(`<size> 1024 </size>`)).to.deep.equal({ url: LINK, size: 1024 });
    expect(fileOf(`<size>${2 ** 40}</size>`)?.size).to.equal(2 ** 40);
    expect(fileOf(`<width>100001</width><height>10</height>`)).to.deep.equal({ url: LINK });
    expect(fileOf(`<width>0</width><height>10</height>`)).to.deep.equal({ url: LINK });
  });

  it('checks media types and cuts descriptions', () => {
    expect(fileOf('<media-type>text/plain; charset=utf-8</media-type>')?.type).to.equal('text/plain');
    for (const type of ['image', 'image/', '/png', 'image/png/x', 'image/p ng', '<b>/x', `a/${'b'.repeat(300)}`])
      expect(fileOf(`<media-type>${type.replace('<', '&lt;')}</media-type>`), type).to.deep.equal({ url: LINK });
    expect(fileOf(`<desc>${'d'.repeat(2000)}</desc>`)?.desc).to.have.length(FILE_LIMITS.desc);
    expect(fileOf(`<desc>${'d'.repeat(FILE_LIMITS.desc - 1)}😀</desc>`)?.desc).to.have.length(FILE_LIMITS.desc - 1);
    expect(fileOf(`<desc>line one\nline two\u202e</desc>`)?.desc).to.equal('line one\nline two');
    expect(fileOf(`<desc>&lt;img src=x onerror=alert(1)&gt;</desc>`)?.desc).to.equal('<img src=x onerror=alert(1)>');
  });

  it('reads only elements in their namespaces, on messages that are not errors', () => {
    expect(parseSharedFile(message(`<x><url>${LINK}</url></x>`))).to.equal(undefined);
    expect(parseSharedFile(message(`<x xmlns='${OOB}'><url xmlns='urn:other'>${LINK}</url></x>`))).to.equal(undefined);
    expect(parseSharedFile(message(`<y xmlns='${OOB}'><url>${LINK}</url></y>`))).to.equal(undefined);
    expect(parseSharedFile(message(`<wrap>${oob(LINK)}</wrap>`))).to.equal(undefined);
    expect(
      parseSharedFile(message(`<file-sharing xmlns='${SFS}'><sources><url-data target='${LINK}'/></sources></file-sharing>`)),
    ).to.equal(undefined);
    expect(
      parseSharedFile(
        message(`<file-sharing xmlns='${SFS}'><file><name>a</name></file><sources>
      <url-data xmlns='${URL_DATA}' target='${LINK}'/></sources></file-sharing>`),
      ),
    ).to.deep.equal({ url: LINK });
    expect(parseSharedFile(message(oob(LINK), 'error'))).to.equal(undefined);
    expect(parseSharedFile(parseXml(`<iq xmlns='jabber:client' type='result'>${oob(LINK)}</iq>`))).to.equal(undefined);
    expect(parseSharedFile(message(''))).to.equal(undefined);
  });

  it('builds OOB and SFS elements that it reads back, through real XML', () => {
    const file = { url: LINK, name: 'cat.png', size: 5120, type: 'image/png', width: 640, height: 480, desc: 'A cat' };
    const elements = buildSharedFile(file);
    expect(elements.map(toXmlString)).to.deep.equal([
      `<x xmlns="${OOB}"><url>${LINK}</url><desc>A cat</desc></x>`,
      `<file-sharing xmlns="${SFS}" disposition="inline"><file xmlns="${META}"><media-type>image/png</media-type>` +
        `<name>cat.png</name><size>5120</size><width>640</width><height>480</height><desc>A cat</desc></file>` +
        `<sources><url-data xmlns="${URL_DATA}" target="${LINK}"/></sources></file-sharing>`,
    ]);
    const sent = parseXml(toXmlString(xml('message', { xmlns: 'jabber:client', type: 'chat' }, xml('body', {}, LINK), elements)));
    expect(parseSharedFile(sent)).to.deep.equal(file);
  });

  it('builds only what it would read back', () => {
    const pdf = buildSharedFile({ url: LINK, type: 'application/pdf', name: '../x.pdf', size: -1, width: 5 });
    expect(pdf.map(toXmlString)[1]).to.equal(
      `<file-sharing xmlns="${SFS}" disposition="attachment"><file xmlns="${META}"><media-type>application/pdf</media-type></file>` +
        `<sources><url-data xmlns="${URL_DATA}" target="${LINK}"/></sources></file-sharing>`,
    );
    expect(toXmlString(buildSharedFile({ url: LINK })[1])).to.not.include('disposition');
    expect(buildSharedFile({ url: 'javascript:alert(1)', name: 'x' })).to.deep.equal([]);
  });

  it('never throws on hostile stanzas, nor on huge ones', () => {
    for (const { name, el } of hostileCorpus()) expect(() => parseSharedFile(el), name).to.not.throw();
    const many = Array.from({ length: 10_000 }, () => xml('url-data', { xmlns: URL_DATA, target: 'javascript:x' }));
    const huge = 'x'.repeat(1_000_000);
    const el = xml(
      'message',
      { ['__proto__']: 'x', constructor: 'y' },
      xml('x', { xmlns: OOB }, xml('url', {}, `https://a.localhost/${huge}`), xml('desc', {}, huge)),
      xml(
        'file-sharing',
        { xmlns: SFS },
        xml('file', { xmlns: META }, xml('name', {}, huge), xml('size', {}, huge)),
        xml('sources', {}, many),
      ),
    );
    expect(parseSharedFile(el)).to.equal(undefined);
  });

  describe('encrypted files (XEP-0454 aesgcm:// links)', () => {
    const FRAGMENT = `${'a1'.repeat(12)}${'0f'.repeat(32)}`;

    it('reads a body that is just the link as the file, named after the link’s last path segment', () => {
      const url = `aesgcm://upload.localhost:5443/share/x9/holiday%20photo%20%C3%A9.jpg#${FRAGMENT}`;
      expect(fileInBody(` ${url}\n`)).to.deep.equal({ url, name: 'holiday photo é.jpg' });
      const older = `aesgcm://upload.localhost/f/a.png#${'b2'.repeat(16)}${'0f'.repeat(32)}`;
      expect(fileInBody(older)).to.deep.equal({ url: older, name: 'a.png' });
      // A name that could not be shown safely is left out; the link is still the file.
      expect(fileInBody(`aesgcm://upload.localhost/f/%E2%80%AEgpj.exe#${FRAGMENT}`)).to.deep.equal({
        url: `aesgcm://upload.localhost/f/%E2%80%AEgpj.exe#${FRAGMENT}`,
      });
      expect(fileInBody(`aesgcm://upload.localhost/f/100%.png#${FRAGMENT}`)!.name).to.equal('100%.png');
    });

    it('refuses anything else: text around it, a short or non-hex key, credentials, a second fragment', () => {
      for (const body of [
        `see aesgcm://upload.localhost/a.png#${FRAGMENT}`,
        `aesgcm://upload.localhost/a.png#${FRAGMENT} too`,
        `aesgcm://upload.localhost/a.png#${FRAGMENT.slice(2)}`,
        `aesgcm://upload.localhost/a.png#${FRAGMENT.replace('a', 'g')}`,
        `aesgcm://user:pw@upload.localhost/a.png#${FRAGMENT}`,
        `aesgcm://#${FRAGMENT}`,
        `aesgcm://upload.localhost/a.png#x#${FRAGMENT}`,
        `https://upload.localhost/a.png#${FRAGMENT}`,
        `aesgcm://upload.localhost/${'a'.repeat(FILE_LIMITS.url)}.png#${FRAGMENT}`,
      ])
        expect(fileInBody(body), body).to.equal(undefined);
    });

    it('never sends the link in the clear: no OOB or SFS element is built for it, nor read from one', () => {
      const url = `aesgcm://upload.localhost/a.png#${FRAGMENT}`;
      expect(buildSharedFile({ url, name: 'a.png', size: 5, type: 'image/png' })).to.deep.equal([]);
      expect(cleanFileUrl(url)).to.equal(undefined);
      expect(parseSharedFile(message(oob(url)))).to.equal(undefined);
    });
  });
});
