/**
 * A visitor stays one person: where the server offers in-band registration, the widget registers
 * a random account once and logs in with it on every later visit, so the agent sees one address
 * and one conversation; reset() starts a new identity.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { ALL_SERVERS, NEWEST_SERVERS, TRANSPORTS, serviceUrl, type AnyServerName } from '../integration/servers.ts';
import { closePages, openVisitor, page, reload, typeAndSend, visitorTag, type VisitorWindow } from './pages.ts';

/** Opens the visitor's widget and sends `text`; resolves with the visitor's bare address. */
async function openAndSend(frame: HTMLIFrameElement, text: string): Promise<string> {
  const jid = await openVisitor(frame, 20_000);
  typeAndSend(frame.contentDocument!, text);
  return jid.split('/')[0];
}

for (const server of Object.keys(ALL_SERVERS) as AnyServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`a returning visitor on ${server} over ${transport}`, function () {
      this.timeout(90_000);
      const service = serviceUrl(transport, ALL_SERVERS[server].httpPort);
      afterEach(async () => {
        closePages();
        await closeChats();
      });

      it('registers once, comes back as the same address after a reload, and is new after reset()', async () => {
        const dave = device('dave', service);
        await connectAll(dave);
        const frame = await page(visitorTag(service));
        (frame.contentWindow as VisitorWindow).xmppChat.push(['reset']); // a visitor this server has not seen
        const hello = `first visit ${newStanzaId()}`;
        const first = await openAndSend(frame, hello);
        expect(first).to.match(/^visitor-[a-z0-9]+@localhost$/);
        await eventually(async () => (await history(dave, first)).some((m) => m.body === hello), 'dave to receive the first');
        await reload(frame);
        const second = `second visit ${newStanzaId()}`;
        expect(await openAndSend(frame, second)).to.equal(first);
        await eventually(async () => (await history(dave, first)).some((m) => m.body === second), 'dave to see both in one conversation');
        expect((await history(dave, first)).map((m) => m.body)).to.deep.equal([hello, second]);
        (frame.contentWindow as VisitorWindow).xmppChat.push(['reset']);
        await new Promise((r) => setTimeout(r, 500));
        const third = await openAndSend(frame, `after reset ${newStanzaId()}`);
        expect(third)
          .to.match(/^visitor-/)
          .and.not.equal(first);
      });
    });
  }
}

/**
 * Without registration a visitor logs in anonymously, and an anonymous login is a new account, which
 * no server lets resume an earlier stream (XEP-0198 answers item-not-found). Over BOSH, though, the
 * next page of the tab attaches to the earlier page's session while the server still holds it.
 */
for (const server of Object.keys(ALL_SERVERS) as AnyServerName[]) {
  describe(`an anonymous visitor over BOSH on ${server}`, function () {
    this.timeout(90_000);
    const service = serviceUrl('bosh', ALL_SERVERS[server].httpPort);
    afterEach(async () => {
      closePages();
      await closeChats();
    });

    it('keeps its address across a reload, in one conversation at the desk, and gets a new one after reset()', async () => {
      const dave = device('dave', serviceUrl('websocket', ALL_SERVERS[server].httpPort));
      await connectAll(dave);
      const frame =
        await page(`<script>window.calls = []; window.errors = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)], ['on', 'error', (d) => errors.push(d.code + ': ' + d.message)]];</script>
        <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost" data-anonymous data-to="dave@localhost"></script>`);
      const hello = `before the reload ${newStanzaId()}`;
      const first = await openAndSend(frame, hello);
      expect(first).to.match(/@anon\.localhost$/);
      await eventually(async () => (await history(dave, first)).some((m) => m.body === hello), 'dave to receive the first');
      await reload(frame);
      const again = `after the reload ${newStanzaId()}`;
      expect(await openAndSend(frame, again)).to.equal(first);
      await eventually(async () => (await history(dave, first)).some((m) => m.body === again), 'dave to see both in one conversation');
      // (Dave's answer usually reaches the attached session, but on ejabberd 23.01 about one run in
      // fifteen it is written into the earlier page's held request, which nobody reads: see README.)
      (frame.contentWindow as VisitorWindow).xmppChat.push(['reset']);
      await new Promise((r) => setTimeout(r, 500));
      expect(await openAndSend(frame, `after reset ${newStanzaId()}`)).to.not.equal(first);
    });

    // What is attached to is the widget's choice, whatever the server: one server of each kind.
    if (!(server in NEWEST_SERVERS))
      it("does not go on as another widget's visitor: a chat with someone else in the tab logs in anew", async () => {
        // The tab's next page holds another widget of the site (another agent, a room): it must not
        // attach to the first one's session and read that visitor's conversation, nor the first one
        // to the second's after it.
        const widget = (to: string) =>
          page(`<script>window.calls = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)]];</script>
        <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost" data-anonymous data-to="${to}"></script>`);
        // Agents of their own: what these visitors leave unsent is not another test's visitor's to send.
        const [ivy, erin] = ['ivy', 'erin'].map((name) => `${name}-${Math.random().toString(36).slice(2, 10)}@localhost`);
        const first = await openAndSend(await widget(ivy), `to ivy ${newStanzaId()}`);
        closePages();
        const second = await openAndSend(await widget(erin), `to erin ${newStanzaId()}`);
        expect(second)
          .to.match(/@anon\.localhost$/)
          .and.not.equal(first);
        closePages();
        const third = await openAndSend(await widget(ivy), `to ivy again ${newStanzaId()}`);
        expect(third)
          .to.match(/@anon\.localhost$/)
          .and.not.equal(second);
      });

    it("opens a new session, without an error, when the server no longer holds the earlier page's", async () => {
      // As if the server had dropped the session meanwhile (its inactivity timeout passed): the
      // next page starts with a session id the server does not know. It is changed by the next
      // page itself, before the widget loads: a page that is leaving may still write it.
      const frame =
        await page(`<script>window.calls = []; window.errors = []; window.xmppChat = [['on', 'connected', (d) => calls.push(d.jid)], ['on', 'error', (d) => errors.push(d.code + ': ' + d.message)]];
        if (sessionStorage.getItem('lose-session')) {
          sessionStorage.removeItem('lose-session');
          const kept = JSON.parse(sessionStorage.getItem('strophe-bosh-session'));
          sessionStorage.setItem('strophe-bosh-session', JSON.stringify({ ...kept, sid: 'gone' }));
        }</script>
        <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost" data-anonymous data-to="dave@localhost"></script>`);
      const first = await openAndSend(frame, `hello ${newStanzaId()}`);
      frame.contentWindow!.sessionStorage.setItem('lose-session', '1');
      await reload(frame);
      const second = await openAndSend(frame, `hello again ${newStanzaId()}`);
      expect(second)
        .to.match(/@anon\.localhost$/)
        .and.not.equal(first);
      expect((frame.contentWindow as unknown as { errors: string[] }).errors).to.deep.equal([]);
    });
  });
}
