/**
 * A team at the desk, in the built widget against Prosody and ejabberd: three agents (Ann, Ben and
 * Cy, each a page signed in to one support account) and two visitors (a site's anonymous visitor in
 * the visitor widget, and a customer writing from a real account). Two agents claim the same
 * conversation at the same moment and all three end with one owner; the owner hands it over with a
 * note; the visitor sees who answers; a resolved conversation is rated in the visitor's widget, and
 * a visitor's next message reopens another; transcripts download on both sides; and the customer's
 * archive, as a third-party client (slixmpp) reads it, holds none of the team's private notes.
 */
import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { readArchive } from '../integration/faults.ts';
import { SERVERS, freshAccount, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, deep, deepAll, page, typeAndSend, waitFor } from './pages.ts';

const text = (el: Element | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The inbox row of the conversation named `name` (rows are named by the visitor's name or address). */
const rowOf = (doc: Document, name: string) =>
  deepAll(doc, '[part~="inbox-row"]').find((r) => text(r.querySelector('.name') ?? undefined) === name);
const rowWith = (doc: Document, words: string) => deepAll(doc, '[part~="inbox-row"]').find((r) => r.textContent?.includes(words));
/** The inbox's "Open · Ann" of a conversation, without the "(you)" an agent sees on their own. */
const meta = (doc: Document, name: string) => text(rowOf(doc, name)?.querySelector('.meta') ?? undefined).replace(' (you)', '');

/** Shows the inbox's view whose button starts with `name` (Mine, Unassigned, All open, Resolved). */
const show = (docs: Document[], name: string) => {
  for (const doc of docs)
    deepAll(doc, '[part~="inbox-filter"]')
      .find((b) => text(b).startsWith(name))!
      .click();
};

/** Waits until every agent's inbox shows `expected` for the conversation named `name`, saying what they show if not. */
async function everyInbox(docs: Document[], name: string, expected: (meta: string) => boolean, what: string): Promise<void> {
  try {
    await waitFor(() => docs.every((doc) => expected(meta(doc, name))), what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the inboxes show ${JSON.stringify(docs.map((doc) => meta(doc, name)))}`);
  }
}

/** Captures what the page hands to the browser as downloads (the transcript's Blob), as text. */
function downloads(frame: HTMLIFrameElement): Promise<string>[] {
  const win = frame.contentWindow as Window & typeof globalThis;
  const files: Promise<string>[] = [];
  const original = win.URL.createObjectURL.bind(win.URL);
  win.URL.createObjectURL = (blob: Blob | MediaSource) => {
    if (blob instanceof win.Blob) files.push(blob.text());
    return original(blob);
  };
  return files;
}

for (const server of Object.keys(SERVERS) as ServerName[]) {
  const { httpPort } = SERVERS[server];
  const service = serviceUrl('websocket', httpPort);
  describe(`a team of three at the desk on ${server}`, function () {
    this.timeout(180_000);
    before(() => setViewport({ width: 1900, height: 1500 }));
    afterEach(async () => {
      closePages();
      await closeChats();
    });

    it('settles a claim race, hands over with a note, names the agent, takes a rating, reopens, and keeps notes private', async () => {
      const [account, customerName] = await Promise.all([freshAccount('team', httpPort), freshAccount('customer', httpPort)]);
      const support = `${account}@localhost`;
      const names = ['Ann', 'Ben', 'Cy'];
      const frames = await Promise.all(
        names.map((name) =>
          page(
            `<main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${support}" password="pass-${account}"
            agent-name="${name}"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`,
            { width: 940, height: 700 },
          ),
        ),
      );
      const visitorFrame = await page(
        `<script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost" data-anonymous
        data-to="${support}" data-title="Tea &amp; Co." data-open></script>`,
        { width: 940, height: 700 },
      );
      // Two pages a row, so every page is in view and renders.
      for (const frame of [...frames, visitorFrame]) frame.style.display = 'inline-block';
      const [ann, ben, cy] = frames.map((f) => f.contentDocument!);
      const agents = { Ann: ann, Ben: ben, Cy: cy };
      const visitor = visitorFrame.contentDocument!;
      const customer = device(customerName, service);
      await connectAll(customer);
      for (const doc of [ann, ben, cy]) await waitFor(() => deep(doc, '[part~="inbox"]'), 'the inbox');
      // Every agent knows the others are there before anything is assigned.
      for (const doc of [ann, ben, cy]) {
        await waitFor(() => deep(doc, 'xmpp-chat-panel'), 'the panel');
      }

      const fromVisitor = `Hello from the shop ${newStanzaId()}`;
      await waitFor(() => deep(visitor, 'textarea'), "the visitor's composer");
      typeAndSend(visitor, fromVisitor);
      const fromCustomer = `My invoice is wrong ${newStanzaId()}`;
      await customer.send(support, fromCustomer);
      for (const doc of [ann, ben, cy]) {
        await waitFor(() => rowWith(doc, fromVisitor) && rowWith(doc, fromCustomer), 'both conversations in every inbox');
        await waitFor(
          () => text(deepAll(doc, '[part~="inbox-filter"]').find((b) => text(b).startsWith('Unassigned'))) === 'Unassigned 2',
          'two unassigned',
        );
      }

      // A real account is listed under its address; the anonymous visitor under the name the desk made up.
      expect(text(rowWith(ann, fromCustomer)!.querySelector('.name')!)).to.equal(`${customerName}@localhost`);
      const shopVisitor = text(rowWith(ann, fromVisitor)!.querySelector('.name')!);
      const customerRow = `${customerName}@localhost`;

      // Ann and Ben open the shop visitor's conversation and claim it at the same moment.
      rowOf(ann, shopVisitor)!.click();
      rowOf(ben, shopVisitor)!.click();
      const annClaim = await waitFor(() => deep(ann, '[part~="assign-button"]'), "Ann's claim button");
      const benClaim = await waitFor(() => deep(ben, '[part~="assign-button"]'), "Ben's claim button");
      annClaim.click();
      benClaim.click();
      // Every device applies the server's order of the two publishes: 2 s later all three show the same
      // owner, and it stays so.
      await new Promise((r) => setTimeout(r, 2000));
      const seen = [ann, ben, cy].map((doc) => meta(doc, shopVisitor));
      expect(seen[0]).to.match(/^Open · (Ann|Ben)$/);
      expect(seen).to.deep.equal([seen[0], seen[0], seen[0]]);
      await new Promise((r) => setTimeout(r, 1000));
      expect([ann, ben, cy].map((doc) => meta(doc, shopVisitor))).to.deep.equal(seen);
      const owner = seen[0].slice('Open · '.length);

      // The owner hands it over to Cy with a note; every agent sees Cy own it, and Cy sees the note.
      const ownerDoc = agents[owner as 'Ann' | 'Ben'];
      deep(ownerDoc, '[part~="transfer-button"]')!.click();
      const form = await waitFor(() => deep<HTMLFormElement>(ownerDoc, '[part~="transfer-form"]'), 'the transfer form');
      await waitFor(() => [...form.querySelectorAll('option')].some((o) => o.value === 'Cy'), 'Cy among the teammates');
      form.querySelector<HTMLSelectElement>('select')!.value = 'Cy';
      const handOver = `VIP customer, be quick ${newStanzaId()}`;
      form.querySelector<HTMLTextAreaElement>('textarea')!.value = handOver;
      form.requestSubmit();
      await everyInbox([ann, ben, cy], shopVisitor, (m) => m === 'Open · Cy', 'Cy to own it everywhere');
      rowOf(cy, shopVisitor)!.click();
      await waitFor(() => deepAll(cy, '[part~="note"]').some((n) => n.textContent?.includes(handOver)), 'the hand-over note at Cy');

      // Cy answers: the visitor sees who is answering, with the message and in the header.
      const answer = `Hi, this is Cy ${newStanzaId()}`;
      typeAndSend(cy, answer);
      await waitFor(() => deepAll(visitor, '[part~="message-body"]').some((b) => b.textContent === answer), "Cy's answer at the visitor");
      expect(deepAll(visitor, '[part~="message-sender"]').map(text)).to.include('Cy');
      await waitFor(() => text(deep(visitor, '[part~="header"] .name')) === 'Cy · Tea & Co.', "the header's name");

      // Ann takes the customer, notes something private, answers and resolves: the customer is asked for a rating.
      rowOf(ann, customerRow)!.click();
      // The bar shows the customer's conversation (nobody's yet) before Ann claims it.
      await waitFor(() => text(deep(ann, '[part~="assignee"]')) === 'Unassigned', "the customer's bar");
      deep(ann, '[part~="assign-button"]')!.click();
      await everyInbox([ann, ben, cy], customerRow, (m) => m === 'Open · Ann', 'Ann to own the customer');
      deep(ann, '[part~="note-button"]')!.click();
      const noteInput = await waitFor(() => deep<HTMLTextAreaElement>(ann, '[part~="note-input"]'), 'the note form');
      const secret = `Refund approved internally ${newStanzaId()}`;
      noteInput.value = secret;
      deep(ann, '[part~="note-save-button"]')!.click();
      await waitFor(() => deepAll(ann, '[part~="note"]').some((n) => n.textContent?.includes(secret)), 'the note');
      const annAnswer = `Ann here, I fixed the invoice ${newStanzaId()}`;
      typeAndSend(ann, annAnswer);
      await eventually(
        async () => (await history(customer, support)).find((m) => m.body === annAnswer && m.nick === 'Ann'),
        "Ann's answer, named",
      );
      deep(ann, '[part~="resolve-button"]')!.click();
      // Resolved, it leaves the open views for the Resolved one.
      await everyInbox([ann, ben, cy], customerRow, (m) => m === '', 'out of the open views');
      show([ann, ben, cy], 'Resolved');
      await everyInbox([ann, ben, cy], customerRow, (m) => m === 'Resolved · Ann', 'resolved everywhere');
      await eventually(async () => (await history(customer, support)).find((m) => m.rateRequest), 'the rating request');
      await customer.send(support, 'Rating: 5/5 — Fast', { rating: { score: 5, comment: 'Fast' } });
      await waitFor(() => text(deep(ann, '[part~="conversation-rating"]')).endsWith('Rated 5 of 5: Fast'), 'the rating at Ann');
      // The customer's next message reopens it on every screen.
      await customer.send(support, `One more thing ${newStanzaId()}`);
      await everyInbox([ann, ben, cy], customerRow, (m) => m === '', 'out of the Resolved view');
      show([ann, ben, cy], 'All open');
      await everyInbox([ann, ben, cy], customerRow, (m) => m === 'Open · Ann', 'reopened everywhere');

      // Cy resolves the shop visitor's conversation; the visitor rates it in the widget.
      deep(cy, '[part~="resolve-button"]')!.click();
      const prompt = await waitFor(() => deep(visitor, '[part~="rating-prompt"]'), 'the rating prompt');
      const promptRoot = prompt.shadowRoot!;
      await waitFor(() => promptRoot.querySelector('form'), 'the rating form');
      promptRoot.querySelector<HTMLInputElement>('input[value="4"]')!.click();
      promptRoot.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Friendly';
      promptRoot.querySelector<HTMLFormElement>('form')!.requestSubmit();
      await waitFor(() => promptRoot.querySelector('[part~="thanks"]'), 'the thanks');
      show([ann, ben, cy], 'Resolved');
      await everyInbox([ann, ben, cy], shopVisitor, (m) => m === 'Resolved · Cy', 'still resolved after the rating');
      await waitFor(() => text(deep(cy, '[part~="conversation-rating"]')).endsWith('Rated 4 of 5: Friendly'), 'the rating at Cy');

      // Transcripts: the visitor's and the agent's.
      const visitorFiles = downloads(visitorFrame);
      deep(visitor, '[part~="transcript-button"]')!.click();
      const [visitorTranscript] = await waitFor(() => visitorFiles.length > 0 && [visitorFiles[0]], "the visitor's transcript");
      expect(await visitorTranscript)
        .to.include(fromVisitor)
        .and.to.include(answer);
      const cyFiles = downloads(frames[2]);
      deep(cy, '[part~="transcript-button"]')!.click();
      const [cyTranscript] = await waitFor(() => cyFiles.length > 0 && [cyFiles[0]], "the agent's transcript");
      expect(await cyTranscript)
        .to.include(fromVisitor)
        .and.to.include(answer)
        .and.not.to.include(handOver);

      // Nothing the team wrote to itself reached a visitor: not the widget, not the customer's archive as slixmpp reads it.
      expect(
        visitor.body.innerHTML +
          deepAll(visitor, '*')
            .map((el) => el.shadowRoot?.innerHTML ?? '')
            .join(''),
      ).not.to.include(handOver);
      const archived = await readArchive(server, `${customerName}@localhost`, `pass-${customerName}`, support);
      const bodies = archived.map((m) => m.body ?? '');
      expect(bodies).to.include(annAnswer);
      expect(bodies.join('\n')).not.to.include(secret).and.not.to.include(handOver);
    });
  });
}
