import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import { buildDiscoItemsGet, buildSlotRequest, parseDiscoItems, parseUploadService, parseUploadSlot } from './upload.ts';

const TO = `to='alice@localhost/web'`;

// As Prosody 0.12's mod_http_file_share answers.
const PROSODY_INFO =
  `<iq xmlns='jabber:client' type='result' id='i1' from='upload.localhost' ${TO}>` +
  `<query xmlns='http://jabber.org/protocol/disco#info'><identity category='store' type='file' name='HTTP File Upload'/>` +
  `<feature var='urn:xmpp:http:upload:0'/><feature var='http://jabber.org/protocol/disco#info'/>` +
  `<x xmlns='jabber:x:data' type='result'><field type='hidden' var='FORM_TYPE'><value>urn:xmpp:http:upload:0</value></field>` +
  `<field type='text-single' var='max-file-size'><value>20971520</value></field></x></query></iq>`;

// As ejabberd 23.01's mod_http_upload answers: the older namespace's form first, with another limit.
const EJABBERD_INFO =
  `<iq xmlns='jabber:client' type='result' id='i2' from='upload.localhost' ${TO} xml:lang='en'>` +
  `<query xmlns='http://jabber.org/protocol/disco#info'><identity name='HTTP File Upload' type='file' category='store'/>` +
  `<feature var='urn:xmpp:http:upload'/><feature var='urn:xmpp:http:upload:0'/><feature var='eu:siacs:conversations:http:upload'/>` +
  `<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload</value></field>` +
  `<field var='max-file-size' type='text-single' label='Maximum file size'><value>1</value></field></x>` +
  `<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload:0</value></field>` +
  `<field var='max-file-size' type='text-single' label='Maximum file size'><value>20971520</value></field></x>` +
  `<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>http://jabber.org/network/serverinfo</value></field></x>` +
  `</query></iq>`;

describe('upload service discovery', () => {
  it('asks the server for its items', () => {
    const iq = buildDiscoItemsGet('localhost');
    expect(iq.attrs).to.include({ type: 'get', to: 'localhost' });
    expect(toXmlString(childOf(iq, 'query')!)).to.equal('<query xmlns="http://jabber.org/protocol/disco#items"/>');
  });

  it('reads the items in order, normalized, once each, without node items', () => {
    const iq = parseXml(
      `<iq xmlns='jabber:client' type='result' id='d1' from='localhost' ${TO}><query xmlns='http://jabber.org/protocol/disco#items'>` +
        `<item jid='conference.localhost'/><item jid='Upload.Localhost' name='HTTP File Upload'/><item jid='upload.localhost'/>` +
        `<item jid='localhost' node='announce'/><item jid='a b'/><item/></query></iq>`,
    );
    expect(parseDiscoItems(iq, 'localhost')).to.deep.equal(['conference.localhost', 'upload.localhost']);
    expect(parseDiscoItems(iq, 'example.org'), 'another sender').to.equal(undefined);
    expect(parseDiscoItems(parseXml(`<iq xmlns='jabber:client' type='result' id='d1' from='localhost'/>`), 'localhost')).to.equal(
      undefined,
    );
  });

  it("reads Prosody's service and limit", () => {
    expect(parseUploadService(parseXml(PROSODY_INFO), 'upload.localhost')).to.deep.equal({
      jid: 'upload.localhost',
      maxFileSize: 20971520,
    });
  });

  it("reads ejabberd's limit from the urn:xmpp:http:upload:0 form only", () => {
    expect(parseUploadService(parseXml(EJABBERD_INFO), 'upload.localhost')).to.deep.equal({
      jid: 'upload.localhost',
      maxFileSize: 20971520,
    });
  });

  it('knows no limit when the form lacks one or holds no whole number', () => {
    const noForm = PROSODY_INFO.replace(/<x [\s\S]*<\/x>/, '');
    expect(parseUploadService(parseXml(noForm), 'upload.localhost')).to.deep.equal({ jid: 'upload.localhost' });
    for (const bad of ['-5', '1.5', 'ten', '', '99999999999999999999']) {
      const iq = parseXml(PROSODY_INFO.replace('20971520', bad));
      expect(parseUploadService(iq, 'upload.localhost'), bad).to.deep.equal({ jid: 'upload.localhost' });
    }
  });

  it('is no service without the feature, from another sender, or for an error', () => {
    expect(
      parseUploadService(
        parseXml(PROSODY_INFO.replace("var='urn:xmpp:http:upload:0'/>", "var='urn:xmpp:http:upload'/>")),
        'upload.localhost',
      ),
    ).to.equal(undefined);
    expect(parseUploadService(parseXml(PROSODY_INFO), 'conference.localhost')).to.equal(undefined);
    const error = `<iq xmlns='jabber:client' type='error' id='i1' from='upload.localhost'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`;
    expect(parseUploadService(parseXml(error), 'upload.localhost')).to.equal(undefined);
  });
});

