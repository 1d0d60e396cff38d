/**
 * End-to-end encryption through the built widget: a visitor with `encryption="omemo"`, under the
 * strict Content-Security-Policy of csp.test.ts (no 'wasm-unsafe-eval'), and an agent on two devices
 * (two full-mode widgets, each with storage of its own, as two browsers have) chat both ways. Every
 * message shows once, with the encrypted mark, on each side and on the agent's second device; the
 * server's archive, read by slixmpp, holds none of their text; and the fingerprints each side's
 * encryption view shows are the other side's own.
 */
import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import { newStanzaId, type Omemo } from '../../src/index.ts';
import type { ChatPanel } from '../../components/chat-panel/chat-panel.ts';
import { eventually } from '../integration/chat-helpers.ts';
import { readArchive } from '../integration/faults.ts';
import { SERVERS, freshAccount, serviceUrl, type ServerName, type TransportName } from '../integration/servers.ts';
import { accessibilityViolations, closePages, deep, deepAll, loaded, page, typeAndSend, waitFor } from './pages.ts';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * A second browser for the same origin: the page's IndexedDB databases, broadcast channels and Web
 * Locks go by other names, so its widget keeps a device (and a history) of its own.
 */
const SECOND_BROWSER = `<script>
  const open = indexedDB.open.bind(indexedDB);
  indexedDB.open = (name, version) => open('second-' + name, version);
  const Channel = BroadcastChannel;
  window.BroadcastChannel = class extends Channel { constructor(name) { super('second-' + name); } };
  if (navigator.locks) {
    const request = navigator.locks.request.bind(navigator.locks);
    navigator.locks.request = (name, ...rest) => request('second-' + name, ...rest);
  }
</script>`;

const frames: HTMLIFrameElement[] = [];
/** The visitor's page, served with the strict policy as a header (test/runner/csp-page.js). */
async function strictPage(body: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:940px;height:700px;border:0;display:inline-block';
  frame.src = `/__csp/page.html?body=${encodeURIComponent(body)}`;
  document.body.append(frame);
  frames.push(frame);
  await loaded(frame);
  return frame;
}

/** The messages with `body` on a page: each should be there once, with the encrypted mark. */
const rowsWith = (doc: Document, body: string) =>
  deepAll(doc, '[part~="message"]').filter((m) => text(m.querySelector('[part~="message-body"]')) === body);
const marks = (doc: Document, body: string) =>
  rowsWith(doc, body).map((m) => m.querySelector('[part~="message-encryption"]')?.getAttribute('part') ?? 'no mark');

/** The chat behind a page's widget, to compare what its views show with what it holds. */
const omemoOf = async (doc: Document): Promise<Omemo> => (await deep<ChatPanel>(doc, 'xmpp-chat-panel')!.session!.chat.omemo())!;

/** What a page's encryption view shows: its own fingerprint, and the devices listed below it. */
async function fingerprintsShown(doc: Document): Promise<{ own: string; devices: string[] }> {
  deep(doc, '[part~="encryption-button"]')!.click();
  const view = await waitFor(() => deep(doc, 'xmpp-chat-encryption-view'), 'the encryption view');
  await waitFor(() => view.shadowRoot!.querySelector('[part~="qr-code"]'), 'the fingerprints and the QR code');
  const prints = [...view.shadowRoot!.querySelectorAll('[part~="fingerprint"]')].map((el) => text(el));
  return { own: prints[0], devices: prints.slice(1) };
}

// The agents over WebSocket; the visitor over WebSocket on both servers, and over BOSH on one.
const runs: [ServerName, TransportName][] = [
  ['prosody', 'websocket'],
  ['ejabberd', 'websocket'],
  ['prosody', 'bosh'],
];

