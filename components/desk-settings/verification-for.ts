/**
 * The support account's visitor verification, one per connection: every visitor's details and the
 * settings form share it, so the secret is read from private storage once per session.
 */
import type { Client } from '../../src/index.ts';
import { createVisitorVerification, type VisitorVerification } from '../../src/desk.ts';

const verifications = new WeakMap<Client, Promise<VisitorVerification>>();

/** The verification for `client`, its code loaded on first use. */
export function verificationFor(client: Client): Promise<VisitorVerification> {
  let verification = verifications.get(client);
  if (!verification) {
    verification = createVisitorVerification({ client });
    verifications.set(client, verification);
    // A chunk that failed to load is tried again next time rather than remembered.
    verification.catch(() => verifications.delete(client));
  }
  return verification;
}
