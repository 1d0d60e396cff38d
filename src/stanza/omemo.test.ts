import { expect } from '@esm-bundle/chai';
import { toBase64 } from '../omemo/bytes.ts';
import { parseXml } from './dom.ts';
import { childOf, toXmlString } from './element.ts';
import { buildEncrypted, keyFor, parseEncrypted } from './omemo.ts';
import {
  buildBundle,
  buildDeviceList,
  bundleItemId,
  bundleNode,
  deviceListNode,
  parseBundle,
  parseDeviceList,
  parseDeviceListEvent,
} from './omemo-pep.ts';
import { buildEme, buildEnvelope, parseEme, parseEnvelope } from './sce.ts';

const b64 = (...bytes: number[]) => toBase64(Uint8Array.from(bytes));

// XEP-0384 0.3 §4.5 as Conversations sends it, with a fallback body and a store hint.
const OLD = `<message xmlns='jabber:client' to='juliet@capulet.lit' from='romeo@montague.lit/orchard' id='m1' type='chat'>
  <encrypted xmlns='eu.siacs.conversations.axolotl'>
    <header sid='27183'>
      <key rid='31415'>${b64(1, 2, 3)}</key>
      <key prekey='true' rid='12321'>${b64(4, 5)}</key>
      <iv>${b64(9, 9, 9, 9)}</iv>
    </header>
    <payload>${b64(7, 7)}</payload>
  </encrypted>
  <encryption xmlns='urn:xmpp:eme:0' namespace='eu.siacs.conversations.axolotl' name='OMEMO'/>
  <store xmlns='urn:xmpp:hints'/>
  <body>I sent you an OMEMO encrypted message but your client doesn’t seem to support that.</body>
</message>`;

// XEP-0384 (OMEMO 2) §5.4.
const NEW = `<message xmlns='jabber:client' to='juliet@capulet.lit' from='romeo@montague.lit/orchard' id='m2' type='chat'>
  <encrypted xmlns='urn:xmpp:omemo:2'>
    <header sid='27183'>
      <keys jid='juliet@capulet.lit'>
        <key rid='31415'>${b64(1)}</key>
      </keys>
      <keys jid='romeo@montague.lit'>
        <key kex='true' rid='1337'>${b64(2)}</key>
        <key rid='12321'>${b64(3)}</key>
      </keys>
    </header>
    <payload>${b64(8, 8, 8)}</payload>
  </encrypted>
</message>`;

describe('OMEMO <encrypted/>', () => {
  it('reads 0.3: sid, keys with prekey, iv and payload', () => {
    const [enc] = parseEncrypted(parseXml(OLD));
    expect(enc.version).to.equal('0.3');
    expect(enc.sid).to.equal(27183);
    expect(enc.keys.map((k) => [k.rid, k.keyExchange, [...k.data]])).to.deep.equal([
      [31415, false, [1, 2, 3]],
      [12321, true, [4, 5]],
    ]);
    expect([...enc.iv!]).to.deep.equal([9, 9, 9, 9]);
    expect([...enc.payload!]).to.deep.equal([7, 7]);
    expect(keyFor(enc, 'anyone@x', 12321)?.keyExchange).to.equal(true);
  });

  it('reads OMEMO 2: keys by jid with kex, no iv', () => {
    const [enc] = parseEncrypted(parseXml(NEW));
    expect(enc).to.include({ version: '2', sid: 27183 });
    expect(enc.iv).to.equal(undefined);
    expect(enc.keys.map((k) => [k.jid, k.rid, k.keyExchange])).to.deep.equal([
      ['juliet@capulet.lit', 31415, false],
      ['romeo@montague.lit', 1337, true],
      ['romeo@montague.lit', 12321, false],
    ]);
    expect(keyFor(enc, 'juliet@capulet.lit', 31415)).to.not.equal(undefined);
    expect(keyFor(enc, 'romeo@montague.lit', 31415)).to.equal(undefined);
  });

  it('builds what it reads, in both versions', () => {
    for (const text of [OLD, NEW]) {
      const [enc] = parseEncrypted(parseXml(text));
      expect(parseEncrypted({ name: 'message', attrs: {}, children: [buildEncrypted(enc)] })).to.deep.equal([enc]);
    }
    const built = toXmlString(buildEncrypted(parseEncrypted(parseXml(NEW))[0]));
    expect(built).to.contain(`<keys jid="romeo@montague.lit"><key rid="1337" kex="true">`);
  });

  it('leaves out a message of keys only its payload, and drops bad keys and bad elements', () => {
    const keysOnly = parseXml(NEW.replace(/<payload>.*<\/payload>/, '').replace(`rid='12321'`, `rid='0'`));
    const [enc] = parseEncrypted(keysOnly);
    expect(enc.payload).to.equal(undefined);
    expect(enc.keys.map((k) => k.rid)).to.deep.equal([31415, 1337]);
    expect(parseEncrypted(parseXml(OLD.replace(/<iv>.*<\/iv>/, '')))).to.deep.equal([]);
    expect(parseEncrypted(parseXml(OLD.replace(`sid='27183'`, `sid='x'`)))).to.deep.equal([]);
    expect(parseEncrypted(parseXml(OLD.replace(/<payload>.*<\/payload>/, '<payload>!!</payload>')))).to.deep.equal([]);
  });

  it('reads the EME marker', () => {
    expect(parseEme(parseXml(OLD))).to.deep.equal({ namespace: 'eu.siacs.conversations.axolotl', name: 'OMEMO' });
    expect(buildEme('2').attrs).to.include({ namespace: 'urn:xmpp:omemo:2', name: 'OMEMO 2' });
  });
});

