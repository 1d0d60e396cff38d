/**
 * Size budgets, measured on the built files a real page loads: what comes before the launcher is
 * visible (≤ 20 KB gzip), and what a visitor has loaded once connected with the conversation open:
 * ≤ 62 KB gzip over WebSocket (60 KB until sign-in by SASL2, Bind 2 and FAST tokens, and several service
 * URLs tried in turn). BOSH, the fallback where WebSocket is blocked, brings strophe.js (19 KB gzip on its
 * own) and is held to ≤ 69 KB (64 KB before the support-desk features — visitor context, pre-chat
 * form, notes and alerts — 66 KB before the sign-in work above, and 67 KB before the launcher was
 * drawn by the first file alone, components/early-launcher.ts, which split the rest into one more
 * file and strophe.js from our BOSH code). That change and rooms (whose code loads only for rooms,
 * but whose loader and outbox settings are in the core) moved WebSocket's budget from 62 to 63 KB; rooms in full mode (private messages from occupants kept
 * apart from the room, invitations and bookmark notifications in what the client advertises), a
 * BOSH fix and faster presence handling for big rooms to 64 KB and BOSH's to 70 KB; one session
 * for all the tabs of a site (src/shared-session/, 2 KB) to 66 and 72 KB; the start-up in short tasks and the
 * `encryption` attribute's hook (0.5 KB together) to 67 and 73 KB; the tabs' handover by stream resumption
 * (what resuming the holder's stream takes, kept by every tab, and the transport's resume option: 0.7 KB
 * over WebSocket, 0.4 KB over BOSH, which has the first part only) WebSocket's to 68 KB. The first screen's part that waits for the desk's
 * presence (who is there, office hours, the offer to leave an email) comes after, within 8 KB.
 * Measured last, with files, emoji, reactions, replies, retractions and avatars loading when used:
 * 2.2 KB before the launcher, 67.1 KB over WebSocket, 72.8 KB over BOSH (0.3 KB of it for a start-up in
 * short tasks, after the launcher's paint; 0.2 KB for the `encryption` attribute and the hook for its
 * mark on messages, whose code loads only where it is set; 0.1 KB for encrypted files: the check for an
 * `aesgcm://` body and the loader of their decryption), then 7.2 KB (the SASL2
 * exchange itself loads only from servers that offer it); what
 * only full mode runs (its styles, saved replies, forgetting the device) loads with it. The build
 * keeps this down (vite.config.ts): the panel is one file with all it imports, xmpp.js's and
 * strophe.js's unused parts and CommonJS wrappers are left out.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { SERVERS, serviceUrl, type TransportName } from '../integration/servers.ts';
import { closePages, deep, page, waitFor } from './pages.ts';

type Built = Record<string, { gzip: number }>;
const KB = 1024;

/** The built files this page has loaded so far, with their gzip sizes. */
function loadedFiles(frame: HTMLIFrameElement, built: Built): { files: string[]; gzip: number } {
  const files = frame
    .contentWindow!.performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/dist/'))
    .map((path) => path.slice('/dist/'.length));
  for (const file of files) if (!built[file]) throw new Error(`${file} is not a built file`);
  return { files, gzip: files.reduce((sum, file) => sum + built[file].gzip, 0) };
}

describe('size budgets of the built widget', function () {
  this.timeout(60_000);
  afterEach(() => closePages());

  for (const transport of ['websocket', 'bosh'] as TransportName[]) {
    it(`loads ≤ 20 KB before the launcher shows, and little more with a conversation open over ${transport}`, async () => {
      const built = await executeServerCommand<Built, Record<string, never>>('built-files', {});
      expect(Object.keys(built)).to.include('xmpp-chat.js');
      const service = serviceUrl(transport, SERVERS.prosody.httpPort);
      // A first visit: a peer no earlier page wrote to.
      const frame = await page(`<script type="module" src="/dist/xmpp-chat.js" data-service="${service}"
        data-domain="anon.localhost" data-anonymous data-to="budget-${Math.random().toString(36).slice(2)}@localhost"></script>`);
      const doc = frame.contentDocument!;
      const launcher = await waitFor(() => deep(doc, '[part~="launcher"]'), 'the launcher');
      await waitFor(() => launcher.getBoundingClientRect().width > 0, 'the launcher to show');
      const first = loadedFiles(frame, built);
      console.log(`before the launcher: ${(first.gzip / KB).toFixed(1)} KB gzip (${first.files.join(', ')})`);
      expect(first.gzip).to.be.at.most(20 * KB);
      const connected = new Promise((resolve) => doc.addEventListener('xmpp-chat-connected', resolve, { once: true }));
      launcher.click();
      await connected;
      await waitFor(() => deep(doc, 'textarea'), 'the composer');
      const open = loadedFiles(frame, built);
      console.log(`connected over ${transport}, conversation open: ${(open.gzip / KB).toFixed(1)} KB gzip (${open.files.join(', ')})`);
      expect(
        open.files.some((f) => f.includes(transport === 'websocket' ? 'bosh' : 'websocket')),
        'the other transport',
      ).to.equal(false);
      expect(open.gzip).to.be.at.most((transport === 'websocket' ? 68 : 73) * KB);

      // The first screen's second half — who is there, the greeting or away message, the office
      // hours, the offer to leave an email — loads once the desk's presence is known (here: once
      // nobody answered in time), as a part of its own. It includes the error sentences (1.6 KB):
      // a desk that published no hours answers the read with an error.
      await waitFor(() => deep(doc, '[part~="availability"]'), 'the first screen');
      const screen = loadedFiles(frame, built);
      const later = screen.files.filter((f) => !open.files.includes(f));
      const laterGzip = screen.gzip - open.gzip;
      console.log(`then the first screen: ${(laterGzip / KB).toFixed(1)} KB gzip (${later.join(', ')})`);
      expect(later.length, 'a part of its own').to.be.greaterThan(0);
      // A visitor never asks for the block list, so its code never loads.
      expect(
        later.concat(open.files).filter((f) => f.startsWith('chunks/blocking')),
        'the block list',
      ).to.deep.equal([]);
      expect(laterGzip).to.be.at.most(8 * KB);
      // Without `encryption`, nothing of OMEMO (src/omemo, the feature, the widget's views) loads.
      expect(
        later.concat(open.files).filter((f) => /^chunks\/(omemo|encryption|qr-code)/.test(f)),
        'end-to-end encryption',
      ).to.deep.equal([]);
    });
  }
});
