/**
 * The agent's screen of the team desk, in the built widget against Prosody and ejabberd: an agent signed in to
 * a support account (registered for the test) with a teammate on another device of it. The inbox
 * counts the visitor's conversation, the agent claims it and sees the teammate take it over,
 * writes a private note the visitor never gets, resolves it (the visitor is asked for a rating),
 * sees the rating, and opens the keyboard help — all without accessibility violations.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { createDesk, type Desk } from '../../src/desk.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { SERVERS, freshAccount, serviceUrl, until, type ServerName } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, page, typeAndSend, waitFor } from './pages.ts';

const text = (el: Element | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The focused element, inside shadow roots too. */
function focused(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
const filter = (doc: Document, name: string) => deepAll(doc, '[part~="inbox-filter"]').find((b) => text(b).startsWith(name));

for (const server of Object.keys(SERVERS) as ServerName[]) {
  const service = serviceUrl('websocket', SERVERS[server].httpPort);
  /** Screenshots for people to look at, of one server's run. */
  const shot = (name: string) => (server === 'prosody' ? executeServerCommand('screenshot', { name }) : undefined);
  describe(`the team desk in the widget on ${server}`, function () {
    this.timeout(120_000);
    before(() => setViewport({ width: 1100, height: 820 }));
    const desks: Desk[] = [];
    afterEach(async () => {
      for (const desk of desks.splice(0)) desk.close();
      closePages();
      await closeChats();
    });

    it('counts, claims, loses a claim plainly, notes privately, resolves, shows the rating and the keys', async () => {
      const [account, visitorName] = await Promise.all([
        freshAccount('desk', SERVERS[server].httpPort),
        freshAccount('visitor', SERVERS[server].httpPort),
      ]);
      const support = `${account}@localhost`;
      const frame = await page(
        `<main style="height:760px"><xmpp-chat mode="full" service="${service}" jid="${support}"
      password="pass-${account}" agent-name="Ann"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`,
        // The page styles the desk through its parts.
        { head: '<style>xmpp-chat::part(assign-button) { outline: 3px solid rgb(1, 2, 3); }</style>' },
      );
      const doc = frame.contentDocument!;
      // Ben, a teammate, on another device of the account; and a visitor.
      const benChat = device(account, service);
      const visitor = device(visitorName, service);
      await connectAll(benChat, visitor);
      const ben = createDesk({ client: benChat.client, agent: 'Ben', store: benChat.store });
      desks.push(ben);
      await waitFor(() => deep(doc, '[part~="inbox"]'), 'the inbox');

      const peer = `${visitorName}@localhost`;
      await visitor.send(support, 'Hello, my parcel is late');
      const row = await waitFor(
        () => deepAll(doc, '[part~="inbox-row"]').find((r) => r.textContent?.includes('my parcel')),
        'the visitor in the inbox',
      );
      expect(text(filter(doc, 'Unassigned'))).to.equal('Unassigned 1');
      expect(text(row.querySelector('.meta')!)).to.equal('Open · Unassigned');

      // Opening it tells the teammate; the bar says whose it is, in words.
      row.click();
      await until(() => ben.teammates.some((t) => t.name === 'Ann' && t.viewing === peer), 'Ben to see Ann viewing it');
      ben.viewing(peer);
      await waitFor(() => text(deep(doc, '[part~="teammates"]')) === 'Ben is viewing.', 'Ann to see Ben viewing it');
      expect(text(deep(doc, '[part~="assignee"]'))).to.equal('Unassigned');
      expect(text(deep(doc, '[part~="conversation-status"]'))).to.equal('Open');
      // The conversation's one text field is still the composer's: notes open on demand.
      typeAndSend(doc, 'Let me check that for you');
      await eventually(async () => (await history(visitor, support)).find((m) => m.body === 'Let me check that for you'), 'the answer');

      expect(getComputedStyle(deep(doc, '[part~="assign-button"]')!).outlineColor).to.equal('rgb(1, 2, 3)');
      deep(doc, '[part~="assign-button"]')!.click();
      await waitFor(() => text(deep(doc, '[part~="assignee"]')) === 'Ann', 'Ann to own it');
      await until(() => ben.conversation(peer).assignee === 'Ann', 'Ben to see Ann own it');
      expect(text(filter(doc, 'Mine'))).to.equal('Mine 1');

      // Ben takes it: Ann is told plainly.
      await ben.claim(peer);
      const notice = await waitFor(() => deep(doc, '[part~="desk-notice"]'), 'the notice');
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(text(notice)).to.include('Ben took this conversation over.');
      expect(text(deep(doc, '[part~="assignee"]'))).to.equal('Ben');

      // A private note reaches the teammate and never the visitor.
      deep(doc, '[part~="note-button"]')!.click();
      const note = await waitFor(() => deep<HTMLTextAreaElement>(doc, '[part~="note-input"]'), 'the note form');
      note.value = 'Tracking number sent by email';
      deep(doc, '[part~="note-save-button"]')!.click();
      await until(() => ben.notes(peer).some((n) => n.text === 'Tracking number sent by email' && n.author === 'Ann'), 'the note at Ben');
      await waitFor(() => deepAll(doc, '[part~="note"]').some((n) => n.textContent?.includes('Tracking number')), 'the note on screen');

      // Resolving asks the visitor for a rating; their answer shows with the conversation and in the inbox.
      deep(doc, '[part~="resolve-button"]')!.click();
      await waitFor(() => text(deep(doc, '[part~="conversation-status"]')) === 'Resolved', 'resolved');
      const asked = await eventually(async () => (await history(visitor, support)).find((m) => m.rateRequest), 'the rating request');
      expect(asked.direction).to.equal('in');
      expect(asked.nick).to.equal('Ann');
      const received = (await history(visitor, support)).map((m) => m.body);
      expect(received.join('\n')).not.to.include('Tracking number');
      await visitor.send(support, 'Rating: 4/5 — Quick', { rating: { score: 4, comment: 'Quick' } });
      await waitFor(() => text(deep(doc, '[part~="conversation-rating"]')).endsWith('Rated 4 of 5: Quick'), 'the rating');
      await waitFor(() => text(deep(doc, '[part~="average-rating"]')) === 'Average rating 4 of 5 (1)', 'the average');
      expect(await accessibilityViolations(frame), 'the desk').to.deep.equal([]);
      await shot('desk-agent');
      doc.querySelector('xmpp-chat')!.setAttribute('theme', 'dark');
      await new Promise((r) => setTimeout(r, 100));
      expect(await accessibilityViolations(frame), 'the desk, dark').to.deep.equal([]);
      await shot('desk-agent-dark');
      doc.querySelector('xmpp-chat')!.removeAttribute('theme');
      // The desk's office hours are set below the inbox.
      deep(doc, '.desk-settings summary')!.click();
      await waitFor(() => deep(doc, '[part~="office-hours-editor"]'), 'the office hours editor');

      // The keys: ? opens the help (not while typing), Escape closes it.
      const panel = deep(doc, 'xmpp-chat-panel')!;
      panel.dispatchEvent(new KeyboardEvent('keydown', { key: '?', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
      const dialog = await waitFor(
        () => deep<HTMLDialogElement>(doc, '[part~="keyboard-help"]')?.open && deep<HTMLDialogElement>(doc, '[part~="keyboard-help"]'),
        'the help',
      );
      expect(await accessibilityViolations(frame), 'the help').to.deep.equal([]);
      dialog.close();
      expect(dialog.open).to.equal(false);
      // / focuses the search across conversations.
      panel.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true, composed: true, cancelable: true }));
      await waitFor(() => focused(doc)?.closest('[part~="search"]'), 'the search field focused');
    });
    it('fits a phone: the inbox, then the conversation with its bar, without accessibility violations', async () => {
      const [account, visitorName] = await Promise.all([
        freshAccount('desk', SERVERS[server].httpPort),
        freshAccount('visitor', SERVERS[server].httpPort),
      ]);
      const support = `${account}@localhost`;
      const frame = await page(
        `<main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${support}" password="pass-${account}"
        agent-name="Ann"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`,
        { width: 375, height: 700 },
      );
      const doc = frame.contentDocument!;
      const visitor = device(visitorName, service);
      await connectAll(visitor);
      await waitFor(() => deep(doc, '[part~="inbox"]'), 'the inbox');
      await visitor.send(support, 'Hi there');
      const row = await waitFor(() => deepAll(doc, '[part~="inbox-row"]')[0], 'the visitor in the inbox');
      expect(deep(doc, '[part~="inbox"]')!.getBoundingClientRect().width).to.be.greaterThan(300);
      expect(await accessibilityViolations(frame), 'the inbox').to.deep.equal([]);
      await shot('desk-agent-phone-inbox');
      row.click();
      const bar = await waitFor(() => deep(doc, '[part~="desk-bar"]'), 'the bar');
      await waitFor(
        () => bar.getBoundingClientRect().width > 300 && deep(doc, '[part~="inbox"]')!.getBoundingClientRect().width === 0,
        'the conversation alone',
      );
      // The messages keep room beside the bar, the details and the notes.
      expect(deep(doc, '[part~="message-list"]')!.getBoundingClientRect().height).to.be.greaterThan(120);
      expect(await accessibilityViolations(frame), 'the conversation').to.deep.equal([]);
      await shot('desk-agent-phone-conversation');
    });
  });
}
