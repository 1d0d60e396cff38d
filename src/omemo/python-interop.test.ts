import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { fromBase64, toBase64, utf8 } from './bytes.ts';
import {
  decodeBundle,
  decryptKeyMaterial,
  decryptPayload,
  encodeBundle,
  encryptKeyMaterial,
  encryptPayload,
  generateIdentityKeyPair,
  generatePreKeys,
  generateSignedPreKey,
  startSession,
  type OmemoSession,
  type OmemoVersion,
  type OwnKeys,
  type WireBundle,
} from './index.ts';

// Both directions against a live python-omemo device (test/runner/omemo-vectors.py peer): python
// reads what we encrypt and we read what it encrypts, out of order and over many ratchet steps.
const US = { jid: 'ts@omemo.test', device: 2 };

interface Sent {
  message: string;
  kex: boolean;
  ciphertext: string;
  iv?: string;
}
type Step =
  | { op: 'bundle' }
  | { op: 'encrypt'; jid: string; device: number; plaintext: string; bundle?: unknown }
  | { op: 'decrypt'; jid: string; device: number; sent: Sent };
type Result = Sent & { plaintext?: string; error?: string; trace?: string } & Record<string, unknown>;

class PythonDevice {
  private state: unknown = null;
  constructor(readonly version: OmemoVersion) {}

  async run(steps: Step[]): Promise<Result[]> {
    const request = { version: this.version, state: this.state, steps };
    const answer = await executeServerCommand<{ state: unknown; results: Result[] }, typeof request>('omemo-python', request);
    this.state = answer.state;
    for (const result of answer.results) if (result.error) throw new Error(`python: ${result.error}\n${result.trace}`);
    return answer.results;
  }
}

function shuffled<T>(items: T[]): T[] {
  return items
    .map((item) => [Math.random(), item] as const)
    .sort(([a], [b]) => a - b)
    .map(([, item]) => item);
}

async function ourDevice(version: OmemoVersion) {
  const identity = await generateIdentityKeyPair();
  const signedPreKey = await generateSignedPreKey(identity, 3, version);
  const preKeys = await generatePreKeys(1, 5);
  const keys: OwnKeys = {
    identity,
    signedPreKey: (id) => (id === signedPreKey.id ? signedPreKey.keyPair : undefined),
    preKey: (id) => preKeys.find((preKey) => preKey.id === id)?.keyPair,
  };
  const bundle = encodeBundle(version, identity, signedPreKey, preKeys);
  const wireBundle = {
    identityKey: toBase64(bundle.identityKey),
    signedPreKeyId: bundle.signedPreKeyId,
    signedPreKey: toBase64(bundle.signedPreKey),
    signedPreKeySignature: toBase64(bundle.signedPreKeySignature),
    preKeys: bundle.preKeys.map((preKey) => ({ id: preKey.id, publicKey: toBase64(preKey.publicKey) })),
  };
  return { keys, wireBundle };
}

function fromWire(bundle: Result): WireBundle {
  const { identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature, preKeys } = bundle as unknown as Record<string, never>;
  return {
    identityKey: fromBase64(identityKey),
    signedPreKeyId,
    signedPreKey: fromBase64(signedPreKey),
    signedPreKeySignature: fromBase64(signedPreKeySignature),
    preKeys: (preKeys as { id: number; publicKey: string }[]).map((preKey) => ({ id: preKey.id, publicKey: fromBase64(preKey.publicKey) })),
  };
}

async function encryptFor(version: OmemoVersion, session: OmemoSession, text: string): Promise<{ session: OmemoSession; sent: Sent }> {
  const payload = await encryptPayload(version, utf8(text));
  const out = await encryptKeyMaterial(session, payload.keyMaterial);
  const sent: Sent = { message: toBase64(out.message), kex: out.keyExchange, ciphertext: toBase64(payload.ciphertext) };
  if (payload.iv) sent.iv = toBase64(payload.iv);
  return { session: out.session, sent };
}

async function read(version: OmemoVersion, keys: OwnKeys, session: OmemoSession | undefined, sent: Sent) {
  const out = await decryptKeyMaterial(version, keys, session, fromBase64(sent.message), sent.kex);
  const plaintext = await decryptPayload(version, out.keyMaterial, fromBase64(sent.ciphertext), sent.iv ? fromBase64(sent.iv) : undefined);
  return { session: out.session, text: new TextDecoder().decode(plaintext) };
}

(['0.3', '2'] as const).forEach((version) => {
  describe(`OMEMO ${version} with a live python-omemo device`, function () {
    this.timeout(120_000);

    it('we start the session: python reads us, we read its answers, a hundred messages each way', async () => {
      const python = new PythonDevice(version);
      const us = await ourDevice(version);
      const [bundle] = await python.run([{ op: 'bundle' }]);
      let session = await startSession(version, us.keys.identity, decodeBundle(version, fromWire(bundle)));
      const first: Sent[] = [];
      for (let i = 0; i < 3; i++) {
        const out = await encryptFor(version, session, `ts ${i}`);
        session = out.session;
        first.push(out.sent);
      }
      const order = [0, 2, 1];
      const heard = await python.run(order.map((i) => ({ op: 'decrypt', jid: US.jid, device: US.device, sent: first[i] })));
      expect(heard.map((result) => result.plaintext)).to.deep.equal(order.map((i) => `ts ${i}`));

      for (let round = 0; round < 4; round++) {
        const texts = Array.from({ length: 25 }, (_, i) => `py ${round}.${i} ✓`);
        const answers = await python.run(texts.map((plaintext) => ({ op: 'encrypt', jid: US.jid, device: US.device, plaintext })));
        const indexed = answers.map((sent, i) => ({ sent, i }));
        for (const { sent, i } of shuffled(indexed)) {
          const out = await read(version, us.keys, session, sent);
          session = out.session;
          expect(out.text).to.equal(texts[i]);
        }
        const ours: Sent[] = [];
        for (let i = 0; i < 25; i++) {
          const out = await encryptFor(version, session, `ts ${round}.${i}`);
          session = out.session;
          expect(out.sent.kex).to.equal(false);
          ours.push(out.sent);
        }
        const back = await python.run(ours.map((sent) => ({ op: 'decrypt', jid: US.jid, device: US.device, sent })));
        expect(back.map((result) => result.plaintext)).to.deep.equal(ours.map((_, i) => `ts ${round}.${i}`));
      }
    });

    it('python starts the session: we read its key exchanges, it reads our answer', async () => {
      const python = new PythonDevice(version);
      const us = await ourDevice(version);
      const sent = await python.run(
        ['a', 'b', 'c'].map((plaintext) => ({ op: 'encrypt', jid: US.jid, device: US.device, plaintext, bundle: us.wireBundle })),
      );
      let session: OmemoSession | undefined;
      for (const i of [1, 0, 2]) {
        const out = await read(version, us.keys, session, sent[i]);
        session = out.session;
        expect(out.text).to.equal(['a', 'b', 'c'][i]);
      }
      const answer = await encryptFor(version, session!, 'answer');
      expect(answer.sent.kex).to.equal(false);
      const [heard] = await python.run([{ op: 'decrypt', jid: US.jid, device: US.device, sent: answer.sent }]);
      expect(heard.plaintext).to.equal('answer');
      const [after] = await python.run([{ op: 'encrypt', jid: US.jid, device: US.device, plaintext: 'confirmed' }]);
      expect(after.kex).to.equal(false);
      expect((await read(version, us.keys, answer.session, after)).text).to.equal('confirmed');
    });
  });
});
