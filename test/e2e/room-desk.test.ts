/**
 * Rooms in full mode, end to end: an agent creates a room from the join form with a bookmark that
 * joins on sign-in, a third-party occupant (slixmpp, test/runner/muc-peer.py) comes in, the agent
 * invites it and takes its voice through the occupant's menu (slixmpp hears both), slixmpp's
 * message naming the agent is highlighted as a mention, and after a reload the bookmark joins the
 * room again by itself.
 */
import { expect } from '@esm-bundle/chai';
import { eventually } from '../integration/chat-helpers.ts';
import { peer, unique } from '../integration/muc-peer.ts';
import { DOMAIN, SERVERS, TRANSPORTS, freshAccount, serviceUrl, type ServerName } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, page, reload, waitFor } from './pages.ts';

/** Clicks the button under `root` whose text is `text`. */
function press(root: ParentNode, selector: string, text?: string): void {
  const button = deepAll<HTMLButtonElement>(root, selector).find((b) => text === undefined || b.textContent?.trim() === text);
  if (!button) throw new Error(`no button ${selector} ${text ?? ''}`);
  button.click();
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    describe(`rooms in full mode on ${server} over ${transport}`, function () {
      this.timeout(90_000);
      afterEach(async () => {
        closePages();
        await peer.stopAll();
      });

      it('creates a bookmarked room, invites and moderates a third-party occupant, hears a mention, and rejoins from the bookmark', async () => {
        const port = SERVERS[server].httpPort;
        const agent = await freshAccount('room-agent', port);
        const room = `desk-${unique()}@conference.${DOMAIN}`;
        const nick = `agent-${unique()}`;
        const frame = await page(
          `<main style="height:760px"><xmpp-chat mode="full" service="${serviceUrl(transport, port)}" jid="${agent}@${DOMAIN}" password="pass-${agent}"></xmpp-chat></main>
          <script type="module" src="/dist/xmpp-chat.js"></script>`,
        );
        const doc = frame.contentDocument!;
        (await waitFor(() => deep(doc, '[part~="join-room-button"]'), 'the rooms group', 30_000)).click();
        const address = await waitFor(() => deep<HTMLInputElement>(doc, '[part~="room-address-input"]'), 'the join form');
        address.value = room;
        deep<HTMLInputElement>(doc, '[part~="join-room-form"] [part~="nick-input"]')!.value = nick;
        deep<HTMLInputElement>(doc, '[part~="autojoin-input"]')!.checked = true;
        expect(deep<HTMLInputElement>(doc, '[part~="bookmark-input"]')!.checked).to.equal(true);
        deep(doc, '[part~="join-button"]')!.click();
        await waitFor(() => deep(doc, '[part~="room-tools"]') && deep(doc, 'textarea'), 'the room open', 30_000);

        const daveNick = `dave-${unique()}`;
        const dave = await peer.start(server, room, daveNick);

        // The invitation reaches slixmpp.
        press(doc, '[part~="invite-button"]');
        const invite = await waitFor(() => deep<HTMLInputElement>(doc, '[part~="invite-input"]'), 'the invitation form');
        invite.value = `dave@${DOMAIN}`;
        invite.form!.requestSubmit();
        await eventually(
          async () => (await peer.events(dave)).some((e) => e.event === 'invitation' && e.room === room),
          'slixmpp to get the invitation',
        );

        // A mention is highlighted.
        const mention = `${nick}: a question for you ${unique()}`;
        await peer.say(dave, mention);
        const mentioned = await waitFor(
          () => deepAll(doc, '[part~="mention"]').find((el) => el.textContent?.includes(mention)),
          'the mention highlighted',
        );
        expect(mentioned).to.not.equal(undefined);

        // The owner takes the occupant's voice; slixmpp sees its role change.
        (await waitFor(() => deep(doc, '[part~="occupants-button"]'), 'the people button')).click();
        await waitFor(() => deepAll(doc, '[part~="occupant-menu-button"]').length > 0, 'the occupant’s menu button');
        deep(doc, '[part~="occupant-menu-button"]')!.click();
        await waitFor(() => deep(doc, '[part~="occupant-menu"]'), 'the occupant’s menu');
        press(doc, '[part~="occupant-menu"] button', 'Let them only read');
        await eventually(
          async () => (await peer.events(dave)).some((e) => e.event === 'presence' && e.nick === daveNick && e.role === 'visitor'),
          'slixmpp to lose its voice',
        );
        expect(await accessibilityViolations(frame)).to.deep.equal([]);

        // The bookmark joins the room again after a reload, with nothing asked.
        await reload(frame);
        const again = frame.contentDocument!;
        const row = await waitFor(
          () => deepAll(again, '[part~="room-row"]').find((el) => el.textContent?.includes(room.split('@')[0])),
          'the bookmarked room listed',
          30_000,
        );
        await eventually(
          async () =>
            (await peer.events(dave)).filter((e) => e.event === 'presence' && e.nick === nick && e.type !== 'unavailable').length >= 2,
          'the agent back in the room',
        );
        (row.querySelector('button') ?? row).click();
        await waitFor(
          () => deepAll(again, '[part~="message-body"]').some((el) => el.textContent?.includes(mention)),
          'the room’s history after the reload',
        );
      });
    });
  }
}