describe('OMEMO PEP nodes', () => {
  it('names the nodes and items of each version', () => {
    expect(deviceListNode('0.3')).to.equal('eu.siacs.conversations.axolotl.devicelist');
    expect(deviceListNode('2')).to.equal('urn:xmpp:omemo:2:devices');
    expect(bundleNode('0.3', 31415)).to.equal('eu.siacs.conversations.axolotl.bundles:31415');
    expect([bundleNode('2', 31415), bundleItemId('2', 31415), bundleItemId('0.3', 31415)]).to.deep.equal([
      'urn:xmpp:omemo:2:bundles',
      '31415',
      'current',
    ]);
  });

  it('reads and builds device lists', () => {
    const old = parseXml(
      `<list xmlns='eu.siacs.conversations.axolotl'><device id='12345'/><device id='4223'/><device id='bad'/><device id='4223'/></list>`,
    );
    expect(parseDeviceList('0.3', old)).to.deep.equal([{ id: 12345 }, { id: 4223 }]);
    const neu = parseXml(`<devices xmlns='urn:xmpp:omemo:2'><device id='12345' label='Gajim on Ubuntu'/><device id='4223'/></devices>`);
    expect(parseDeviceList('2', neu)).to.deep.equal([{ id: 12345, label: 'Gajim on Ubuntu' }, { id: 4223 }]);
    expect(parseDeviceList('0.3', neu)).to.equal(undefined);
    expect(parseDeviceList('2', buildDeviceList('2', [{ id: 7, label: 'web' }]))).to.deep.equal([{ id: 7, label: 'web' }]);
    expect(toXmlString(buildDeviceList('0.3', [{ id: 7, label: 'web' }]))).to.equal(
      `<list xmlns="eu.siacs.conversations.axolotl"><device id="7"/></list>`,
    );
  });

  it('reads a device list notification', () => {
    const event = parseXml(`<message xmlns='jabber:client' from='juliet@capulet.lit' to='romeo@montague.lit/orchard'>
      <event xmlns='http://jabber.org/protocol/pubsub#event'><items node='urn:xmpp:omemo:2:devices'>
        <item id='current'><devices xmlns='urn:xmpp:omemo:2'><device id='12345'/></devices></item>
      </items></event></message>`);
    expect(parseDeviceListEvent(event)).to.deep.equal({ jid: 'juliet@capulet.lit', version: '2', devices: [{ id: 12345 }] });
    expect(parseDeviceListEvent(parseXml(`<message from='a@b'><body>x</body></message>`))).to.equal(undefined);
  });

  it('reads and builds bundles of both versions', () => {
    const old = parseXml(`<bundle xmlns='eu.siacs.conversations.axolotl'>
        <signedPreKeyPublic signedPreKeyId='1'>${b64(1, 1)}</signedPreKeyPublic>
        <signedPreKeySignature>${b64(2, 2)}</signedPreKeySignature>
        <identityKey>${b64(3, 3)}</identityKey>
        <prekeys><preKeyPublic preKeyId='1'>${b64(4)}</preKeyPublic><preKeyPublic preKeyId='2'>${b64(5)}</preKeyPublic></prekeys>
      </bundle>`);
    const neu = parseXml(`<bundle xmlns='urn:xmpp:omemo:2'>
        <spk id='0'>${b64(1, 1)}</spk><spks>${b64(2, 2)}</spks><ik>${b64(3, 3)}</ik>
        <prekeys><pk id='1'>${b64(4)}</pk><pk id='2'>${b64(5)}</pk></prekeys>
      </bundle>`);
    for (const [version, el, spkId] of [
      ['0.3', old, 1],
      ['2', neu, 0],
    ] as const) {
      const bundle = parseBundle(version, el)!;
      expect(bundle.signedPreKeyId).to.equal(spkId);
      expect([...bundle.identityKey]).to.deep.equal([3, 3]);
      expect(bundle.preKeys.map((p) => [p.id, [...p.publicKey]])).to.deep.equal([
        [1, [4]],
        [2, [5]],
      ]);
      expect(parseBundle(version, buildBundle(version, bundle))).to.deep.equal(bundle);
    }
    expect(parseBundle('2', old)).to.equal(undefined);
    expect(parseBundle('2', parseXml(`<bundle xmlns='urn:xmpp:omemo:2'><spk id='0'>AA==</spk></bundle>`))).to.equal(undefined);
  });
});

describe('XEP-0420 envelope', () => {
  it('builds and reads an envelope with its affixes', () => {
    const built = buildEnvelope(
      { body: 'Hi <3', from: 'romeo@montague.lit', to: 'juliet@capulet.lit', time: '2026-01-01T00:00:00Z' },
      'xyz',
    );
    const text = toXmlString(built);
    expect(text).to.contain('<rpad>xyz</rpad>');
    expect(parseEnvelope(parseXml(text))).to.deep.equal({
      body: 'Hi <3',
      from: 'romeo@montague.lit',
      to: 'juliet@capulet.lit',
      time: '2026-01-01T00:00:00Z',
    });
  });

  it('reads the envelope python-omemo peers send', () => {
    const text = `<envelope xmlns='urn:xmpp:sce:1'><content><body xmlns='jabber:client'>hello</body></content><rpad>a_b</rpad><time stamp='2026-12-03T04:00:00Z'/><to jid='b@x'/><from jid='a@x'/></envelope>`;
    expect(parseEnvelope(parseXml(text))).to.deep.equal({ body: 'hello', from: 'a@x', to: 'b@x', time: '2026-12-03T04:00:00Z' });
    expect(parseEnvelope(childOf(parseXml(`<x><envelope xmlns='urn:xmpp:sce:1'><content/></envelope></x>`), 'envelope')!)).to.equal(
      undefined,
    );
  });
});