describe('buildSlotRequest', () => {
  it('names the file, its size and type', () => {
    const iq = buildSlotRequest('upload.localhost', { name: 'très cool.jpg', size: 23456, type: 'image/jpeg' });
    expect(iq.attrs).to.include({ type: 'get', to: 'upload.localhost' });
    expect(toXmlString(childOf(iq, 'request')!)).to.equal(
      '<request xmlns="urn:xmpp:http:upload:0" filename="très cool.jpg" size="23456" content-type="image/jpeg"/>',
    );
  });

  it('leaves out an unknown type', () => {
    const iq = buildSlotRequest('upload.localhost', { name: 'notes', size: 0, type: '' });
    expect(toXmlString(childOf(iq, 'request')!)).to.equal('<request xmlns="urn:xmpp:http:upload:0" filename="notes" size="0"/>');
  });
});

describe('parseUploadSlot', () => {
  const slot = (inner: string, from = 'upload.localhost') =>
    parseXml(
      `<iq xmlns='jabber:client' type='result' id='s1' from='${from}' ${TO}><slot xmlns='urn:xmpp:http:upload:0'>${inner}</slot></iq>`,
    );

  it("reads Prosody's slot with its Authorization header", () => {
    const url = 'http://127.0.0.1:15280/file_share/V-WVErZ4XJ/a%20b.png';
    const iq = slot(`<get url='${url}'/><put url='${url}'><header name='Authorization'>Bearer eyJ.x.y</header></put>`);
    expect(parseUploadSlot(iq, 'upload.localhost')).to.deep.equal({ put: url, get: url, headers: { Authorization: 'Bearer eyJ.x.y' } });
  });

  it("reads ejabberd's slot, which has no headers", () => {
    const url = 'http://127.0.0.1:25280/upload/localhost/9637f2/QPTxmT/a_b.png';
    expect(parseUploadSlot(slot(`<get url='${url}'/><put url='${url}'/>`), 'upload.localhost')).to.deep.equal({
      put: url,
      get: url,
      headers: {},
    });
  });

  it('keeps only Authorization, Cookie and Expires, without line breaks, the first of each', () => {
    const iq = slot(
      `<put url='https://upload.montague.tld/4a771ac1/tr%C3%A8s%20cool.jpg'>` +
        `<header name='authorization'>Basic Base64String==</header><header name='Cookie'>foo=bar;&#13;&#10;Host: evil</header>` +
        `<header name='Expires'>Tue, 15 Nov 1994 08:12:31 GMT</header><header name='Host'>evil.example</header>` +
        `<header name='X-Forwarded-For'>1.2.3.4</header><header name='Authorization'>second</header><header name='Cookie'/></put>` +
        `<get url='https://download.montague.tld/4a771ac1/tr%C3%A8s%20cool.jpg'/>`,
    );
    expect(parseUploadSlot(iq, 'upload.localhost')).to.deep.equal({
      put: 'https://upload.montague.tld/4a771ac1/tr%C3%A8s%20cool.jpg',
      get: 'https://download.montague.tld/4a771ac1/tr%C3%A8s%20cool.jpg',
      headers: { Authorization: 'Basic Base64String==', Cookie: 'foo=bar;Host: evil', Expires: 'Tue, 15 Nov 1994 08:12:31 GMT' },
    });
  });

  it('refuses URLs that are not absolute http(s), or carry a user or password', () => {
    const good = 'https://upload.example/a.png';
    for (const bad of [
      'javascript:alert(1)',
      'ftp://upload.example/a.png',
      'data:image/png;base64,AA',
      '/relative/a.png',
      '',
      'https://user:pw@upload.example/a',
    ]) {
      expect(parseUploadSlot(slot(`<get url='${bad}'/><put url='${good}'/>`), 'upload.localhost'), `get ${bad}`).to.equal(undefined);
      expect(parseUploadSlot(slot(`<get url='${good}'/><put url='${bad}'/>`), 'upload.localhost'), `put ${bad}`).to.equal(undefined);
    }
    expect(parseUploadSlot(slot(`<put url='${good}'/>`), 'upload.localhost'), 'no get').to.equal(undefined);
  });

  it('refuses a slot from anyone but the service, and anything but a result', () => {
    const inner = `<get url='https://a.example/x'/><put url='https://a.example/x'/>`;
    expect(parseUploadSlot(slot(inner, 'evil.example'), 'upload.localhost')).to.equal(undefined);
    expect(parseUploadSlot(slot(inner, 'Upload.Localhost'), 'upload.localhost')).to.not.equal(undefined);
    const error = parseXml(
      `<iq xmlns='jabber:client' type='error' id='s1' from='upload.localhost'><error type='modify'>` +
        `<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><file-too-large xmlns='urn:xmpp:http:upload:0'>` +
        `<max-file-size>20000</max-file-size></file-too-large></error></iq>`,
    );
    expect(parseUploadSlot(error, 'upload.localhost')).to.equal(undefined);
  });
});
