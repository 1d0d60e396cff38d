/**
 * Files, reactions, replies, corrections, retractions and the desk's picture between a visitor's
 * widget and an agent's, on the real servers over both transports, checked from the other side
 * too: the agent's archive as slixmpp reads it, the uploaded bytes as a client outside the browser
 * fetches them, and an image link with out-of-band data that slixmpp sends shown inline.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import { newStanzaId, type Chat } from '../../src/index.ts';
import { closeChats, connectAll, device, eventually, history } from '../integration/chat-helpers.ts';
import { httpDigest, readArchive, thirdPartySend } from '../integration/faults.ts';
import { SERVERS, TRANSPORTS, freshAccount, isSamplePair, serviceUrl, type ServerName } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, page, reload, typeAndSend, waitFor } from './pages.ts';

/** A PNG of noise (it does not compress): about 5 MB at 1440 × 1080. */
async function noiseImage(width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const pixels = context.createImageData(width, height);
  crypto.getRandomValues(new Uint8Array(pixels.data.buffer, 0, 65536)); // getRandomValues takes 64 KB at a time
  for (let i = 65536; i < pixels.data.length; i += 65536)
    crypto.getRandomValues(new Uint8Array(pixels.data.buffer, i, Math.min(65536, pixels.data.length - i)));
  for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = 255;
  context.putImageData(pixels, 0, 0);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'checkout.png', { type: 'image/png' });
}
const sha256 = async (blob: Blob) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A small picture for the desk: a PNG drawn on a canvas. */
async function deskPicture(): Promise<Blob> {
  const canvas = new OffscreenCanvas(64, 64);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#0f766e';
  context.fillRect(0, 0, 64, 64);
  return canvas.convertToBlob({ type: 'image/png' });
}

const rowWith = (doc: Document, text: string) =>
  deepAll(doc, '.row').find((row) => row.querySelector('[part~="message-body"]')?.textContent?.includes(text));
/** The message's toolbar, loaded on the first pointer or focus in the list. */
async function toolbar(doc: Document, text: string): Promise<HTMLElement> {
  const row = await waitFor(() => rowWith(doc, text), `the row of “${text}”`);
  row.dispatchEvent(new PointerEvent('pointerenter', { bubbles: true, composed: true }));
  row.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
  return waitFor(() => rowWith(doc, text)?.querySelector<HTMLElement>('[part~="message-actions"]'), `the toolbar of “${text}”`);
}
const headerPicture = (doc: Document) => deep(doc, '.header xmpp-chat-avatar')?.shadowRoot?.querySelector('img');
const press = (bar: HTMLElement, selector: string) =>
  waitFor(() => bar.querySelector<HTMLButtonElement>(selector), selector).then((b) => b.click());

