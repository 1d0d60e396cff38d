/**
 * The support desk from both sides, against real servers: a visitor answers the pre-chat form and
 * writes while nobody is there (and is told the message waits); the agent logs in later, gets it
 * with the visitor's details, and answers; another session of the same support account sees the
 * conversation and both sides' replies, each once; the visitor gets the answers.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { newStanzaId } from '../../src/index.ts';
import { createCannedReplies } from '../../src/desk.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { ALL_SERVERS, freshAccount, serviceUrl, type AnyServerName } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, headerButton, page, reload, typeAndSend, waitFor } from './pages.ts';

const bodies = (doc: Document) => deepAll(doc, '[part~="message-body"]').map((el) => el.textContent ?? '');
const fill = (input: HTMLInputElement, value: string) => {
  input.value = value;
};

for (const server of Object.keys(ALL_SERVERS) as AnyServerName[]) {
  describe(`the support desk on ${server}`, function () {
    this.timeout(120_000);
    before(() => setViewport({ width: 1220, height: 780 })); // room for the pages, for screenshots
    const service = serviceUrl('websocket', ALL_SERVERS[server].httpPort);
    afterEach(async () => {
      closePages();
      await closeChats();
      await executeServerCommand('grant-notifications', { revoke: true });
    });

    it("takes a visitor from the pre-chat form to the agents and back, with the visitor's details and no duplicates", async () => {
      const agent = await freshAccount('desk', ALL_SERVERS[server].httpPort);
      const support = `${agent}@localhost`;
      const visitorFrame =
        await page(`<script>window.identified = []; window.xmppChat = [['on', 'identify', (d) => identified.push(d)]];</script>
        <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="localhost" data-to="${support}"
        data-prechat="name email" data-prechat-required="name" data-open></script>`);
      const visitor = visitorFrame.contentDocument!;

      // The pre-chat form stands in for the composer until it is answered.
      const form = await waitFor(() => deep<HTMLFormElement>(visitor, '[part~="prechat-form"]'), 'the pre-chat form');
      expect(deep(visitor, 'textarea')).to.equal(undefined);
      if (server === 'prosody') await executeServerCommand('screenshot', { name: 'visitor-prechat' });
      fill(form.querySelector<HTMLInputElement>('#name')!, 'Ada <i>Lovelace</i>');
      fill(form.querySelector<HTMLInputElement>('#email')!, 'ada@example.org');
      form.requestSubmit();
      await waitFor(() => deep(visitor, 'textarea'), 'the composer');
      expect((visitorFrame.contentWindow as Window & { identified: unknown[] }).identified).to.deep.equal([
        { name: 'Ada <i>Lovelace</i>', email: 'ada@example.org' },
      ]);

      // Nobody is there: the message is kept for the desk, and the visitor is told so.
      await waitFor(() => deep(visitor, '[part~="availability"]')?.textContent?.includes('away right now'), 'the away message');
      const question = `Where is my order? ${newStanzaId()}`;
      typeAndSend(visitor, question);
      const note = await waitFor(() => deep(visitor, '[part~="message-note"]'), 'the note under the message');
      expect(note.textContent).to.include('we’ll answer here as soon as we can');
      const more = `It was order 42. ${newStanzaId()}`;
      typeAndSend(visitor, more);
      await waitFor(() => bodies(visitor).includes(more), 'the second message');
      expect(deepAll(visitor, '[part~="message-note"]')).to.have.length(1); // one note, under the last of the run

      // The agent logs in later and finds the conversation, by the visitor's name, with the details.
      // Desktop notifications are seen through the real constructor, wrapped.
      const deskFrame = await page(
        `<script>window.notes = []; const Real = window.Notification;
        window.Notification = class extends Real { constructor(title, o) { super(title, o); notes.push({ title, body: o.body, tag: o.tag }); } };</script>
        <main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${support}"
        password="pass-${agent}"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`,
        { width: 1200 },
      );
      const desk = deskFrame.contentDocument!;
      const row = await waitFor(
        () => deepAll(desk, '[part~="contact"]').find((el) => el.textContent?.includes('Ada <i>Lovelace</i>')),
        'the visitor in the inbox',
      );
      expect(row.querySelector('i')).to.equal(null);
      row.click();
      await waitFor(() => bodies(desk).includes(question) && bodies(desk).includes(more), "the visitor's messages");
      const details = await waitFor(() => deep(desk, '[part~="visitor-details"]'), 'the visitor details');
      const detail = (label: string) =>
        [...details.querySelectorAll('.row')]
          .find((r) => r.querySelector('dt')?.textContent === label)
          ?.querySelector('dd')
          ?.textContent?.trim();
      expect(detail('Name')).to.equal('Ada <i>Lovelace</i>');
      expect(detail('Email')).to.equal('ada@example.org');
      expect(detail('Page')).to.equal('A host page'); // the page's title; its address is in the tooltip
      expect(detail('Language')).to.equal(new Intl.DisplayNames(['en'], { type: 'language' }).of(navigator.language));
      expect(detail('Browser')).to.equal('Chrome · Linux');
      expect(detail('Local time')).to.include(Intl.DateTimeFormat().resolvedOptions().timeZone);

      // The agent turns desktop notifications on (the browser's prompt answered by the test runner).
      const turnOn = await waitFor(() => headerButton(desk, 'Turn on desktop notifications'), 'the offer of notifications');
      await executeServerCommand('grant-notifications');
      turnOn.click();
      await waitFor(() => !headerButton(desk, 'Turn on desktop notifications'), 'the offer to go once granted');

      // Another agent of the same desk, on another device: the same conversation, each message once.
      const colleague = device(agent, service);
      await connectAll(colleague);
      const visitorJid = await eventually(
        async () => (await colleague.conversations()).find((c) => c.context?.name)?.peer,
        'the conversation at the colleague',
      );
      expect((await history(colleague, visitorJid)).map((m) => m.body)).to.deep.equal([question, more]);

      const answer = `On its way! ${newStanzaId()}`;
      typeAndSend(desk, answer);
      await waitFor(() => bodies(visitor).includes(answer), 'the answer at the visitor');
      const thanks = `Thanks! ${newStanzaId()}`;
      typeAndSend(visitor, thanks); // the desk's page is not focused: the agent is notified, once
      type Note = { title: string; body: string; tag: string };
      const notes = () => (deskFrame.contentWindow as Window & { notes: Note[] }).notes.filter((n) => n.body === thanks);
      await waitFor(() => notes().length, 'the desktop notification');
      expect(notes()).to.deep.equal([{ title: 'New message from Ada <i>Lovelace</i>', body: thanks, tag: visitorJid }]);
      await eventually(
        async () => (await history(colleague, visitorJid)).some((m) => m.body === answer && m.direction === 'out'),
        'the answer at the colleague',
      );
      // The colleague answers what they have read: the visitor's thanks first.
      await eventually(async () => (await history(colleague, visitorJid)).some((m) => m.body === thanks), 'the thanks at the colleague');
      const followUp = `Tracking: 1Z999 ${newStanzaId()}`;
      await colleague.send(visitorJid, followUp);
      await waitFor(() => bodies(visitor).includes(followUp), "the colleague's answer at the visitor");
      await waitFor(() => bodies(desk).includes(followUp), "the colleague's answer at the first agent");
      await new Promise((r) => setTimeout(r, 1000)); // time for any duplicate to arrive
      for (const doc of [desk, visitor])
        expect(bodies(doc).filter((b) => [question, more, answer, thanks, followUp].includes(b))).to.deep.equal([
          question,
          more,
          answer,
          thanks,
          followUp,
        ]);
      expect((await history(colleague, visitorJid)).map((m) => m.body)).to.deep.equal([question, more, answer, thanks, followUp]);

      // The form is asked once per visitor: not after a reload, again after reset().
      await reload(visitorFrame);
      const again = visitorFrame.contentDocument!;
      (visitorFrame.contentWindow as Window & { xmppChat: unknown[] }).xmppChat.push(['open']);
      await waitFor(() => deep(again, 'textarea') && bodies(again).includes(followUp), 'the conversation after a reload');
      expect(deep(again, '[part~="prechat-form"]')).to.equal(undefined);
      (visitorFrame.contentWindow as Window & { xmppChat: unknown[] }).xmppChat.push(['reset'], ['open']);
      await waitFor(() => deep(again, '[part~="prechat-form"]'), 'the pre-chat form after reset()');
    });

    it("keeps an agent's saved replies: saved from the draft, inserted at the cursor, shared with the agent's other browsers", async () => {
      const [agent, customer] = await Promise.all([
        freshAccount('desk', ALL_SERVERS[server].httpPort),
        freshAccount('customer', ALL_SERVERS[server].httpPort),
      ]);
      const asker = device(customer, service);
      await connectAll(asker);
      await asker.send(`${agent}@localhost`, 'Hello?');
      const deskFrame = await page(
        `<main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${agent}@localhost"
        password="pass-${agent}"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`,
        { width: 1200 },
      );
      const desk = deskFrame.contentDocument!;
      (await waitFor(() => deepAll(desk, '[part~="contact"]')[0], 'the conversation')).click();
      const input = await waitFor(() => deep<HTMLTextAreaElement>(desk, 'textarea'), 'the composer');
      const text = `Thanks for waiting! <b>We</b> are on it. ${newStanzaId()}`;
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));

      deep(desk, '[part~="toggle-button"]')!.click();
      const title = await waitFor(() => deep<HTMLInputElement>(desk, '[part~="title-input"]'), 'the save form');
      await waitFor(() => title.value === 'Thanks for waiting! <b>We</b> are on', 'the title suggested from the draft').catch(
        (e: Error) => {
          throw new Error(`${e.message}: "${title.value}"`);
        },
      );
      title.value = 'Waiting';
      title.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      deep<HTMLFormElement>(desk, '[part~="save-form"]')!.requestSubmit();
      await waitFor(() => deepAll(desk, '[part~="reply"]').some((r) => r.textContent?.includes('Waiting')), 'the saved reply in the list');
      if (server === 'prosody') await executeServerCommand('screenshot', { name: 'desk-details-and-replies' });

      // The agent's other browser has it.
      const colleague = device(agent, service);
      await connectAll(colleague);
      const saved = await createCannedReplies({ client: colleague.client }).list();
      expect(saved.map((r) => [r.title, r.text])).to.deep.equal([['Waiting', text]]);

      // Inserted where the cursor is.
      input.value = 'Hi Bob! ';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      input.setSelectionRange(8, 8);
      deep(desk, '[part~="reply"]')!.click();
      await waitFor(() => input.value === `Hi Bob! ${text}`, 'the reply in the composer');
      expect(deep(desk, '[part~="reply"] b'), 'the reply shown as text').to.equal(undefined);
      expect(await accessibilityViolations(deskFrame), 'the desk with a visitor and saved replies').to.deep.equal([]);
    });
  });
}
