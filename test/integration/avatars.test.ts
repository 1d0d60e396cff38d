/**
 * Avatars on the real servers: an account publishes its picture (XEP-0084, open to anyone) and
 * another reads the same bytes; after a reload on the same storage it shows again without a data
 * request; a contact hears of a new picture by notification; an anonymous visitor reads a desk
 * account's picture; a picture only in a vCard (an older client's) is shown too.
 */
import { expect } from '@esm-bundle/chai';
import { createChat, createMemoryBackend, toXmlString, type Chat, type XmlElement } from '../../src/index.ts';
import { buildVcardGet, fromBase64, parseVcardPhoto, vcardOf } from '../../src/stanza/avatar.ts';
import { buildVcardPhotoSet } from '../../src/stanza/avatar-publish.ts';
import { newAccounts } from './accounts.ts';
import { closeChats, connectAll, device, tab } from './chat-helpers.ts';
import { ANON_DOMAIN, DOMAIN, SERVERS, TEST_OPTIONS, serviceUrl, until, type ServerName, type TransportName } from './servers.ts';

/** A small PNG of one colour. */
async function png(colour: string, size = 24): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, size, size);
  return canvas.convertToBlob({ type: 'image/png' });
}
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const bytesOfUrl = (url: string | undefined) => url && fromBase64(url.slice(url.indexOf(',') + 1));

/** Counts the requests for avatar data items (XEP-0084 data node) and vCards a chat sends. */
function countFetches(chat: Chat) {
  const counts = { data: 0, vcard: 0 };
  const iq = chat.client.iq.bind(chat.client);
  chat.client.iq = (stanza: XmlElement) => {
    const text = toXmlString(stanza);
    if (text.includes('urn:xmpp:avatar:data') && stanza.attrs.type === 'get') counts.data += 1;
    if (text.includes('vcard-temp') && stanza.attrs.type === 'get') counts.vcard += 1;
    return iq(stanza);
  };
  return counts;
}

const CASES: [ServerName, TransportName][] = [
  ['prosody', 'websocket'],
  ['ejabberd', 'websocket'],
  ['prosody', 'bosh'],
  ['ejabberd', 'bosh'],
];

for (const [server, transport] of CASES) {
  describe(`avatars on ${server} over ${transport}`, function () {
    this.timeout(60_000);
    const service = serviceUrl(transport, SERVERS[server].httpPort);
    afterEach(closeChats);

    it('are published by one account and read by another, bytes equal; a reload fetches none again', async () => {
      const [ann, bob] = await newAccounts(server, 'ava-ann', 'ava-bob');
      const owner = `avatars-${Math.random().toString(36).slice(2, 10)}@test`;
      const annChat = device(ann, service);
      const bobChat = tab(bob, service, owner);
      await connectAll(annChat, bobChat);
      const picture = await png('#0a7');
      await (await annChat.avatars()).publish(picture, { width: 24, height: 24 });
      expect(bytesOfUrl(await (await annChat.avatars()).of(`${ann}@${DOMAIN}`))).to.deep.equal(await bytesOf(picture));

      // Older clients find it in the vCard: set by us on ejabberd, by the server on Prosody (XEP-0398).
      const vcard = vcardOf(await bobChat.client.iq(buildVcardGet(`${ann}@${DOMAIN}`)));
      expect(parseVcardPhoto(vcard!)?.bytes).to.deep.equal(await bytesOf(picture));

      const first = countFetches(bobChat);
      const url = await (await bobChat.avatars()).of(`${ann}@${DOMAIN}`);
      expect(url).to.match(/^data:image\/png;base64,/);
      expect(bytesOfUrl(url)).to.deep.equal(await bytesOf(picture));
      expect(first.data).to.equal(1);
      await bobChat.close();

      const reloaded = tab(bob, service, owner);
      const again = countFetches(reloaded);
      // Shown from the device at once, before the connection is up.
      expect(bytesOfUrl(await (await reloaded.avatars()).of(`${ann}@${DOMAIN}`))).to.deep.equal(await bytesOf(picture));
      await connectAll(reloaded);
      expect(bytesOfUrl(await (await reloaded.avatars()).of(`${ann}@${DOMAIN}`))).to.deep.equal(await bytesOf(picture));
      expect(again).to.deep.equal({ data: 0, vcard: 0 });
    });

    it('change for a contact when they publish a new one, by notification', async () => {
      const [cat, dan] = await newAccounts(server, 'ava-cat', 'ava-dan');
      const catChat = device(cat, service);
      const danChat = device(dan, service);
      await connectAll(catChat, danChat);
      await catChat.roster.add(`${dan}@${DOMAIN}`);
      await until(() => danChat.roster.requests.has(`${cat}@${DOMAIN}`), 'the request');
      danChat.roster.approve(`${cat}@${DOMAIN}`);
      await until(() => danChat.roster.contacts.get(`${cat}@${DOMAIN}`)?.subscription === 'both', 'mutual subscription', 20_000);
      const avatars = await danChat.avatars();
      expect(await avatars.of(`${cat}@${DOMAIN}`)).to.equal(undefined);
      const changes: string[] = [];
      avatars.on('change', ({ jid }) => changes.push(jid));
      const picture = await png('#c30');
      await (await catChat.avatars()).publish(picture, { width: 24, height: 24 });
      await until(() => changes.includes(`${cat}@${DOMAIN}`), 'the change at dan');
      expect(bytesOfUrl(await avatars.of(`${cat}@${DOMAIN}`))).to.deep.equal(await bytesOf(picture));
    });

    it('of a desk account are read by an anonymous visitor', async () => {
      const [desk] = await newAccounts(server, 'ava-desk');
      const deskChat = device(desk, service);
      await connectAll(deskChat);
      const picture = await png('#36f', 48);
      await (await deskChat.avatars()).publish(picture, { width: 48, height: 48 });
      const visitor = createChat({
        ...TEST_OPTIONS,
        service,
        domain: ANON_DOMAIN,
        anonymous: true,
        visibility: { hidden: false, onChange: () => () => undefined },
        storage: { backend: createMemoryBackend(), channelName: `anon-${Math.random()}` },
      });
      try {
        await connectAll(visitor);
        const url = await (await visitor.avatars()).of(`${desk}@${DOMAIN}`);
        expect(bytesOfUrl(url)).to.deep.equal(await bytesOf(picture));
      } finally {
        await visitor.close();
      }
    });

    it('set only in a vCard, by an older client, are shown', async () => {
      const [eve, fay] = await newAccounts(server, 'ava-eve', 'ava-fay');
      const eveChat = device(eve, service);
      const fayChat = device(fay, service);
      await connectAll(eveChat, fayChat);
      const picture = await png('#fc0');
      await eveChat.client.iq(buildVcardPhotoSet(undefined, { type: 'image/png', bytes: await bytesOf(picture) }));
      const url = await (await fayChat.avatars()).of(`${eve}@${DOMAIN}`);
      expect(bytesOfUrl(url)).to.deep.equal(await bytesOf(picture));
    });
  });
}
