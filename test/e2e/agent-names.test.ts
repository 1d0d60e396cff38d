/**
 * Who is answering, from the visitor's side, against real servers: the agent's name with its
 * messages and in the header, the rating prompt (its code loaded only when the desk asks), the
 * rating reaching the desk, no prompt again after a reload, and the conversation as a download.
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { SERVERS, freshAccount, serviceUrl, type ServerName } from '../integration/servers.ts';
import { closePages, deep, deepAll, page, reload, typeAndSend, waitFor } from './pages.ts';

const bodies = (doc: Document) => deepAll(doc, '[part~="message-body"]').map((el) => el.textContent ?? '');
const loadedFiles = (frame: HTMLIFrameElement) =>
  frame.contentWindow!.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`agents' names and ratings in the visitor's widget on ${server}`, function () {
    this.timeout(120_000);
    const service = serviceUrl('websocket', SERVERS[server].httpPort);
    afterEach(async () => {
      closePages();
      await closeChats();
    });

    it('shows who answers, asks for a rating once, and downloads the conversation', async () => {
      const name = await freshAccount('agents', SERVERS[server].httpPort);
      const support = `${name}@localhost`;
      const frame = await page(`<script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost"
        data-anonymous data-to="${support}" data-title="Tea &amp; Co." data-open></script>`);
      const doc = frame.contentDocument!;
      const header = () => deep(doc, '[part~="header"] .name')?.textContent;
      await waitFor(() => deep(doc, 'textarea'), 'the composer');
      expect(header()).to.equal('Tea & Co.');

      const question = `Is my tea on its way? ${newStanzaId()}`;
      typeAndSend(doc, question);
      const ann = device(name, service, { messageNick: 'Ann' });
      const bo = device(name, service, { messageNick: 'Bo' });
      await connectAll(ann, bo);
      const visitor = (await eventually(async () => (await ann.conversations()).find((c) => c.lastBody === question), 'the question')).peer;
      const answer = `It left this morning. ${newStanzaId()}`;
      await ann.send(visitor, answer);
      await waitFor(() => bodies(doc).includes(answer), 'the answer');
      await waitFor(() => header() === 'Ann · Tea & Co.', "the agent's name in the header");
      const more = `Anything else? ${newStanzaId()}`;
      await bo.send(visitor, more);
      await waitFor(() => header() === 'Bo · Tea & Co.', "the latest agent's name");
      expect(deepAll(doc, '[part~="message-sender"]').map((el) => el.textContent)).to.deep.equal(['Ann', 'Bo']);

      // The rating prompt's code is not part of the visitor's page until the desk asks.
      expect(loadedFiles(frame).some((path) => /\/rating-(prompt|view)-/.test(path))).to.equal(false);
      await bo.send(visitor, 'How did we do? Answer 1 (poor) to 5 (great).', { rateRequest: true });
      const prompt = await waitFor(() => deep(doc, '[part~="rating-prompt"]')?.shadowRoot?.querySelector('form'), 'the rating prompt');
      expect(loadedFiles(frame).some((path) => /\/rating-(prompt|view)-/.test(path))).to.equal(true);
      prompt.querySelector<HTMLInputElement>('#score-4')!.click();
      prompt.querySelector('textarea')!.value = 'Quick & <b>kind</b>';
      prompt.requestSubmit();
      await waitFor(() => deep(doc, '[part~="rating-prompt"]')?.shadowRoot?.querySelector('[part="thanks"]'), 'the thanks');
      const rating = await eventually(async () => (await history(ann, visitor)).find((m) => m.rating)?.rating, 'the rating at the desk');
      expect(rating).to.include({ score: 4, comment: 'Quick & <b>kind</b>' });
      expect((await history(ann, visitor)).find((m) => m.rating)?.body).to.equal('Rating: 4/5 — Quick & <b>kind</b>');

      // A reload shows the history, answered: no prompt.
      await reload(frame);
      const again = frame.contentDocument!;
      await waitFor(() => bodies(again).includes(more), 'the history after the reload');
      await waitFor(() => deep(again, '[part~="header"] .name')?.textContent === 'Bo · Tea & Co.', 'the name after the reload');
      expect(deep(again, '[part~="rating-prompt"]')).to.equal(undefined);

      // The conversation as a text file, through the header's button.
      let link: HTMLAnchorElement | undefined;
      again.addEventListener(
        'click',
        (event) => {
          const target = event.target as HTMLAnchorElement; // an element of the page's own window
          if (target.tagName === 'A' && target.download) {
            link = target;
            event.preventDefault();
          }
        },
        true,
      );
      deep(again, '[part~="transcript-button"]')!.click();
      const file = await waitFor(() => link, 'the download');
      expect(file.download).to.match(/^conversation-\d{4}-\d\d-\d\d\.txt$/);
      const text = await (await frame.contentWindow!.fetch(file.href)).text();
      expect(text).to.include('Conversation with Tea & Co.');
      expect(text).to.include(`] You: ${question}`);
      expect(text).to.include(`] Ann: ${answer}`);
      expect(text).to.include(`] Bo: ${more}`);
      expect(text).to.include('] You: Rating: 4/5 — Quick & <b>kind</b>');
    });
  });
}