for (const [server, transport] of runs) {
  describe(`an encrypted conversation through the widget on ${server}, the visitor over ${transport}`, function () {
    this.timeout(180_000);
    const port = SERVERS[server].httpPort;
    const service = serviceUrl('websocket', port);
    const visitorService = serviceUrl(transport, port);
    before(() => setViewport({ width: 1900, height: 1500 }));
    afterEach(async function () {
      if (this.currentTest?.state === 'failed')
        for (const frame of frames) console.log((frame.contentWindow as Window & { cspViolations: string[] }).cspViolations);
      for (const frame of frames.splice(0)) frame.remove();
      closePages();
    });

    it('shows each message once with the encrypted mark on every device, keeps no plaintext on the server, and shows matching fingerprints', async () => {
      const agent = await freshAccount('omemo-desk', port);
      const support = `${agent}@localhost`;
      const agentTag = (name: string) => `<main style="height:700px"><xmpp-chat mode="full" service="${service}" jid="${support}"
        password="pass-${agent}" agent-name="${name}" encryption="omemo"></xmpp-chat></main><script type="module" src="/dist/xmpp-chat.js"></script>`;
      /** An agent's page, signed in, with its device published. */
      const agentPage = async (name: string, head?: string) => {
        const frame = await page(agentTag(name), { width: 940, height: 700, head });
        frame.style.display = 'inline-block';
        const doc = frame.contentDocument!;
        await waitFor(() => deep<ChatPanel>(doc, 'xmpp-chat-panel')?.session?.status === 'connected', `${name} signed in`);
        const omemo = await omemoOf(doc);
        await omemo.published();
        return { frame, doc, omemo, own: await omemo.ownDevice() };
      };
      // Ben's device comes second, as a person's second device does (two devices of one account
      // publishing their device list at the same moment may each leave the other out for a while).
      const { frame: annFrame, doc: ann, omemo: annOmemo, own: annDevice } = await agentPage('Ann');
      const { doc: ben, omemo: benOmemo, own: benDevice } = await agentPage('Ben', SECOND_BROWSER);
      expect(annDevice.deviceId, 'two devices').to.not.equal(benDevice.deviceId);
      const listsBoth = async (omemo: Omemo) =>
        (await omemo.devices(support)).filter((d) => [annDevice.deviceId, benDevice.deviceId].includes(d.deviceId)).length === 2;
      await eventually(async () => (await listsBoth(annOmemo)) && (await listsBoth(benOmemo)), "the account's list with both devices");

      // The visitor registers an account of its own (in-band), under the strict policy.
      const visitorFrame = await strictPage(
        `<script type="module" src="/dist/xmpp-chat.js" data-service="${visitorService}" data-domain="localhost" data-to="${support}"
        data-title="Tea &amp; Co." data-encryption="omemo"></script>`,
      );
      const visitor = visitorFrame.contentDocument!;
      (await waitFor(() => deep(visitor, '[part~="launcher"]'), 'the launcher')).click();
      await waitFor(() => deep<ChatPanel>(visitor, 'xmpp-chat-panel')?.session?.status === 'connected', 'the visitor connected');
      const visitorOmemo = await omemoOf(visitor);
      await visitorOmemo.published();

      const question = `Is the tea organic? ${newStanzaId()}`;
      await waitFor(() => deep(visitor, 'textarea'), "the visitor's composer");
      typeAndSend(visitor, question);
      for (const [name, doc] of [
        ['Ann', ann],
        ['Ben', ben],
      ] as const) {
        const row = await waitFor(
          () => deepAll(doc, '[part~="inbox-row"]').find((r) => r.textContent?.includes(question)),
          `the question in the inbox`,
        ).catch((error: Error) => {
          throw new Error(
            `${name}: ${error.message}; the inbox shows ${JSON.stringify(deepAll(doc, '[part~="inbox-row"]').map((r) => text(r)))}`,
          );
        });
        row.click();
        await waitFor(() => rowsWith(doc, question).length, 'the question in the conversation');
      }
      // Ann heard of Ben's device coming: her open conversation says so, in words.
      await waitFor(
        () =>
          deepAll(ann, '[part~="encryption-notice"]').some((n) =>
            text(n).startsWith(`A new device was added to your account (${benDevice.deviceId})`),
          ),
        "the notice of Ann's new device",
      );
      const answer = `Yes, all of it. ${newStanzaId()}`;
      typeAndSend(ann, answer);
      for (const doc of [visitor, ben]) await waitFor(() => rowsWith(doc, answer).length, 'the answer');
      const thanks = `Thanks! ${newStanzaId()}`;
      typeAndSend(visitor, thanks);
      for (const doc of [ann, ben]) await waitFor(() => rowsWith(doc, thanks).length, 'the thanks');
      await new Promise((r) => setTimeout(r, 1000)); // time for any copy to arrive twice

      for (const [name, doc] of [
        ['visitor', visitor],
        ['Ann', ann],
        ['Ben', ben],
      ] as const) {
        for (const body of [question, answer, thanks]) expect(marks(doc, body), `${name}: ${body}`).to.deep.equal(['message-encryption']);
      }
      expect(rowsWith(visitor, answer)[0].getAttribute('part')).to.include('message-in');

      // Each agent device may hear of the other, never of itself.
      for (const [doc, own] of [
        [ann, annDevice],
        [ben, benDevice],
      ] as const)
        expect(deepAll(doc, '[part~="encryption-notice"]').filter((n) => text(n).includes(`(${own.deviceId})`))).to.have.length(0);

      // The agent's archive, as slixmpp reads it: the messages are there, their text is not.
      const archive = await readArchive(server, support, `pass-${agent}`);
      const archived = archive.map((m) => m.body ?? '').join('\n');
      expect(archive.length, 'archived messages').to.be.at.least(3);
      for (const body of [question, answer, thanks]) expect(archived, 'plaintext in the archive').to.not.include(body);

      // Fingerprints: what each side shows is what the other side's device holds.
      const visitorDevice = await visitorOmemo.ownDevice();
      const seenByVisitor = await fingerprintsShown(visitor);
      expect(seenByVisitor.own).to.equal(visitorDevice.fingerprint);
      expect([...seenByVisitor.devices].sort()).to.deep.equal([annDevice.fingerprint, benDevice.fingerprint].sort());
      const seenByAnn = await fingerprintsShown(ann);
      expect(seenByAnn.own).to.equal(annDevice.fingerprint);
      // The visitor's device, then Ann's own other device (Ben's).
      expect(seenByAnn.devices).to.deep.equal([visitorDevice.fingerprint, benDevice.fingerprint]);
      expect(await accessibilityViolations(annFrame), 'the encryption view').to.deep.equal([]);
      expect((visitorFrame.contentWindow as Window & { cspViolations: string[] }).cspViolations).to.deep.equal([]);
    });
  });
}
