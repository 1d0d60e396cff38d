/**
 * Verified visitors from both sides, with the built widget: a page identifies its signed-in user
 * with the signature its server made, another page copies that signature for another name, and
 * the desk (whose account holds the secret) shows the first as verified and warns about the
 * second; someone writing from a real account is listed under their address.
 */
import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { newStanzaId } from '../../src/index.ts';
import { createVisitorVerification } from '../../src/desk.ts';
import { closeChats, connectAll, device } from '../integration/chat-helpers.ts';
import {
  SERVERS,
  accountOptions,
  disconnectAll,
  freshAccount,
  serviceUrl,
  trackedClient,
  type ServerName,
} from '../integration/servers.ts';
import { closePages, deep, deepAll, page, typeAndSend, waitFor } from './pages.ts';

/** The README's test vector. */
const SECRET = 'correct horse battery staple';
const SIGNED = {
  userId: '42',
  email: 'zoe@example.org',
  name: 'Zoë 李',
  signature: 'd565164ba717fe6549614d96ef146834756c25a6427981c07f9fffd63d4edbad',
};

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`verified visitors on ${server}`, function () {
    this.timeout(120_000);
    before(() => setViewport({ width: 1220, height: 780 }));
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    afterEach(async () => {
      closePages();
      await closeChats();
      await disconnectAll();
    });

    /**
     * A shop page whose visitor the page identifies, and who writes `text`: with a visitor account of
     * its own (kept on this origin for `support`), or anonymously (a new address each time).
     */
    async function visitorWrites(support: string, identity: object, text: string, anonymous = false): Promise<void> {
      const account = anonymous ? 'data-domain="anon.localhost" data-anonymous' : 'data-domain="localhost"';
      const frame = await page(`<script>window.xmppChat = [['identify', ${JSON.stringify(identity)}]];</script>
      <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" ${account} data-to="${support}"
      data-prechat="name email" data-prechat-required="email" data-open></script>`);
      const doc = frame.contentDocument!;
      // Signed: the pre-chat form does not ask for what the site vouched for.
      await waitFor(() => deep(doc, 'textarea'), 'the composer');
      expect(deep(doc, '[part~="prechat-form"]')).to.equal(undefined);
      typeAndSend(doc, text);
      await waitFor(() => deepAll(doc, '[part~="message-body"]').some((el) => el.textContent === text), 'the message sent');
    }

    it('shows the signed visitor as verified, warns about the copied signature, and lists a real account by its address', async () => {
      const agent = await freshAccount('verified-desk', SERVERS[server].httpPort);
      const support = `${agent}@localhost`;
      const setup = trackedClient(accountOptions(agent, service));
      await setup.connect();
      await (await createVisitorVerification({ client: setup })).setSecret(SECRET);
      await setup.disconnect();

      const tag = newStanzaId().slice(0, 8);
      await visitorWrites(support, SIGNED, `signed ${tag}`);
      await visitorWrites(support, { ...SIGNED, name: 'Site Admin' }, `copied ${tag}`, true);
      const dave = device('dave', service);
      await connectAll(dave);
      await dave.send(support, `from a real account ${tag}`);

      const deskFrame = await page(
        `<main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${support}" password="pass-${agent}"></xmpp-chat></main>
      <script type="module" src="/dist/xmpp-chat.js"></script>`,
        { width: 1200 },
      );
      const desk = deskFrame.contentDocument!;
      const row = (name: string, parts = '[part~="contact"], [part~="inbox-row"]') =>
        deepAll(desk, parts).find((el) => el.textContent?.includes(name));
      await waitFor(() => row('dave@localhost', '[part~="contact"]'), 'the real account listed under its address');
      await waitFor(() => row('dave@localhost', '[part~="inbox-row"]'), 'the real account in the inbox under its address');

      row('Zoë 李')?.click();
      const badge = await waitFor(() => deep(desk, '[part~="verified"]'), 'the verified badge');
      expect(badge.textContent).to.equal('Verified · user 42');
      expect(deepAll(desk, '[part~="verified-field"]')).to.have.length(2);

      await waitFor(() => row('Site Admin'), 'the second visitor').then((el) => el.click());
      const warning = await waitFor(() => deep(desk, '[part~="forged"]'), 'the warning');
      expect(warning.textContent).to.include('Signature does not match');
      expect(deep(desk, '[part~="verified"]')).to.equal(undefined);
      expect(deepAll(desk, '[part~="verified-field"]')).to.have.length(0);
    });
  });
}
