/**
 * SCRAM-SHA-1 and SCRAM-SHA-256 client (RFC 5802, RFC 7677): the password is never sent, and
 * WebCrypto does the hashing so no library is bundled. No channel binding (gs2 flag "n"): pages
 * cannot read the TLS channel.
 *
 * Messages are JS strings holding the decoded SASL payloads. They are ASCII apart from the
 * username and authzid, which are hashed and sent as UTF-8 (TextEncoder); the adapter below turns
 * them into the byte strings @xmpp/sasl passes through btoa/atob.
 */

export type ScramHash = 'SHA-1' | 'SHA-256';
export type ScramMechanismName = 'SCRAM-SHA-1' | 'SCRAM-SHA-256';

/**
 * What a client may keep instead of the password (RFC 5802 §3): the salt and iteration count the
 * server gave, and the ClientKey and ServerKey derived from them, all base64 except the count.
 * They log in to this one account with these settings; they do not reveal the password.
 */
export interface ScramKeys {
  salt: string;
  iterations: number;
  clientKey: string;
  serverKey: string;
}
/** Keys per mechanism, as the server's salt and count may differ between hashes. */
export type ScramKeyring = Partial<Record<ScramMechanismName, ScramKeys>>;

/** A password, or the keys derived from it. */
export interface ScramCredentials {
  username: string;
  password?: string;
  keys?: ScramKeys;
  authzid?: string;
}

/** The server's data is malformed, contradicts ours, or reports an error; or the exchange is misused. */
export class ScramError extends Error {
  override readonly name = 'ScramError';
  constructor(
    readonly condition: string,
    message: string,
  ) {
    super(message);
  }
}

/** PBKDF2 is run in the page; a hostile server must not be able to freeze it with a huge count. */
const MAX_ITERATIONS = 10_000_000;
const PRINTABLE_NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One authentication exchange: clientFirst, then clientFinal, then verifyServerFinal. */
export class ScramClient {
  private readonly clientNonce: string;
  private readonly gs2Header: string; // "n": no channel binding
  private readonly clientFirstBare: string;
  private serverSignature?: Uint8Array<ArrayBuffer>;

  constructor(
    private readonly hash: ScramHash,
    private readonly credentials: ScramCredentials,
    nonce?: string,
  ) {
    this.clientNonce = nonce ?? randomNonce();
    if (!PRINTABLE_NONCE.test(this.clientNonce)) throw new RangeError('A SCRAM nonce is printable ASCII without commas.');
    this.gs2Header = `n,${credentials.authzid ? `a=${saslName(credentials.authzid)}` : ''},`;
    this.clientFirstBare = `n=${saslName(credentials.username)},r=${this.clientNonce}`;
  }

  get mechanism(): ScramMechanismName {
    return this.hash === 'SHA-1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256';
  }

  clientFirst(): string {
    return this.gs2Header + this.clientFirstBare;
  }

  async clientFinal(serverFirst: string): Promise<string> {
    const { nonce, salt, iterations } = parseServerFirst(serverFirst, this.clientNonce);
    const withoutProof = `c=${toBase64(utf8(this.gs2Header))},r=${nonce}`;
    const authMessage = utf8(`${this.clientFirstBare},${serverFirst},${withoutProof}`);
    const { clientKey, serverKey } = await this.keysFor(salt, iterations);
    const storedKey = new Uint8Array(await crypto.subtle.digest(this.hash, clientKey));
    const clientSignature = await hmac(this.hash, storedKey, authMessage);
    const proof = clientKey.map((byte, i) => byte ^ clientSignature[i]);
    this.serverSignature = await hmac(this.hash, serverKey, authMessage);
    return `${withoutProof},p=${toBase64(proof)}`;
  }

  /** The salt (base64) and iteration count of the server's first message, checked as for a login. */
  saltOf(serverFirst: string): { salt: string; iterations: number } {
    const { salt, iterations } = parseServerFirst(serverFirst, this.clientNonce);
    return { salt: toBase64(salt), iterations };
  }

  /** The ServerSignature the server must send back, once `clientFinal` has run (base64). */
  get expectedServerSignature(): string | undefined {
    return this.serverSignature && toBase64(this.serverSignature);
  }

