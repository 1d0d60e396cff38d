/**
 * The widget keeps a visitor's account as SCRAM keys: after a reload (a new page with the same
 * storage) it logs in as the same address with what it stored, and no password is stored, where
 * the server salts logins once (Prosody); ejabberd as configured salts each login anew, so there
 * the password is kept, marked keyless.
 */
import { expect } from '@esm-bundle/chai';
import { createMessageStore } from '../../src/storage/index.ts';
import { everyStoredValue } from '../integration/stored-values.ts';
import { SERVERS, TRANSPORTS, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, page, reload, waitFor } from './pages.ts';

type Api = Window & { calls: string[]; errors: string[]; xmppChat: { push(...c: unknown[]): number } };
const tag = (
  service: string,
  to: string,
) => `<script>window.calls = []; window.errors = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)], ['on', 'error', (d) => errors.push(d.code + ': ' + d.message)]];</script>
  <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="localhost" data-to="${to}"></script>`;

async function connectedAs(frame: HTMLIFrameElement): Promise<string> {
  const win = frame.contentWindow as Api;
  win.xmppChat.push(['open']);
  const jid = await waitFor(() => win.calls[0], 'the connection').catch((error: Error) => {
    throw new Error(`${error.message}; errors: ${win.errors.join(' | ')}`);
  });
  return jid.split('/')[0];
}

async function stored(owner: string): Promise<Record<string, unknown> | undefined> {
  const store = createMessageStore(owner);
  try {
    return await store.getMeta('visitor-account:localhost');
  } finally {
    store.close();
  }
}

async function restore(owner: string, record: unknown): Promise<void> {
  const store = createMessageStore(owner);
  try {
    await store.setMeta('visitor-account:localhost', record);
  } finally {
    store.close();
  }
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`a visitor's stored account on ${server} over ${transport}`, function () {
      this.timeout(60_000);
      const service = serviceUrl(transport, SERVERS[server].httpPort);
      afterEach(closePages);

      it(
        server === 'prosody'
          ? 'is kept as keys only, and logs in with them after a reload'
          : 'keeps the password, marked keyless, and logs in after a reload',
        async () => {
          const to = `desk-${Math.random().toString(36).slice(2, 10)}@localhost`;
          const frame = await page(tag(service, to));
          const first = await connectedAs(frame);
          expect(first).to.match(/^visitor-[a-z0-9]+@localhost$/);
          const record = await stored(`visitor:${to}`);
          expect(record?.jid).to.equal(first);
          const mine = (await everyStoredValue()).filter((value) => String(JSON.stringify(value)).includes(first));
          if (server === 'prosody') {
            expect(record).to.have.keys('jid', 'scramKeys');
            expect(mine.some((value) => /"password"\s*:/.test(JSON.stringify(value)))).to.equal(false);
          } else {
            expect(record).to.have.keys('jid', 'password', 'keyless');
          }
          await reload(frame);
          expect(await connectedAs(frame)).to.equal(first);
          expect(await stored(`visitor:${to}`)).to.deep.equal(record);
        },
      );

      if (server === 'prosody') {
        it("registers a new account, once, when the stored keys no longer fit the server's salt", async () => {
          const to = `desk-${Math.random().toString(36).slice(2, 10)}@localhost`;
          const frame = await page(tag(service, to));
          const first = await connectedAs(frame);
          closePages();
          const record = (await stored(`visitor:${to}`)) as { jid: string; scramKeys: Record<string, { salt: string }> };
          const keys = record.scramKeys['SCRAM-SHA-1'];
          await restore(`visitor:${to}`, { ...record, scramKeys: { 'SCRAM-SHA-1': { ...keys, salt: btoa('a salt of another day') } } });
          const again = await page(tag(service, to));
          const win = again.contentWindow as Api;
          win.xmppChat.push(['open']);
          const second = await waitFor(() => win.calls[0], 'the connection as a new account').catch((error: Error) => {
            throw new Error(`${error.message}; errors: ${win.errors.join(' | ')}`);
          });
          expect(second.split('/')[0]).to.match(/^visitor-[a-z0-9]+@localhost$/);
          expect(second.split('/')[0]).to.not.equal(first);
          expect(win.errors.every((e) => e.startsWith('not-authorized'))).to.equal(true);
          const renewed = await stored(`visitor:${to}`);
          expect(renewed).to.have.keys('jid', 'scramKeys');
          expect(renewed?.jid).to.equal(second.split('/')[0]);
        });
      }
    });
  }
}
