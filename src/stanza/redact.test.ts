import { expect } from '@esm-bundle/chai';
import { parseXml, toDom } from './dom.ts';
import { xml } from './element.ts';
import { redactForLog } from './redact.ts';

const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const SECRET = 'AGFsaWNlAHMzY3JldA==';

describe('redactForLog', () => {
  it('blanks the SASL exchange, whatever form the XML comes in', () => {
    const auth = `<auth xmlns='${SASL}' mechanism='PLAIN'>${SECRET}</auth>`;
    expect(redactForLog(auth)).to.equal(`<auth xmlns='${SASL}' mechanism='PLAIN'>[redacted]</auth>`);
    for (const name of ['response', 'challenge', 'success']) {
      const out = redactForLog(xml(name, { xmlns: SASL }, SECRET));
      expect(out).not.to.contain(SECRET);
      expect(out).to.contain(`<${name} xmlns="${SASL}">[redacted]</${name}>`);
    }
    const body = toDom(
      xml(
        'body',
        { xmlns: 'http://jabber.org/protocol/httpbind', rid: '1' },
        xml('auth', { xmlns: SASL, mechanism: 'SCRAM-SHA-1' }, SECRET),
      ),
    );
    const bosh = redactForLog(body);
    expect(bosh).not.to.contain(SECRET);
    expect(bosh).to.contain('mechanism="SCRAM-SHA-1"');
    expect(redactForLog(`<auth xmlns='${SASL}' mechanism='ANONYMOUS'/>`)).to.equal(`<auth xmlns='${SASL}' mechanism='ANONYMOUS'/>`);
  });

  it('blanks every field of a registration form and any password, and leaves the rest as it was', () => {
    const register = `<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>visitor-1</username><password>hunter2</password>
      <x xmlns='jabber:x:data' type='submit'><field var='password'><value>hunter2</value></field></x></query></iq>`;
    const out = redactForLog(parseXml(register));
    expect(out).not.to.contain('hunter2');
    expect(out).not.to.contain('visitor-1');
    expect(out).to.contain('<field var="password"><value>[redacted]</value></field>');
    expect(redactForLog(`<presence><x xmlns='http://jabber.org/protocol/muc'><password>door</password></x></presence>`)).not.to.contain(
      'door',
    );
    const message = `<message to='bob@example.org'><body>my auth response &lt;success&gt; is fine</body></message>`;
    expect(redactForLog(message)).to.equal(message);
    expect(redactForLog(`<stream:stream to='example.org' xmlns:stream='http://etherx.jabber.org/streams'>`)).to.contain('example.org');
  });

  it('blanks a FAST token issued in a SASL2 success, in either quotes, and keeps its expiry', () => {
    const success =
      `<success xmlns="urn:xmpp:sasl:2"><additional-data>dj1zZWNyZXQ=</additional-data>` +
      `<token xmlns="urn:xmpp:fast:0" expiry="2027-01-01T00:00:00Z" token="secret-token:abc"/>` +
      `<token xmlns='urn:xmpp:fast:0' token='other-secret' expiry='2027-01-02T00:00:00Z'/></success>`;
    const logged = redactForLog(success);
    expect(logged).to.not.include('secret-token:abc');
    expect(logged).to.not.include('other-secret');
    expect(logged).to.not.include('dj1zZWNyZXQ=');
    expect(logged).to.include('expiry="2027-01-01T00:00:00Z"');
    expect(logged).to.include(`token='[redacted]'`);
  });
});