  private async keysFor(salt: Uint8Array<ArrayBuffer>, iterations: number) {
    const { password, keys } = this.credentials;
    if (typeof password === 'string') return rawKeys(this.hash, password, salt, iterations);
    if (!keys) throw new ScramError('missing-credentials', 'SCRAM needs a password or keys derived from it.');
    // Keys hold for one salt and count only: a server that changed them (its data was reset, or
    // it keeps passwords in clear and salts each login anew) needs the password itself.
    if (keys.iterations !== iterations || !sameBytes(fromBase64(keys.salt), salt)) {
      throw new ScramError('stale-keys', "The saved sign-in keys do not match the server's salt or iteration count.");
    }
    return { clientKey: fromBase64(keys.clientKey), serverKey: fromBase64(keys.serverKey) };
  }

  /** Proves the server knows the password too; without this the exchange is only one-way. */
  // eslint-disable-next-line @typescript-eslint/require-await -- callers await it: a failure must be a rejection
  async verifyServerFinal(serverFinal: string): Promise<void> {
    if (!this.serverSignature) throw new ScramError('out-of-order', 'The server finished before the client proved itself.');
    const attrs = parseAttributes(serverFinal);
    const error = attrs.get('e');
    if (error !== undefined) throw new ScramError(`server-error:${error}`, `The server refused the sign-in (${error}).`);
    const verifier = attrs.get('v');
    if (verifier === undefined || !BASE64.test(verifier)) {
      throw new ScramError('malformed-challenge', 'The server sent a final message without a valid signature.');
    }
    if (!sameBytes(fromBase64(verifier), this.serverSignature)) {
      throw new ScramError('invalid-server-signature', 'The server could not prove it knows the password; it may be an impostor.');
    }
  }
}

/** The credentials @xmpp/sasl passes on: a password, or keys for each mechanism (ignored with a password). */
export interface ScramMechanismCredentials {
  username?: string | null;
  password?: string | null;
  scramKeys?: ScramKeyring;
}

/** The mechanism a `saslmechanisms` factory (as used by @xmpp/sasl) instantiates per exchange. */
export interface ScramMechanism {
  name: string;
  clientFirst: boolean;
  response(cred: ScramMechanismCredentials): Promise<string>;
  challenge(chal: string): Promise<void>;
  /** Checks the server-final data of `<success>`, which @xmpp/sasl 0.14 drops: the transport must call it. */
  verifySuccess(data: string): Promise<void>;
}

/**
 * A class for `factory.use()`. Payloads in and out are byte strings (one char per byte), because
 * @xmpp/sasl runs them through btoa/atob. Server-final may come as a challenge (then answered
 * with an empty response) or in `<success>` (see `verifySuccess`). `makeNonce` is for tests.
 */
export function scramMechanism(hash: ScramHash, makeNonce = randomNonce): new () => ScramMechanism {
  class Mechanism {
    declare name: string;
    declare clientFirst: boolean;
    private client?: ScramClient;
    private next?: string;
    private verified = false;

    // eslint-disable-next-line @typescript-eslint/require-await -- saslmechanisms awaits it: a failure must be a rejection
    async response(cred: ScramMechanismCredentials): Promise<string> {
      if (!this.client) {
        const { username, password, scramKeys } = cred;
        const keys = scramKeys?.[this.name as ScramMechanismName];
        if (typeof username !== 'string' || (typeof password !== 'string' && !keys)) {
          throw new ScramError('missing-credentials', 'SCRAM needs a username and a password or keys derived from it.');
        }
        this.client = new ScramClient(hash, typeof password === 'string' ? { username, password } : { username, keys }, makeNonce());
        return toByteString(utf8(this.client.clientFirst()));
      }
      const reply = this.next ?? '';
      this.next = '';
      return toByteString(utf8(reply));
    }

    async challenge(chal: string): Promise<void> {
      if (!this.client) throw new ScramError('out-of-order', 'The server sent a challenge before the exchange began.');
      if (this.next === undefined) this.next = await this.client.clientFinal(fromByteString(chal));
      else await this.verifySuccess(chal);
    }

    async verifySuccess(data: string): Promise<void> {
      if (!this.client) throw new ScramError('out-of-order', 'The server reported success before the exchange began.');
      if (this.verified) return; // server-final already came as a challenge; <success> is then empty
      await this.client.verifyServerFinal(fromByteString(data));
      this.verified = true;
    }
  }
  Mechanism.prototype.name = hash === 'SHA-1' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256';
  Mechanism.prototype.clientFirst = true;
  return Mechanism;
}

