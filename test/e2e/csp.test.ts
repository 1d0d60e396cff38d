/**
 * The built widget under the strict Content-Security-Policy the README recommends, sent as a real
 * HTTP header (test/runner/csp-page.js), Trusted Types enforced: a registered visitor answers the
 * pre-chat form and writes; an agent logs in to the full widget, finds the visitor with the
 * details, opens the saved replies and the add-contact form, answers a subscription request and
 * replies; and neither page reports a single `securitypolicyviolation`. A probe page checks the
 * XML parsing a healthy server never exercises (strophe.js's check of a malformed BOSH answer).
 */
import { expect } from '@esm-bundle/chai';
import { newStanzaId } from '../../src/index.ts';
import { closeChats, connectAll, device } from '../integration/chat-helpers.ts';
import { SERVERS, freshAccount, serviceUrl, type ServerName, type TransportName } from '../integration/servers.ts';
import { deep, deepAll, loaded, typeAndSend, waitFor } from './pages.ts';

type CspWindow = Window & { cspViolations: string[] };

const frames: HTMLIFrameElement[] = [];

/** A page served with the strict policy as a header (listing the allowed policies if `allowList`). */
async function strictPage(body: string, allowList: boolean): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:1024px;height:760px;border:0;display:block';
  frame.src = `/__csp/page.html?body=${encodeURIComponent(body)}${allowList ? '&allow-list' : ''}`;
  document.body.append(frame);
  frames.push(frame);
  await loaded(frame);
  return frame;
}

const violations = (frame: HTMLIFrameElement) => (frame.contentWindow as CspWindow).cspViolations;
const bodies = (doc: Document) => deepAll(doc, '[part~="message-body"]').map((el) => el.textContent ?? '');

function fill(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** A second name of the loopback address for the agent's page over BOSH: 6 connections per host. */
const otherHost = (service: string) => service.replace('//127.0.0.1:', '//localhost:');

// What the policy may block is the widget's own code, which differs by transport (BOSH parses XML with
// the DOM) rather than by server: one WebSocket and one BOSH pair, each server once. The last run adds
// the `trusted-types` allow-list the README gives to sites that keep one.
const runs: [ServerName, TransportName, boolean][] = [
  ['prosody', 'websocket', false],
  ['ejabberd', 'bosh', false],
  ['prosody', 'bosh', true],
];

for (const [server, transport, allowList] of runs) {
  describe(`the widget under a strict Content-Security-Policy${allowList ? ' with a trusted-types allow-list' : ''} on ${server} over ${transport}`, function () {
    this.timeout(120_000);
    const port = SERVERS[server].httpPort;
    const service = serviceUrl(transport, port);
    afterEach(async function () {
      // A failure part way says why: what the policy blocked on each page.
      if (this.currentTest?.state === 'failed') for (const frame of frames) console.log(frame.src, violations(frame));
      for (const frame of frames.splice(0)) frame.remove();
      await closeChats();
    });

    it('shows every view, connects and chats with no policy violation', async () => {
      const agent = await freshAccount('csp-agent', port);
      const support = `${agent}@localhost`;

      // The visitor: launcher, panel, pre-chat form, away message, composer.
      const visitorFrame = await strictPage(
        `<script type="module" src="/dist/xmpp-chat.js" data-service="${service}"
        data-domain="localhost" data-to="${support}" data-title="Tea &amp; Co." data-prechat="name email" data-prechat-required="name"></script>`,
        allowList,
      );
      const visitor = visitorFrame.contentDocument!;
      (await waitFor(() => deep(visitor, '[part~="launcher"]'), 'the launcher')).click();
      const form = await waitFor(() => deep<HTMLFormElement>(visitor, '[part~="prechat-form"]'), 'the pre-chat form');
      form.querySelector<HTMLInputElement>('#name')!.value = 'Ada';
      form.querySelector<HTMLInputElement>('#email')!.value = 'ada@example.org';
      form.requestSubmit();
      await waitFor(() => deep(visitor, '[part~="availability"]'), 'the away message');
      const question = `Is the tea organic? ${newStanzaId()}`;
      typeAndSend(visitor, question);
      await waitFor(() => deep(visitor, '.row.out .state:not(.pending)'), 'the question at the server');

      // The agent: login form (a wrong password first), then the inbox with the visitor.
      const deskService = transport === 'bosh' ? otherHost(service) : service;
      const deskFrame = await strictPage(
        `<main class="desk"><xmpp-chat mode="full" service="${deskService}"></xmpp-chat></main>
        <script type="module" src="/dist/xmpp-chat.js"></script>`,
        allowList,
      );
      const desk = deskFrame.contentDocument!;
      const login = async (password: string) => {
        fill(await waitFor(() => deep<HTMLInputElement>(desk, '[part~="jid-input"]'), 'the login form'), support);
        fill(deep<HTMLInputElement>(desk, '[part~="password-input"]')!, password);
        deep(desk, '[part~="submit-button"]')!.click();
      };
      await login('not-the-password');
      await waitFor(() => deepAll(desk, '[role="alert"]').find((el) => el.textContent?.trim()), 'the login error');
      await login(`pass-${agent}`);
      const row = await waitFor(
        () => deepAll(desk, '[part~="contact"]').find((el) => el.textContent?.includes('Ada')),
        'the visitor in the inbox',
      );

      // A stranger asks to see the agent's presence: the request shows, and is accepted.
      const stranger = device(await freshAccount('csp-stranger', port), serviceUrl('websocket', port));
      await connectAll(stranger);
      await stranger.roster.add(support);
      const accept = await waitFor(
        () => deepAll(desk, '[part~="requests"] button').find((b) => /accept/i.test(b.textContent ?? '')),
        'the request',
      );
      accept.click();
      await waitFor(() => !deep(desk, '[part~="requests"]'), 'the request answered');

      // The add-contact form, opened and left.
      deep(desk, '[part~="add-button"]')!.click();
      await waitFor(() => deep(desk, '[part~="add-form"]'), 'the add form');

      // The conversation with the visitor's details and the saved replies; the agent answers.
      row.click();
      await waitFor(() => bodies(desk).includes(question), 'the question at the agent');
      await waitFor(() => deep(desk, '[part~="visitor-details"]'), 'the visitor details');
      (await waitFor(() => deep(desk, '[part~="toggle-button"]'), 'the saved replies')).click();
      await waitFor(() => deep(desk, '[part~="panel"]')?.hidden === false, 'the saved replies open');
      const answer = `Yes, all of it. ${newStanzaId()}`;
      typeAndSend(desk, answer);
      await waitFor(() => bodies(visitor).includes(answer), 'the answer at the visitor');

      expect(violations(visitorFrame), "the visitor's page").to.deep.equal([]);
      expect(violations(deskFrame), "the agent's page").to.deep.equal([]);
    });
  });
}

describe('XML parsing under a strict Content-Security-Policy', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it('reads XML, and strophe.js reports a malformed BOSH response as bad-format, without a violation', async () => {
    const frame = await strictPage('<script type="module" src="/test/e2e/csp-probe.ts"></script>', false);
    const probe = await waitFor(() => (frame.contentWindow as CspWindow & { probe?: unknown }).probe, 'the probe');
    expect(probe).to.deep.equal({ malformed: 'bad-format', parsed: '1' });
    expect(violations(frame)).to.deep.equal([]);
  });
});
