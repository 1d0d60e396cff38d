/**
 * Verified visitors: the README's Node.js signing snippet gives the test vector, and against the
 * real servers the desk keeps the site's secret in its account's
 * private storage (XEP-0049), where another session of the account finds it; two anonymous
 * visitors send a signed context, one of them with a name the site never signed, and the desk
 * tells the one from the other as they arrive.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { createChat, createMemoryBackend, type Chat, type VisitorContext } from '../../src/index.ts';
import { createVisitorVerification } from '../../src/desk.ts';
import { closeChats, connectAll, device, eventually } from './chat-helpers.ts';
import {
  ANON_DOMAIN,
  SERVERS,
  TEST_OPTIONS,
  accountOptions,
  disconnectAll,
  freshAccount,
  serviceUrl,
  trackedClient,
  type ServerName,
} from './servers.ts';

const SECRET = 'correct horse battery staple';
/** printf '42\nzoe@example.org\nZoë 李' | openssl dgst -sha256 -hmac 'correct horse battery staple' (the README's vector). */
const ZOE: VisitorContext = {
  userId: '42',
  email: 'zoe@example.org',
  name: 'Zoë 李',
  signature: 'd565164ba717fe6549614d96ef146834756c25a6427981c07f9fffd63d4edbad',
};

describe("the README's signing snippets", function () {
  this.timeout(30_000);

  it('give the test vector the desk verifies, in Node.js', async () => {
    const results = await executeServerCommand<Record<string, { status: string; output: string }>, { languages: string[] }>('sign-check', {
      languages: ['node'],
    });
    expect(results.node).to.deep.equal({ status: 'ok', output: ZOE.signature });
  });
});

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`verified visitors on ${server}`, function () {
    this.timeout(60_000);
    const { httpPort } = SERVERS[server];
    const service = serviceUrl('websocket', httpPort);
    const visitors: Chat[] = [];
    afterEach(async () => {
      await Promise.all(visitors.splice(0).map((visitor) => visitor.close()));
      await closeChats();
      await disconnectAll();
    });

    /** A site's visitor: anonymous, a new address each time. */
    function anonymousVisitor(): Chat {
      const owner = `verify-visitor-${Math.random().toString(36).slice(2, 10)}`;
      const visitor = createChat({
        ...TEST_OPTIONS,
        service,
        domain: ANON_DOMAIN,
        anonymous: true,
        historyOwner: owner,
        storage: { backend: createMemoryBackend(), channelName: owner },
        visibility: { hidden: false, onChange: () => () => undefined },
      });
      visitors.push(visitor);
      return visitor;
    }

    it('keeps the secret in private storage, shared by the sessions of the account', async () => {
      const name = await freshAccount('verify-secret', httpPort);
      const first = trackedClient(accountOptions(name, service));
      await first.connect();
      const verification = await createVisitorVerification({ client: first });
      expect(await verification.hasSecret(), 'a new account has none').to.equal(false);
      expect(await verification.verify(ZOE)).to.equal('no-secret');
      await verification.setSecret(SECRET);

      const second = trackedClient(accountOptions(name, service));
      await second.connect();
      const elsewhere = await createVisitorVerification({ client: second });
      expect(await elsewhere.hasSecret()).to.equal(true);
      expect(await elsewhere.verify(ZOE)).to.equal('verified');

      await elsewhere.removeSecret();
      const third = trackedClient(accountOptions(name, service));
      await third.connect();
      expect(await (await createVisitorVerification({ client: third })).hasSecret()).to.equal(false);
    });

    it('tells a visitor the site signed from one who changed what was signed', async () => {
      const name = await freshAccount('verify-desk', httpPort);
      const desk = device(name, service);
      await connectAll(desk);
      const verification = await createVisitorVerification({ client: desk.client });
      await verification.setSecret(SECRET);

      const [honest, forger] = [anonymousVisitor(), anonymousVisitor()];
      await Promise.all([honest.connect(), forger.connect()]);
      const tag = Math.random().toString(36).slice(2, 10);
      const page = 'https://shop.example/account';
      await honest.send(`${name}@localhost`, `signed ${tag}`, { context: { ...ZOE, page } });
      // The signature of someone else's identity, with another name: what a forger can copy.
      await forger.send(`${name}@localhost`, `forged ${tag}`, { context: { ...ZOE, name: 'Site Admin', page } });

      const received = async (body: string) => (await desk.conversations()).find((c) => c.lastBody === body);
      const signed = await eventually(() => received(`signed ${tag}`), 'the signed visitor at the desk');
      const forged = await eventually(() => received(`forged ${tag}`), 'the forged visitor at the desk');
      expect(signed.context).to.deep.include({ ...ZOE, page });
      expect(forged.context).to.deep.include({ userId: '42', name: 'Site Admin', signature: ZOE.signature });
      expect(await verification.verify(signed.context)).to.equal('verified');
      expect(await verification.verify(forged.context)).to.equal('forged');

      // An unsigned visitor is only that.
      const plain = anonymousVisitor();
      await plain.connect();
      await plain.send(`${name}@localhost`, `plain ${tag}`, { context: { name: 'Ada', email: 'ada@example.org' } });
      const unsigned = await eventually(() => received(`plain ${tag}`), 'the unsigned visitor at the desk');
      expect(await verification.verify(unsigned.context)).to.equal('unsigned');
    });
  });
}
