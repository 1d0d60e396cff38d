/**
 * The one-tag room with a real room: a visitor opens it, is asked a nickname once, joins
 * anonymously, sees a third-party occupant (slixmpp, test/runner/muc-peer.py) in the list, chats
 * with it both ways exactly once, sees what came while the room was closed counted on the launcher,
 * and after a reload finds the history and its nickname kept.
 */
import { expect } from '@esm-bundle/chai';
import { eventually } from '../integration/chat-helpers.ts';
import { peer, unique } from '../integration/muc-peer.ts';
import { ANON_DOMAIN, DOMAIN, SERVERS, TRANSPORTS, isSamplePair, serviceUrl, type ServerName } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, page, reload, typeAndSend, waitFor } from './pages.ts';

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    // Rooms on every pair are integration/rooms.test.ts's and rooms-full.test.ts's; the one-tag room's widget on two.
    if (!isSamplePair(server, transport)) continue;
    describe(`the one-tag room on ${server} over ${transport}`, function () {
      this.timeout(60_000);
      afterEach(async () => {
        closePages();
        await peer.stopAll();
      });

      it('asks a nickname once, lists and chats with another occupant, and keeps history and nickname across a reload', async () => {
        for (const key of Object.keys(localStorage)) if (key.startsWith('xmpp-chat')) localStorage.removeItem(key);
        const room = `r-${unique()}@conference.${DOMAIN}`;
        const daveNick = `dave-${unique()}`;
        const dave = await peer.start(server, room, daveNick);
        const frame =
          await page(`<script type="module" src="/dist/xmpp-chat.js" data-service="${serviceUrl(transport, SERVERS[server].httpPort)}"
          data-domain="${ANON_DOMAIN}" data-mode="room" data-room="${room}" data-title="The lobby"></script>`);
        const doc = frame.contentDocument!;
        (await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher')).click();

        const nickInput = await waitFor(() => deep<HTMLInputElement>(doc, '[part~="nick-input"]'), 'the nickname form');
        const nick = `ada-${unique()}`;
        nickInput.value = nick;
        nickInput.form!.requestSubmit();
        await waitFor(() => !deep(doc, '[part~="nick-input"]') && deep(doc, 'textarea'), 'the room joined');

        (await waitFor(() => deep(doc, '[part~="occupants-button"]'), 'the people button')).click();
        const listed = () => deepAll(doc, '[part~="occupant"]').map((row) => row.querySelector('.nick')?.textContent);
        await waitFor(() => listed().includes(daveNick) && listed().includes(nick), 'both occupants listed');
        deep(doc, '[part~="occupants-button"]')!.click();

        const fromDave = `hello from dave ${unique()}`;
        await peer.say(dave, fromDave);
        const bodies = () => deepAll(doc, '[part~="message-body"]').map((el) => el.textContent?.trim());
        await waitFor(() => bodies().includes(fromDave), 'dave’s message');
        expect(deepAll(doc, '[part~="message-sender"]').map((el) => el.textContent)).to.include(daveNick);

        const fromAda = `hello from ada ${unique()}`;
        typeAndSend(doc, fromAda);
        await eventually(async () => (await peer.heard(dave, fromAda)) > 0, 'dave to hear it');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await peer.heard(dave, fromAda), 'heard once').to.equal(1);
        expect(bodies().filter((b) => b === fromAda)).to.have.length(1);
        expect(await accessibilityViolations(frame)).to.deep.equal([]);
        expect(deep(doc, '[part~="unread-badge"]')?.textContent, 'no unread count for what was seen').to.equal(undefined);

        // What arrives while the room is closed counts on the launcher until the room is opened again.
        const launcher = deep(doc, '[part~="launcher"]')!;
        launcher.click();
        const whileClosed = `while you were away ${unique()}`;
        await peer.say(dave, whileClosed);
        await waitFor(() => deep(doc, '[part~="unread-badge"]')?.textContent === '1', 'the unread count');
        launcher.click();
        await waitFor(() => !deep(doc, '[part~="unread-badge"]'), 'the count cleared once opened');

        await reload(frame);
        const again = frame.contentDocument!;
        (await waitFor(() => deep(again, '[part~="launcher"]'), 'the launcher after the reload')).click();
        const after = () => deepAll(again, '[part~="message-body"]').map((el) => el.textContent?.trim());
        await waitFor(() => [fromDave, fromAda, whileClosed].every((b) => after().includes(b)), 'the history after the reload');
        await waitFor(() => deep(again, 'textarea') && deep(again, '[part~="room-name"]'), 'the room joined again');
        expect(deep(again, '[part~="nick-input"]')?.outerHTML, 'the nickname kept').to.equal(undefined);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(
          after().filter((b) => b === fromDave),
          'no message twice',
        ).to.have.length(1);
        expect(
          after().filter((b) => b === fromAda),
          'no message twice',
        ).to.have.length(1);
      });
    });
  }
}
