import { expect } from '@esm-bundle/chai';
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import { Emitter } from '../events.ts';
import { toBase64 } from '../stanza/avatar.ts';
import { parseXml } from '../stanza/dom.ts';
import { childOf, toXmlString, type XmlElement } from '../stanza/element.ts';
import { createMemoryBackend, createMessageStore, type Backend } from '../storage/index.ts';
import { createAvatars } from './avatars.ts';
import { sha1Hex } from './avatars-requests.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const SVG = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>");
const ANN = 'ann@example.org';

/** What an account has published, as the fake server answers it. */
interface Published {
  metadata?: string;
  data?: Uint8Array;
  vcard?: Uint8Array;
}

function setup(accounts: Record<string, Published>, backend: Backend = createMemoryBackend(), converts = false) {
  const asked: string[] = [];
  const sets: XmlElement[] = [];
  const events = new Emitter<{ stanza: XmlElement; online: { resumed: boolean } }>();
  const result = (inner: string) => Promise.resolve(parseXml(`<iq type='result'>${inner}</iq>`));
  const iq = (stanza: XmlElement): Promise<XmlElement> => {
    const text = toXmlString(stanza);
    const to = stanza.attrs.to ?? 'me@example.org';
    const account = accounts[to] ?? {};
    if (stanza.attrs.type === 'set') {
      sets.push(stanza);
      return result('');
    }
    const items = (node: string, payload: string | undefined) =>
      payload
        ? result(`<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='${node}'><item id='x'>${payload}</item></items></pubsub>`)
        : Promise.reject(new StanzaError('item-not-found', 'none'));
    if (text.includes('urn:xmpp:avatar:metadata')) {
      asked.push(`metadata ${to}`);
      return items('urn:xmpp:avatar:metadata', account.metadata);
    }
    if (text.includes('urn:xmpp:avatar:data')) {
      asked.push(`data ${to}`);
      const data = account.data && `<data xmlns='urn:xmpp:avatar:data'>${toBase64(account.data)}</data>`;
      return items('urn:xmpp:avatar:data', data);
    }
    asked.push(`vcard ${to}`);
    const photo = account.vcard && `<PHOTO><TYPE>image/png</TYPE><BINVAL>${toBase64(account.vcard)}</BINVAL></PHOTO>`;
    return result(`<vCard xmlns='vcard-temp'><FN>Someone</FN>${photo ?? ''}</vCard>`);
  };
  const client = { status: 'connected', epoch: 1, iq, on: events.on.bind(events) } as unknown as Client;
  const store = createMessageStore('me@example.org', { backend, channelName: `avatars-${Math.random()}` });
  const avatars = createAvatars({ client, store, account: () => 'me@example.org', converts: () => converts });
  const changes: string[] = [];
  avatars.on('change', ({ jid }) => changes.push(jid));
  const hear = (xml: string) => events.emit('stanza', parseXml(xml));
  return { avatars, asked, sets, changes, hear, backend };
}

const metadata = (hash: string, bytes = PNG.length, type = 'image/png') =>
  `<metadata xmlns='urn:xmpp:avatar:metadata'><info id='${hash}' bytes='${bytes}' type='${type}'/></metadata>`;
const bytesOf = (url: string | undefined) => url && Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0));

