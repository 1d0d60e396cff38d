/**
 * A visitor's account is registered once per browser: two tabs that open the chat at the same
 * moment share one IndexedDB, as two calls in this page do, and must end up with one account.
 */
import { expect } from '@esm-bundle/chai';
import { forgetVisitor, forgetVisitorAccount, visitorAccount } from '../../src/index.ts';
import { DOMAIN, SERVERS, serviceUrl } from './servers.ts';

/** The account's credentials; its FAST token store (whose device id is new until a token is kept) left out. */
const credentials = <T extends { fast?: unknown }>(account: T | undefined) => {
  if (!account) return account;
  const { fast: _, ...rest } = account;
  return rest;
};

const service = serviceUrl('websocket', SERVERS.prosody.httpPort);

/** Counts the WebSockets opened to the chat server (registration opens one) while `run` runs. */
async function countingSockets<T>(run: () => Promise<T>): Promise<{ result: T; sockets: number }> {
  const Original = window.WebSocket;
  let sockets = 0;
  window.WebSocket = class extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (String(url) === service) sockets += 1;
    }
  };
  try {
    return { result: await run(), sockets };
  } finally {
    window.WebSocket = Original;
  }
}

describe('visitor accounts across tabs', function () {
  this.timeout(30_000);
  const owners: string[] = [];
  afterEach(async () => {
    await Promise.all(owners.splice(0).map((owner) => forgetVisitor(owner)));
  });
  const owner = () => {
    const name = `visitor:desk-${Math.random().toString(36).slice(2, 10)}@localhost`;
    owners.push(name);
    return name;
  };

  for (const locks of ['Web Locks', 'no Web Locks']) {
    it(`registers one account when two tabs open the chat at once (${locks})`, async () => {
      if (locks === 'no Web Locks') Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
      try {
        const options = { owner: owner(), service, domain: DOMAIN };
        const {
          result: [first, second],
          sockets,
        } = await countingSockets(() => Promise.all([visitorAccount(options), visitorAccount(options)]));
        expect(first?.jid).to.match(/^visitor-[a-z0-9]+@localhost$/);
        expect(credentials(second)).to.deep.equal(credentials(first));
        expect(sockets, 'registrations sent to the server').to.equal(1);
      } finally {
        delete (navigator as { locks?: unknown }).locks;
      }
    });
  }

  it('forgets a refused account only while it is still the stored one', async () => {
    const options = { owner: owner(), service, domain: DOMAIN };
    const refused = await visitorAccount(options);
    await forgetVisitorAccount(options.owner, DOMAIN, undefined, refused!.jid);
    const next = await visitorAccount(options); // the first tab registered the next account
    expect(next!.jid).to.not.equal(refused!.jid);
    await forgetVisitorAccount(options.owner, DOMAIN, undefined, refused!.jid); // the second tab saw the refusal late
    expect(credentials(await visitorAccount(options))).to.deep.equal(credentials(next));
  });
});
