import { expect } from '@esm-bundle/chai';
import type { Client, ClientEvents } from '../client.ts';
import { Emitter } from '../events.ts';
import { childOf, toXmlString, xml, type XmlElement } from '../stanza/element.ts';
import { redactForLog } from '../stanza/redact.ts';
import type { VisitorContext } from '../stanza/visitor-context.ts';
import { createVisitorVerification, VerificationError } from './visitor-verification.ts';

const NS_PRIVATE = 'jabber:iq:private';
const SECRET = 'correct horse battery staple';
/** Computed apart from this code: printf '42\nada@example.org\nAda Lovelace' | openssl dgst -sha256 -hmac '…'. */
const ADA: VisitorContext = {
  userId: '42',
  email: 'ada@example.org',
  name: 'Ada Lovelace',
  signature: '3eee05a6d429b471fac6e1a7a035ec02fd705d6c571781cf655fcc3d1847f904',
};
/** printf '42\nzoe@example.org\nZoë 李' | openssl dgst -sha256 -hmac '…' (the text's UTF-8). */
const ZOE: VisitorContext = {
  userId: '42',
  email: 'zoe@example.org',
  name: 'Zoë 李',
  signature: 'd565164ba717fe6549614d96ef146834756c25a6427981c07f9fffd63d4edbad',
};
/** printf 'u-7\n\n' | openssl dgst -sha256 -hmac '…': no email, no name. */
const ID_ONLY: VisitorContext = { userId: 'u-7', signature: 'f6f160aaeb51da954fa2995d97a8edeabecb1e8690fef8c16659899edc5fc5b6' };

/** A client whose server keeps one private-storage document, and which records what it sends. */
function setup(initial?: string) {
  const events = new Emitter<ClientEvents>();
  let stored: XmlElement | undefined =
    initial === undefined
      ? undefined
      : xml('verification', { xmlns: 'urn:xmpp-chat:visitor-verification:0' }, xml('password', {}, initial));
  const sent: XmlElement[] = [];
  const client = {
    on: events.on.bind(events),
    async iq(iq: XmlElement) {
      sent.push(iq);
      await new Promise((r) => setTimeout(r, 1));
      const query = childOf(iq, 'query', NS_PRIVATE)!;
      if (iq.attrs.type === 'set') stored = childOf(query);
      const payload = iq.attrs.type === 'get' ? (stored ?? childOf(query)) : undefined;
      return xml('iq', { type: 'result', id: iq.attrs.id }, payload && xml('query', { xmlns: NS_PRIVATE }, payload));
    },
  } as unknown as Client;
  const online = (resumed: boolean) => events.emit('online', { jid: 'support@example.org/desk', resumed } as ClientEvents['online']);
  return { client, sent, online };
}