/** Derives what `ScramKeys` holds from a password and the server's salt (base64) and count. */
export async function deriveScramKeys(hash: ScramHash, password: string, salt: string, iterations: number): Promise<ScramKeys> {
  const { clientKey, serverKey } = await rawKeys(hash, password, fromBase64(salt), iterations);
  return { salt, iterations, clientKey: toBase64(clientKey), serverKey: toBase64(serverKey) };
}

async function rawKeys(hash: ScramHash, password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const salted = await pbkdf2(hash, utf8(saslPrep(password)), salt, iterations);
  return { clientKey: await hmac(hash, salted, utf8('Client Key')), serverKey: await hmac(hash, salted, utf8('Server Key')) };
}

function parseServerFirst(message: string, clientNonce: string) {
  const attrs = parseAttributes(message);
  if (attrs.has('m')) throw new ScramError('unsupported-extension', 'The server requires a SCRAM extension this client lacks.');
  const [nonce, salt, count] = [attrs.get('r'), attrs.get('s'), attrs.get('i')];
  if (nonce === undefined || salt === undefined || count === undefined) {
    throw new ScramError('malformed-challenge', 'The server challenge lacks its nonce, salt or iteration count.');
  }
  if (!nonce.startsWith(clientNonce) || !PRINTABLE_NONCE.test(nonce)) {
    throw new ScramError('invalid-nonce', 'The server challenge does not continue our nonce; it may be replayed.');
  }
  if (!salt || !BASE64.test(salt)) throw new ScramError('malformed-challenge', 'The server sent an invalid salt.');
  if (!/^\d+$/.test(count)) throw new ScramError('malformed-challenge', 'The server sent a non-numeric iteration count.');
  const iterations = Number(count);
  if (iterations < 1) throw new ScramError('iteration-count-too-low', 'The server asked for zero hashing rounds.');
  if (iterations > MAX_ITERATIONS) throw new ScramError('iteration-count-too-high', 'The server asked for too many hashing rounds.');
  return { nonce, salt: fromBase64(salt), iterations };
}

/** "k=v,k=v" into a map; keys are single letters and may not repeat. */
function parseAttributes(message: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const part of message.split(',')) {
    const match = /^([A-Za-z])=(.*)$/s.exec(part);
    if (!match || attrs.has(match[1])) {
      throw new ScramError('malformed-challenge', 'The server sent a SCRAM message this client cannot read.');
    }
    attrs.set(match[1], match[2]);
  }
  return attrs;
}

/** RFC 5802 saslname: "=" and "," are escaped because they delimit attributes. */
function saslName(name: string): string {
  return saslPrep(name).replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/**
 * Partial SASLprep (RFC 4013): the two mapping tables and NFKC. It does not reject prohibited or
 * unassigned code points or check bidi rules; such passwords are hashed as mapped.
 */
function saslPrep(text: string): string {
  // RFC 4013's tables, character by character: combining marks and joiners are what it maps.
  return (
    text
      // eslint-disable-next-line no-misleading-character-class
      .replace(/[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g, '')
      .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
      .normalize('NFKC')
  );
}

async function pbkdf2(hash: ScramHash, password: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = hash === 'SHA-1' ? 160 : 256;
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, key, bits));
}

async function hmac(hash: ScramHash, keyBytes: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) {
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
}

/** Compares every byte, so timing does not reveal how much of a signature matched. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i];
  return diff === 0;
}

const randomNonce = () => toBase64(crypto.getRandomValues(new Uint8Array(24)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const toByteString = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const toBase64 = (bytes: Uint8Array) => btoa(toByteString(bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function fromByteString(data: string): string {
  // eslint-disable-next-line no-control-regex -- a byte string is exactly the range 0x00–0xff
  if (/[^\x00-\xff]/.test(data)) throw new ScramError('malformed-challenge', 'The server data is not a byte string.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(data, (c) => c.charCodeAt(0)));
  } catch (error) {
    throw new ScramError('malformed-challenge', `The server data is not UTF-8 (${String(error)}).`);
  }
}
