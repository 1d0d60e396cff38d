/**
 * Signing in without a password on the device: a registered visitor and an agent who ticked "Stay signed
 * in" keep only a FAST token (XEP-0484) where the server issues one (Prosody 13, ejabberd 24.12), or SCRAM
 * keys where it does not (Prosody 0.12); the next page signs in with it, a refused token is forgotten and
 * said in words, and signing out forgets it. The browser's storage is read to check no password is there.
 */
import { expect } from '@esm-bundle/chai';
import { createMessageStore } from '../../src/storage/index.ts';
import { everyStoredValue } from '../integration/stored-values.ts';
import { freshAccount, serviceUrl } from '../integration/servers.ts';
import { closePages, deep, deepAll, headerButton, page, reload, waitFor } from './pages.ts';

const PORTS = { prosody13: 35280, ejabberd24: 45280, prosody: 15280 };

async function meta(owner: string, name: string): Promise<Record<string, unknown> | undefined> {
  const store = createMessageStore(owner);
  try {
    return await store.getMeta(name);
  } finally {
    store.close();
  }
}

async function setMeta(owner: string, name: string, value: unknown): Promise<void> {
  const store = createMessageStore(owner);
  try {
    await store.setMeta(name, value);
  } finally {
    store.close();
  }
}

/**
 * Whether the browser's storage holds the password itself anywhere, or a "password" field in a value of
 * this account (other tests of this origin keep other accounts, an ejabberd visitor's with its password).
 */
async function passwordStored(secret: string, jid: string): Promise<boolean> {
  const values = (await everyStoredValue()).map((value) => String(JSON.stringify(value)));
  return values.some((text) => text.includes(secret) || (text.includes(jid) && /"password"\s*:/.test(text)));
}

/** Polls an asynchronous check until it gives a value. */
async function settles<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fill(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

const fullPage = (service: string) => `<main style="height:700px"><xmpp-chat mode="full" service="${service}"></xmpp-chat></main>
  <script type="module" src="/dist/xmpp-chat.js"></script>`;

function connected(doc: Document): Promise<string> {
  return new Promise((resolve) =>
    doc.addEventListener('xmpp-chat-connected', (e) => resolve((e as CustomEvent<{ jid: string }>).detail.jid), { once: true }),
  );
}

describe('signing in without a password on the device', function () {
  this.timeout(90_000);
  afterEach(closePages);

  for (const [server, port] of Object.entries(PORTS)) {
    const service = serviceUrl('websocket', port);
    const issuesTokens = server !== 'prosody';

    it(`${server}: "Stay signed in" keeps ${issuesTokens ? 'a token' : 'keys'}, signs in after a reload, and signing out forgets it`, async () => {
      const agent = await freshAccount('stay', port);
      const password = `pass-${agent}`;
      const frame = await page(fullPage(service));
      let doc = frame.contentDocument!;
      fill(await waitFor(() => deep<HTMLInputElement>(doc, '[part~="jid-input"]'), 'the address field'), `${agent}@localhost`);
      fill(deep<HTMLInputElement>(doc, '[part~="password-input"]')!, password);
      deep<HTMLInputElement>(doc, '[part~="remember-input"]')!.click();
      const first = connected(doc);
      deep(doc, '[part~="submit-button"]')!.click();
      expect((await first).split('/')[0]).to.equal(`${agent}@localhost`);
      const kept = await settles(async () => {
        const login = await meta(`saved-login:${service}`, 'login');
        return login?.jid === `${agent}@localhost` && (issuesTokens ? login.token : login.scramKeys) ? login : undefined;
      }, 'the kept sign-in');
      expect(Object.keys(kept).sort()).to.deep.equal(issuesTokens ? ['agentId', 'jid', 'token'] : ['agentId', 'jid', 'scramKeys']);
      expect(await passwordStored(password, `${agent}@localhost`)).to.equal(false);

      await reload(frame);
      doc = frame.contentDocument!;
      const again = await connected(doc);
      expect(again.split('/')[0]).to.equal(`${agent}@localhost`);
      expect(Boolean(deep(doc, '[part~="password-input"]'))).to.equal(false);
      expect(await passwordStored(password, `${agent}@localhost`)).to.equal(false);

      (await waitFor(() => headerButton(doc, 'Log out'), 'the log-out button')).click();
      await settles(async () => !(await meta(`saved-login:${service}`, 'login')), 'the kept sign-in forgotten');
    });

    if (issuesTokens) {
      it(`${server}: a kept token the server refuses is forgotten, and the form says why`, async () => {
        const agent = await freshAccount('refused', port);
        const expiry = new Date(Date.now() + 86_400_000).toISOString();
        await setMeta(`saved-login:${service}`, 'login', {
          jid: `${agent}@localhost`,
          agentId: crypto.randomUUID(),
          token: { mechanism: 'HT-SHA-256-NONE', token: 'forged', expiry },
        });
        const frame = await page(fullPage(service));
        const doc = frame.contentDocument!;
        await waitFor(() => deep(doc, '[part~="password-input"]'), 'the login form back');
        const alert = await waitFor(() => deepAll(doc, '[role="alert"]').find((el) => /sign/i.test(el.textContent ?? '')), 'the reason');
        expect(alert.textContent).to.match(/saved sign-in/i);
        expect(await meta(`saved-login:${service}`, 'login')).to.equal(undefined);
      });

      it(`${server}: a registered visitor keeps only a token, and is the same visitor after a reload`, async () => {
        const to = `desk-${Math.random().toString(36).slice(2, 10)}@localhost`;
        const tag = `<script>window.calls = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)]];</script>
          <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="localhost" data-to="${to}"></script>`;
        const frame = await page(tag);
        type Api = Window & { calls: string[]; xmppChat: { push(...c: unknown[]): number } };
        const open = async () => {
          const win = frame.contentWindow as Api;
          win.xmppChat.push(['open']);
          return (await waitFor(() => win.calls[0], 'the connection')).split('/')[0];
        };
        const visitor = await open();
        const record = await settles(async () => {
          const kept = await meta(`visitor:${to}`, 'visitor-account:localhost');
          return kept?.token ? kept : undefined;
        }, 'the token in place of the keys');
        expect(Object.keys(record).sort()).to.deep.equal(['agentId', 'jid', 'token']);
        expect(record.jid).to.equal(visitor);
        const mine = (await everyStoredValue()).map((value) => String(JSON.stringify(value))).filter((text) => text.includes(visitor));
        expect(mine.some((text) => /"password"\s*:|"scramKeys"\s*:/.test(text))).to.equal(false);
        await reload(frame);
        expect(await open()).to.equal(visitor);
      });
    }
  }
});
