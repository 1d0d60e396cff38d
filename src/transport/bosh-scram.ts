/**
 * SCRAM-SHA-256 and SCRAM-SHA-1 for strophe.js, driving our SCRAM module (src/sasl/scram.ts) in
 * place of strophe's own, so that both transports log in the same way: with a password, or with
 * SCRAM keys derived from it. The connection's `pass` holds either the password or our keyring.
 */
import { Strophe } from 'strophe.js';
import { ScramClient, type ScramHash, type ScramKeyring, type ScramMechanismName } from '../sasl/scram.ts';

type Connection = InstanceType<typeof Strophe.Connection>;

/** A strophe.js mechanism class; `makeNonce` is for tests. */
export function boshScram(hash: ScramHash, name: ScramMechanismName, priority: number, makeNonce?: () => string) {
  return class extends Strophe.SASLMechanism {
    #client?: ScramClient;
    #finalSent = false;

    constructor() {
      super(name, true, priority);
    }

    override test(connection: Connection): boolean {
      return connection.authcid !== null;
    }

    override clientChallenge(connection: Connection): string {
      const pass = connection.pass as string | ScramKeyring | null;
      const username = connection.authcid ?? '';
      const credentials = typeof pass === 'string' ? { username, password: pass } : { username, keys: pass?.[name] };
      this.#client = new ScramClient(hash, credentials, makeNonce?.());
      this.#finalSent = false;
      return toBytes(this.#client.clientFirst());
    }

    override async onChallenge(connection: Connection, challenge?: string): Promise<string | false> {
      const client = this.#client;
      try {
        if (!client) throw new Error('The server sent a challenge before the exchange began.');
        if (!this.#finalSent) {
          const final = await client.clientFinal(fromBytes(challenge ?? ''));
          this.#finalSent = true;
          // strophe.js compares this with the `v=` of <success> (RFC 5802 §3: the server's proof).
          connection._sasl_data['server-signature'] = client.expectedServerSignature;
          return toBytes(final);
        }
        // Server-final came as a challenge: checked here, and the <success> that follows is empty.
        await client.verifyServerFinal(fromBytes(challenge ?? ''));
        delete connection._sasl_data['server-signature'];
        return '';
      } catch (error) {
        // Stale keys, a malformed challenge or a false server: refused as a failed login.
        Strophe.warn(`SCRAM stopped: ${(error as Error).message}`);
        connection._sasl_failure_cb(null);
        return false;
      }
    }
  };
}

export const BoshScramSha256 = boshScram('SHA-256', 'SCRAM-SHA-256', 70);
export const BoshScramSha1 = boshScram('SHA-1', 'SCRAM-SHA-1', 60);

/** strophe.js base64-encodes payloads with btoa, so they travel as byte strings of UTF-8. */
const toBytes = (text: string) => String.fromCharCode(...new TextEncoder().encode(text));
const fromBytes = (data: string) => new TextDecoder().decode(Uint8Array.from(data, (c) => c.charCodeAt(0)));