describe('avatars', () => {
  it('fetch metadata, then the data item, check its hash, and keep it: a reload asks for metadata only', async () => {
    const hash = await sha1Hex(PNG);
    const first = setup({ [ANN]: { metadata: metadata(hash), data: PNG } });
    const url = await first.avatars.of(`${ANN}/phone`);
    expect(url).to.match(/^data:image\/png;base64,/);
    expect(bytesOf(url)).to.deep.equal(PNG);
    expect(first.asked).to.deep.equal([`metadata ${ANN}`, `data ${ANN}`]);
    expect(await first.avatars.of(ANN)).to.equal(url);
    expect(first.asked).to.have.length(2);

    const reload = setup({ [ANN]: { metadata: metadata(hash), data: PNG } }, first.backend);
    expect(await reload.avatars.of(ANN)).to.equal(url);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reload.asked).to.deep.equal([`metadata ${ANN}`]);
    expect(reload.changes).to.deep.equal([]);
  });

  it('fall back to the vCard when the data item does not match its hash, and show nothing that matches neither', async () => {
    const hash = await sha1Hex(PNG);
    const wrong = Uint8Array.from([...PNG, 9]);
    const other = Uint8Array.from([...PNG, 8]);
    const { avatars, asked } = setup({
      [ANN]: { metadata: metadata(hash), data: wrong, vcard: PNG },
      'bob@example.org': { metadata: metadata(await sha1Hex(other)), data: wrong },
    });
    expect(bytesOf(await avatars.of(ANN))).to.deep.equal(PNG);
    expect(asked).to.deep.equal([`metadata ${ANN}`, `data ${ANN}`, `vcard ${ANN}`]);
    expect(await avatars.of('bob@example.org')).to.equal(undefined);
  });

  it('never show SVG or other bytes that are not a picture, even with a matching hash', async () => {
    const hash = await sha1Hex(SVG);
    const { avatars } = setup({ [ANN]: { metadata: metadata(hash, SVG.length, 'image/png'), data: SVG } });
    expect(await avatars.of(ANN)).to.equal(undefined);
  });

  it('use the vCard of someone without PEP avatars, and the hash in their presence', async () => {
    const { avatars, asked, hear, changes } = setup({ [ANN]: { vcard: PNG }, 'bob@example.org': {} });
    expect(bytesOf(await avatars.of(ANN))).to.deep.equal(PNG);
    expect(asked).to.deep.equal([`metadata ${ANN}`, `vcard ${ANN}`]);
    expect(await avatars.of('bob@example.org')).to.equal(undefined);
    hear(`<presence from='bob@example.org/x'><x xmlns='vcard-temp:x:update'><photo>${await sha1Hex(PNG)}</photo></x></presence>`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).to.deep.equal([ANN, 'bob@example.org']);
  });

  it('change with a notification, and go away with empty metadata', async () => {
    const hash = await sha1Hex(PNG);
    const { avatars, changes, hear } = setup({ [ANN]: { data: PNG } });
    const notify = (payload: string) =>
      hear(
        `<message from='${ANN}' type='headline'><event xmlns='http://jabber.org/protocol/pubsub#event'>` +
          `<items node='urn:xmpp:avatar:metadata'><item id='${hash}'>${payload}</item></items></event></message>`,
      );
    notify(metadata(hash));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).to.deep.equal([ANN]);
    expect(bytesOf(await avatars.of(ANN))).to.deep.equal(PNG);
    notify("<metadata xmlns='urn:xmpp:avatar:metadata'/>");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(changes).to.deep.equal([ANN, ANN]);
  });

  it('publish data, then metadata, open to anyone, then the vCard photo unless the server converts', async () => {
    const { avatars, sets, changes } = setup({});
    await avatars.publish(new Blob([PNG]), { width: 2, height: 2 });
    const hash = await sha1Hex(PNG);
    const publish = (iq: XmlElement) => childOf(childOf(iq, 'pubsub') ?? iq, 'publish');
    expect(sets.map((iq) => publish(iq)?.attrs.node ?? childOf(iq, 'vCard')?.name)).to.deep.equal([
      'urn:xmpp:avatar:data',
      'urn:xmpp:avatar:metadata',
      'vCard',
    ]);
    expect(toXmlString(sets[1])).to.contain(`<info id="${hash}" bytes="${PNG.length}" type="image/png" width="2" height="2"/>`);
    expect(toXmlString(sets[1])).to.contain('<field var="pubsub#access_model"><value>open</value></field>');
    expect(toXmlString(sets[2])).to.contain('<FN>Someone</FN><PHOTO><TYPE>image/png</TYPE>');
    expect(changes).to.deep.equal(['me@example.org']);
    expect(bytesOf(await avatars.of('me@example.org'))).to.deep.equal(PNG);

    const converting = setup({}, createMemoryBackend(), true);
    await converting.avatars.publish(new Blob([PNG]));
    expect(converting.sets).to.have.length(2);
    const refused = await converting.avatars.publish(new Blob([SVG])).catch((error: Error) => error);
    expect(refused).to.include({ name: 'AvatarError', condition: 'not-an-image' });
  });
});