for (const server of Object.keys(SERVERS) as ServerName[]) {
  for (const transport of TRANSPORTS) {
    // The stanzas and the archive on every pair are integration/rich-messages.test.ts's; the widgets on two.
    if (!isSamplePair(server, transport)) continue;
    describe(`files, reactions, replies and retractions in the widgets on ${server} over ${transport}`, function () {
      this.timeout(180_000);
      before(() => setViewport({ width: 1220, height: 900 }));
      const { httpPort } = SERVERS[server];
      const service = serviceUrl(transport, httpPort);
      afterEach(async () => {
        closePages();
        await closeChats();
      });

      it('carries them both ways, into the archive and through a reload', async () => {
        const agent = await freshAccount('rich-desk', httpPort);
        const support = `${agent}@localhost`;
        const password = `pass-${agent}`;
        // The desk has a picture, which the visitor sees in the header.
        const setup: Chat = device(agent, serviceUrl('websocket', httpPort));
        await connectAll(setup);
        await (await setup.avatars()).publish(await deskPicture(), { width: 64, height: 64 });

        const deskFrame = await page(
          `<main style="height:760px"><xmpp-chat mode="full" service="${service}" jid="${support}" password="${password}"></xmpp-chat></main>
          <script type="module" src="/dist/xmpp-chat.js"></script>`,
          { width: 1200, height: 780 },
        );
        const desk = deskFrame.contentDocument!;
        const visitorFrame = await page(
          `<script>window.jids = []; window.xmppChat = [['on', 'connected', (d) => jids.push(d.jid)]];</script>
          <script type="module" src="/dist/xmpp-chat.js" data-service="${service}" data-domain="anon.localhost" data-anonymous
          data-to="${support}" data-open></script>`,
          { height: 780 },
        );
        const visitor = visitorFrame.contentDocument!;
        const hello = `My checkout page is broken ${newStanzaId()}`;
        await waitFor(() => deep(visitor, 'textarea'), 'the composer');
        typeAndSend(visitor, hello);

        // The visitor pastes a 5 MB screenshot: uploaded with its progress, then sent.
        const image = await noiseImage(1440, 1080);
        expect(image.size).to.be.above(5_000_000);
        const clipboard = new DataTransfer();
        clipboard.items.add(image);
        deep(visitor, 'textarea')!.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, composed: true, cancelable: true }),
        );
        await waitFor(() => deep(visitor, '[part~="message-image"]'), 'the image in the visitor’s list', 60_000);
        await waitFor(() => !deep(visitor, '[part~="upload-progress"]'), 'the upload’s progress gone once it is sent');

        // The agent opens the conversation: the image is inline at its size before it loads.
        // The desk's account is new: the visitor's is its one conversation. (Its preview is the newest
        // message, by now the image's link rather than the text before it.)
        const row = await waitFor(() => deepAll(desk, '[part~="inbox-row"]').at(0), 'the conversation in the inbox', 40_000).catch(
          async (error: Error) => {
            await executeServerCommand('screenshot', { name: `rich-inbox-${server}-${transport}` }); // to see what the agent saw
            throw error;
          },
        );
        row.click();
        const shown = await waitFor(
          () => deep<HTMLImageElement>(desk, 'img[part~="message-image"], [part~="message-image"] img'),
          'the image at the agent',
        );
        // Its box has the image's aspect ratio from the message's metadata, whether or not it has loaded.
        const [width, height] = [Number(shown.getAttribute('width')), Number(shown.getAttribute('height'))];
        expect(width / height).to.be.closeTo(1440 / 1080, 0.01);
        expect(shown.referrerPolicy).to.equal('no-referrer');

        // The agent's archive, as slixmpp reads it, has the link with out-of-band data; its bytes are the file.
        const archived = await eventually(
          async () => (await readArchive(server, support, password)).find((m) => m.oob),
          'the file in the archive',
        );
        expect(archived.file).to.include({ 'media-type': 'image/png', size: String(image.size), width: '1440', height: '1080' });
        const fetched = await httpDigest(archived.oob!);
        expect(fetched).to.deep.equal({ status: 200, size: image.size, sha256: await sha256(image) });

        // The agent answers; the visitor reacts to it and replies to it.
        const answer = `Thanks, looking at it now ${newStanzaId()}`;
        typeAndSend(desk, answer);
        const reactBar = await toolbar(visitor, answer);
        await press(reactBar, '.react');
        await press(reactBar, '.quick[aria-label*="👍"]');
        await waitFor(() => deepAll(desk, '[part~="reaction"]').some((r) => r.textContent?.includes('👍')), 'the reaction at the agent');
        await press(await toolbar(visitor, answer), '.reply');
        await waitFor(() => deep(visitor, '[part~="reply-preview"]'), 'the reply bar');
        const reply = `It is the pay button ${newStanzaId()}`;
        typeAndSend(visitor, reply);
        const quote = await waitFor(
          () => deepAll(desk, '[part~="reply-quote"]').find((q) => q.textContent?.includes(answer.slice(0, 20))),
          'the quote at the agent',
        );
        expect(rowWith(desk, reply)?.contains(quote)).to.equal(true);

        // The visitor corrects the reply with ↑ in the empty composer.
        const field = deep<HTMLTextAreaElement>(visitor, 'textarea')!;
        field.focus();
        field.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true, cancelable: true }));
        await waitFor(() => deep(visitor, '[part~="edit-preview"]') && field.value === reply, 'the reply in the composer to correct');
        const corrected = `It is the pay button, in Firefox ${newStanzaId()}`;
        typeAndSend(visitor, corrected);
        await waitFor(() => rowWith(desk, corrected), 'the correction at the agent');

        // The agent takes a message back.
        const wrong = `Try clearing your cookies ${newStanzaId()}`;
        typeAndSend(desk, wrong);
        await waitFor(() => rowWith(visitor, wrong), 'the wrong advice at the visitor');
        await press(await toolbar(desk, wrong), '.delete');
        (await waitFor(() => rowWith(desk, wrong)?.querySelector<HTMLButtonElement>('.danger'), 'the question whether to delete')).click();
        await waitFor(
          () => !rowWith(visitor, wrong) && deepAll(visitor, '.row').some((r) => r.textContent?.includes('This message was deleted')),
          'the retraction at the visitor',
        );

        // slixmpp, signed in as the desk, sends the visitor an image link with out-of-band data.
        const visitorJid = (visitorFrame.contentWindow as Window & { jids: string[] }).jids.at(-1)!;
        await thirdPartySend(server, { jid: support, password }, visitorJid, archived.oob!, [
          `<x xmlns="jabber:x:oob"><url>${archived.oob}</url></x>`,
        ]);
        await waitFor(() => deepAll(visitor, '[part~="message-image"]').length === 2, 'the third party’s image at the visitor');

        // The desk's picture is in the visitor's header.
        await waitFor(() => headerPicture(visitor), 'the desk’s picture');
        expect(await accessibilityViolations(visitorFrame)).to.deep.equal([]);
        expect(await accessibilityViolations(deskFrame)).to.deep.equal([]);

        // After a reload the visitor's widget shows all of it again, from this device.
        await reload(visitorFrame);
        const again = visitorFrame.contentDocument!;
        await waitFor(() => rowWith(again, corrected), 'the corrected reply after the reload');
        // What messages carry beyond text shows once its code has loaded.
        await waitFor(() => deepAll(again, '[part~="message-image"]').length === 2, 'both images after the reload');
        await waitFor(
          () => deepAll(again, '[part~="reaction"]').some((r) => r.textContent?.includes('👍')),
          'the reaction after the reload',
        );
        expect(deepAll(again, '[part~="reply-quote"]').length).to.equal(1);
        expect(!!rowWith(again, wrong), 'the retracted message after the reload').to.equal(false);
        await waitFor(() => headerPicture(again), 'the desk’s picture after the reload');

        // And a new device of the desk's catches all of it up from the archive.
        const fresh = device(agent, serviceUrl('websocket', httpPort));
        await connectAll(fresh);
        const caught = await history(fresh, visitorJid.split('/')[0]);
        expect(caught.find((m) => m.file)?.file).to.include({ width: 1440, height: 1080, size: image.size });
        expect(caught.find((m) => m.body === corrected)?.replyTo?.quote).to.include(answer.slice(0, 20));
        expect(caught.find((m) => m.body === answer)?.reactions).to.have.property(visitorJid.split('/')[0]);
        expect(caught.find((m) => m.retracted)?.body).to.equal('');
      });
    });
  }
}