describe('visitor verification', () => {
  it('verifies a signature made with the stored secret, unicode names included', async () => {
    const { client } = setup(SECRET);
    const verification = createVisitorVerification({ client });
    expect(await verification.verify(ADA)).to.equal('verified');
    expect(await verification.verify(ZOE)).to.equal('verified');
    expect(await verification.verify(ID_ONLY)).to.equal('verified');
    expect(await verification.verify({ ...ADA, signature: ADA.signature!.toUpperCase(), page: 'https://x.example/' })).to.equal('verified');
  });

  it('calls a changed name, email, id or signature forged', async () => {
    const { client } = setup(SECRET);
    const verification = createVisitorVerification({ client });
    expect(await verification.verify({ ...ADA, name: 'Ada Lovelace ' })).to.equal('verified'); // trimmed, as sent
    expect(await verification.verify({ ...ADA, name: 'Ada Byron' })).to.equal('forged');
    expect(await verification.verify({ ...ADA, email: 'eve@example.org' })).to.equal('forged');
    expect(await verification.verify({ ...ADA, userId: '43' })).to.equal('forged');
    expect(await verification.verify({ ...ADA, signature: `0${ADA.signature!.slice(1)}` })).to.equal('forged');
    // The fields cannot be shifted across the separator.
    expect(await verification.verify({ ...ZOE, userId: '42\nzoe@example.org', email: 'Zoë 李', name: undefined })).to.equal('forged');
  });

  it('tells unsigned contexts apart without asking the server', async () => {
    const { client, sent } = setup(SECRET);
    const verification = createVisitorVerification({ client });
    expect(await verification.verify(undefined)).to.equal('unsigned');
    expect(await verification.verify({ name: 'Ada', email: 'ada@example.org' })).to.equal('unsigned');
    expect(await verification.verify({ userId: '42' })).to.equal('unsigned');
    expect(await verification.verify({ userId: '42', signature: 'not hex' })).to.equal('unsigned');
    expect(await verification.verify({ signature: ADA.signature })).to.equal('unsigned');
    expect(sent).to.deep.equal([]);
  });

  it('has no secret until one is set, then verifies with it', async () => {
    const { client, sent } = setup();
    const verification = createVisitorVerification({ client });
    const changes: unknown[] = [];
    verification.on('changed', (d) => changes.push(d));
    expect(await verification.hasSecret()).to.equal(false);
    expect(await verification.verify(ADA)).to.equal('no-secret');
    await verification.setSecret(SECRET);
    expect(changes).to.have.length(1);
    expect(await verification.hasSecret()).to.equal(true);
    expect(await verification.verify(ADA)).to.equal('verified');
    expect(sent.map((iq) => iq.attrs.type)).to.deep.equal(['get', 'set'], 'read once, then kept');
    await verification.removeSecret();
    expect(await verification.hasSecret()).to.equal(false);
    expect(await verification.verify(ADA)).to.equal('no-secret');
  });

  it('reads the secret again for a new session, not for a resumed one', async () => {
    const { client, sent, online } = setup(SECRET);
    const verification = createVisitorVerification({ client });
    let changes = 0;
    verification.on('changed', () => changes++);
    await verification.hasSecret();
    online(true);
    await verification.hasSecret();
    expect(sent).to.have.length(1);
    online(false);
    expect(changes).to.equal(1);
    await verification.hasSecret();
    expect(sent).to.have.length(2);
  });

  it('asks again once online when a read failed before (a desk that rendered before it connected)', async () => {
    const { client, online } = setup(SECRET);
    const iq = client.iq.bind(client);
    let connected = false;
    client.iq = (stanza: XmlElement) => (connected ? iq(stanza) : Promise.reject(new Error('Not connected.')));
    const verification = createVisitorVerification({ client });
    let changes = 0;
    verification.on('changed', () => changes++);
    const error = await verification.verify(ADA).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal('Not connected.');
    connected = true;
    online(false);
    expect(changes).to.equal(1);
    expect(await verification.verify(ADA)).to.equal('verified');
  });

  it('refuses secrets it could not read back the same, before sending anything', async () => {
    const { client, sent } = setup();
    const verification = createVisitorVerification({ client });
    for (const secret of ['', 'a\nb', 'x'.repeat(513)]) {
      const error = await verification.setSecret(secret).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(VerificationError);
      expect((error as VerificationError).condition).to.equal('invalid-secret');
    }
    expect(sent).to.deep.equal([]);
  });

  it('keeps the secret out of the debug log', async () => {
    const { client, sent } = setup();
    await createVisitorVerification({ client }).setSecret(SECRET);
    const set = sent.find((iq) => iq.attrs.type === 'set')!;
    expect(toXmlString(set)).to.include(SECRET);
    expect(redactForLog(set)).to.not.include(SECRET);
    expect(redactForLog(toXmlString(set))).to.not.include(SECRET);
  });

  it('says so where the browser has no WebCrypto (pages over plain http)', async () => {
    const { client } = setup(SECRET);
    // What `crypto.subtle` is on such pages.
    const verification = createVisitorVerification({ client, subtle: null as unknown as SubtleCrypto });
    const error = await verification.verify(ADA).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(VerificationError);
    expect((error as VerificationError).condition).to.equal('no-webcrypto');
  });
});
