/**
 * A visitor's account is kept as SCRAM keys, never as its password, wherever the server allows:
 * registered, stored, and logged in with the keys alone — on the real servers, over both transports.
 */
import { expect } from '@esm-bundle/chai';
import { AuthError, createClient, forgetVisitor, visitorAccount } from '../../src/index.ts';
import { registerAccount } from '../../src/registration.ts';
import { createMessageStore } from '../../src/storage/index.ts';
import { everyStoredValue } from './stored-values.ts';
import { DOMAIN, SERVERS, TEST_OPTIONS, TRANSPORTS, serviceUrl, type ServerName } from './servers.ts';

/** The account's credentials; its FAST token store (whose device id is new until a token is kept) left out. */
const credentials = <T extends { fast?: unknown }>(account: T | undefined) => {
  if (!account) return account;
  const { fast: _, ...rest } = account;
  return rest;
};

const META = `visitor-account:${DOMAIN}`;

/** Whether `value` holds a `password` anywhere, or the text `secret` anywhere. */
function holdsPassword(value: unknown, secret?: string): boolean {
  const text = JSON.stringify(value) ?? '';
  return /"password"\s*:/.test(text) || (secret !== undefined && text.includes(secret));
}

async function storedAccount(owner: string): Promise<Record<string, unknown> | undefined> {
  const store = createMessageStore(owner);
  try {
    return await store.getMeta(META);
  } finally {
    store.close();
  }
}

async function setStoredAccount(owner: string, value: unknown): Promise<void> {
  const store = createMessageStore(owner);
  try {
    await store.setMeta(META, value);
  } finally {
    store.close();
  }
}

/** Prosody keeps SCRAM-SHA-1 keys; ejabberd (as configured, `auth_password_format: plain`) salts each login anew. */
const KEEPS_KEYS: Record<ServerName, boolean> = { prosody: true, ejabberd: false };

describe('visitor account keys', function () {
  this.timeout(60_000);
  const owners: string[] = [];
  afterEach(async () => {
    await Promise.all(owners.splice(0).map((owner) => forgetVisitor(owner)));
  });
  const owner = () => {
    const name = `visitor:keys-${Math.random().toString(36).slice(2, 10)}@localhost`;
    owners.push(name);
    return name;
  };

  for (const server of Object.keys(SERVERS) as ServerName[]) {
    for (const transport of TRANSPORTS) {
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      const options = (who: string) => ({ owner: who, service, domain: DOMAIN });

      if (KEEPS_KEYS[server]) {
        it(`${server} over ${transport}: stores keys, never the password, and logs in again with the keys alone`, async () => {
          const who = owner();
          const registered = await visitorAccount(options(who));
          expect(registered?.password).to.equal(undefined);
          const stored = await storedAccount(who);
          expect(stored?.jid).to.equal(registered!.jid);
          expect(Object.keys(stored?.scramKeys as object)).to.deep.equal(['SCRAM-SHA-1']);
          expect((await everyStoredValue(who)).some((value) => holdsPassword(value))).to.equal(false);

          const again = await visitorAccount(options(who)); // a new page with the same storage
          expect(credentials(again)).to.deep.equal(credentials(registered));
          const client = createClient({ ...TEST_OPTIONS, service, jid: again!.jid, scramKeys: again!.scramKeys });
          try {
            const info = await client.connect();
            expect(info.mechanism).to.equal('SCRAM-SHA-1');
            expect(info.jid.split('/')[0]).to.equal(registered!.jid);
          } finally {
            await client.disconnect();
          }
        });

        it(`${server} over ${transport}: replaces a password stored in clear by keys on first use`, async () => {
          const who = owner();
          const username = `visitor-old${Math.random().toString(36).slice(2, 10)}`;
          const password = `clear-${Math.random().toString(36).slice(2, 12)}`;
          await registerAccount({ service, domain: DOMAIN, username, password });
          await setStoredAccount(who, { jid: `${username}@${DOMAIN}`, password });
          const account = await visitorAccount(options(who));
          expect(account?.jid).to.equal(`${username}@${DOMAIN}`);
          expect(account?.scramKeys?.['SCRAM-SHA-1']).to.not.equal(undefined);
          expect((await everyStoredValue(who)).some((value) => holdsPassword(value, password))).to.equal(false);
          const client = createClient({ ...TEST_OPTIONS, service, jid: account!.jid, scramKeys: account!.scramKeys });
          try {
            expect((await client.connect()).mechanism).to.equal('SCRAM-SHA-1');
          } finally {
            await client.disconnect();
          }
        });

        it(`${server} over ${transport}: keys for a salt the server no longer uses are refused as a wrong password`, async () => {
          const account = await visitorAccount(options(owner()));
          const keys = account!.scramKeys!['SCRAM-SHA-1']!;
          const client = createClient({
            ...TEST_OPTIONS,
            service,
            jid: account!.jid,
            reconnect: false,
            scramKeys: { 'SCRAM-SHA-1': { ...keys, salt: btoa('another salt') } },
          });
          try {
            const error = await client.connect().then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(error).to.be.instanceOf(AuthError);
            expect((error as AuthError).condition).to.equal('not-authorized');
          } finally {
            await client.disconnect();
          }
        });
      } else {
        it(`${server} over ${transport}: keeps the password, marked keyless, where every login is salted anew`, async () => {
          const who = owner();
          const account = await visitorAccount(options(who));
          expect(account?.password).to.be.a('string');
          expect(account?.scramKeys).to.equal(undefined);
          expect(await storedAccount(who)).to.deep.equal({ ...credentials(account), keyless: true });
          const client = createClient({ ...TEST_OPTIONS, service, jid: account!.jid, password: account!.password });
          try {
            expect((await client.connect()).mechanism).to.match(/^SCRAM-SHA-/);
          } finally {
            await client.disconnect();
          }
        });
      }
    }
  }
});
