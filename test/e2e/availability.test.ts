/**
 * A visitor sees whether anyone is at the support desk, without a roster subscription: the
 * visitor's directed presence is answered by the agent's widget, and the agent's leaving reaches
 * the visitor through the server; a name the page gives with `identify` reaches the agent.
 * (Closing the tab also sends `unavailable`, on `pagehide`, but a page torn down at once may not
 * get it out: the server's stream resumption then keeps the agent "there" for its timeout.)
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { SERVERS, freshAccount, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, deep, headerButton, page, reload, typeAndSend, waitFor } from './pages.ts';

const line = (doc: Document) => deep(doc, '[part~="availability"]')?.textContent ?? '';
const desk = (service: string, agent: string) =>
  page(`<main style="height:600px"><xmpp-chat mode="full" service="${service}"
  jid="${agent}@localhost" password="pass-${agent}"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`support availability on ${server}`, function () {
    this.timeout(60_000);
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    afterEach(() => closePages());

    it('shows the away message while no agent is there, the greeting once one is, and away again when it leaves', async () => {
      const agent = await freshAccount('agent', SERVERS[server].httpPort);
      const visitor = (
        await page(`<script>window.xmppChat = [['identify', { name: 'Ada <b>Lovelace</b>', email: 'ada@example.org' }]];</script>
        <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost"
        data-anonymous data-to="${agent}@localhost" data-greeting="Hi! Ana is here." data-open></script>`)
      ).contentDocument!;
      await waitFor(() => line(visitor).includes('away right now'), 'the away message');
      expect(deep(visitor, '.presence')?.textContent).to.equal('Offline');
      await waitFor(() => deep(visitor, 'textarea'), 'the composer');
      typeAndSend(visitor, `anyone there? ${newStanzaId()}`);

      const agentPage = (await desk(service, agent)).contentDocument!;
      await waitFor(() => line(visitor) === 'Hi! Ana is here.', 'the greeting', 20_000);
      expect(deep(visitor, '.presence')?.textContent).to.equal('Online');
      // The visitor introduced itself (identify → XEP-0172 nickname): the agent sees the name, as text.
      await waitFor(() => deep(agentPage, '[part~="contact"]')?.textContent?.includes('Ada <b>Lovelace</b>'), "the visitor's name");
      expect(deep(agentPage, '[part~="contact"] b')).to.equal(undefined);

      headerButton(agentPage, 'Log out')!.click(); // the agent logs out
      await waitFor(() => line(visitor).includes('away right now'), 'the away message again', 20_000);
    });

    it('greets a visitor who opens the chat while an agent is there, before writing anything', async () => {
      const agent = await freshAccount('agent', SERVERS[server].httpPort);
      const agentPage = (await desk(service, agent)).contentDocument!;
      await new Promise((resolve) => agentPage.addEventListener('xmpp-chat-ready', resolve, { once: true }));
      const visitor = (
        await page(`<script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost"
        data-anonymous data-to="${agent}@localhost" data-open></script>`)
      ).contentDocument!;
      await waitFor(() => line(visitor).includes('here'), 'the greeting', 15_000);
      expect(deep(visitor, '.presence')?.textContent).to.equal('Online');
    });

    it('greets a returning visitor again after a reload: the agent answers each new session of a visitor', async () => {
      const agent = await freshAccount('agent', SERVERS[server].httpPort);
      const agentPage = (await desk(service, agent)).contentDocument!;
      await new Promise((resolve) => agentPage.addEventListener('xmpp-chat-ready', resolve, { once: true }));
      // A registered visitor: the same address before and after the reload.
      const frame = await page(`<script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="localhost"
        data-to="${agent}@localhost" data-open></script>`);
      await waitFor(() => line(frame.contentDocument!).includes('here'), 'the greeting', 15_000);
      await reload(frame);
      await waitFor(() => line(frame.contentDocument!).includes('here'), 'the greeting after the reload', 15_000);
      expect(deep(frame.contentDocument!, '.presence')?.textContent).to.equal('Online');
    });
  });
}
