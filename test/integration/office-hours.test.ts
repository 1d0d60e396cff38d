/**
 * Office hours and the team at a desk, on the real servers: the desk publishes its hours to an
 * open PEP node, an anonymous visitor on the anonymous host reads them from the desk's bare
 * address; a node made earlier with another access model is opened; two agents of one account
 * answer a visitor's presence, each with its name, and the visitor lists both; a visitor who
 * comes while the desk is closed sees when it is back, leaves an email with the message, and the
 * desk reads it with the conversation.
 */
import { expect } from '@esm-bundle/chai';
import { createChat, createMemoryBackend, type Chat } from '../../src/index.ts';
import { createOfficeHours, type OfficeHours } from '../../src/desk.ts';
import { buildHours } from '../../src/stanza/office-hours.ts';
import { buildPublish } from '../../src/stanza/pep.ts';
import { render } from 'lit';
import '../../components/index.ts';
import type { ChatPanel } from '../../components/chat-panel/chat-panel.ts';
import { ChatSession } from '../../components/controllers/chat-session.ts';
import { renderOfficeHoursEditor } from '../../components/office-hours-editor/render.ts';
import { deep, typeAndSend, waitFor } from '../e2e/pages.ts';
import { closeChats, connectAll, device, eventually } from './chat-helpers.ts';
import {
  ANON_DOMAIN,
  DOMAIN,
  SERVERS,
  TEST_OPTIONS,
  accountOptions,
  disconnectAll,
  freshAccount,
  serviceUrl,
  trackedClient,
  until,
  type ServerName,
} from './servers.ts';

const HOURS: OfficeHours = {
  timeZone: 'Europe/Berlin',
  spans: [
    { day: 'mon', open: '09:00', close: '12:30' },
    { day: 'mon', open: '13:30', close: '17:30' },
    { day: 'sat', open: '10:00', close: '14:00' },
  ],
  closed: [{ from: '2026-12-24', to: '2026-12-26' }],
  replyMinutes: 120,
};
const NODE = 'urn:xmpp-chat:desk:0:hours';

for (const server of Object.keys(SERVERS) as ServerName[]) {
  describe(`office hours and the team on ${server}`, function () {
    this.timeout(60_000);
    const { httpPort } = SERVERS[server];
    const service = serviceUrl('websocket', httpPort);
    let visitor: Chat | undefined;
    let widget: HTMLElement | undefined;
    afterEach(async () => {
      widget?.remove();
      widget = undefined;
      await visitor?.close();
      visitor = undefined;
      await closeChats();
      await disconnectAll();
    });

    /** An anonymous visitor's widget, opened, in this page. */
    const mountWidget = (attrs: Record<string, string>) => {
      const el = document.createElement('xmpp-chat');
      for (const [name, value] of Object.entries({ service, domain: ANON_DOMAIN, anonymous: '', open: '', ...attrs }))
        el.setAttribute(name, value);
      document.body.append(el);
      return el;
    };

    const anonymous = async () => {
      const client = trackedClient({ ...TEST_OPTIONS, service, domain: ANON_DOMAIN, anonymous: true });
      await client.connect();
      return createOfficeHours({ client });
    };

    it('are published by the desk and read by an anonymous visitor; a desk without hours reads as none', async () => {
      const desk = await freshAccount('hours', httpPort);
      const agent = trackedClient(accountOptions(desk, service));
      await agent.connect();
      const reader = await anonymous();
      expect(await reader.read(`${desk}@${DOMAIN}`)).to.equal(undefined);
      await createOfficeHours({ client: agent }).publish(HOURS);
      expect(await reader.read(`${desk}@${DOMAIN}`)).to.deep.equal(HOURS);
      // Published again (another agent's change): the one item is replaced.
      const later = { ...HOURS, closed: [], replyMinutes: 30 };
      await createOfficeHours({ client: agent }).publish(later);
      expect(await (await anonymous()).read(`${desk}@${DOMAIN}`)).to.deep.equal(later);
    });

    it('open a node made before for contacts only, then publish', async () => {
      const desk = await freshAccount('hours-closed', httpPort);
      const agent = trackedClient(accountOptions(desk, service));
      await agent.connect();
      await agent.iq(buildPublish(NODE, 'current', buildHours(HOURS), { 'pubsub#access_model': 'presence' }));
      const reader = await anonymous();
      expect(await reader.read(`${desk}@${DOMAIN}`), 'read before the node is open').to.equal(undefined);
      await createOfficeHours({ client: agent }).publish(HOURS);
      expect(await reader.read(`${desk}@${DOMAIN}`)).to.deep.equal(HOURS);
    });

    it('lists the names of every agent signed in to the desk’s account who answers the visitor', async () => {
      const desk = await freshAccount('team', httpPort);
      const ann = device(desk, service, { answerStrangers: true, nickname: 'Ann' });
      const bo = device(desk, service, { answerStrangers: true, nickname: 'Bo <b>' });
      await connectAll(ann, bo);
      const owner = `team-visitor-${Math.random().toString(36).slice(2, 10)}`;
      visitor = createChat({
        ...TEST_OPTIONS,
        service,
        domain: ANON_DOMAIN,
        anonymous: true,
        historyOwner: owner,
        storage: { backend: createMemoryBackend(), channelName: owner },
        visibility: { hidden: false, onChange: () => () => undefined },
      });
      const v = visitor;
      v.strangers.watch(`${desk}@${DOMAIN}`);
      await v.connect();
      await until(() => v.strangers.names(`${desk}@${DOMAIN}`).length === 2, 'both agents’ names', 20_000);
      expect(v.strangers.names(`${desk}@${DOMAIN}`)).to.deep.equal(['Ann', 'Bo <b>']);
      expect(v.strangers.of(`${desk}@${DOMAIN}`)).to.equal('online');
      // Ann leaves: only Bo is there.
      await ann.disconnect();
      await until(() => v.strangers.names(`${desk}@${DOMAIN}`).length === 1, 'Ann gone', 20_000);
      expect(v.strangers.names(`${desk}@${DOMAIN}`)).to.deep.equal(['Bo <b>']);
    });
    it('keep the first screen’s and the header’s space while the desk’s presence is unknown: nothing moves when it comes', async () => {
      const desk = await freshAccount('hours-open-now', httpPort);
      // As the desk's widget sets it up: the agent's name goes with its messages, and so with its presence.
      const ann = device(desk, service, { answerStrangers: true, messageNick: 'Ann' });
      await connectAll(ann);
      const spans = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => ({ day: d, open: '00:00', close: '24:00' }));
      await createOfficeHours({ client: ann.client }).publish({ timeZone: 'UTC', spans, closed: [], replyMinutes: 60 });

      widget = mountWidget({ to: `${desk}@${DOMAIN}` });
      const root = widget.shadowRoot!;
      const reserved = await waitFor(() => deep(root, '.first-screen .reserved'), 'the reserved space', 20_000);
      const screen = reserved.parentElement!;
      const header = deep(root, '[part~="header"]')!;
      const before = { screen: screen.getBoundingClientRect().height, header: header.getBoundingClientRect().height };
      await waitFor(() => deep(root, '[part~="team"]')?.textContent === 'Ann is here.', 'Ann’s name');
      await waitFor(() => deep(root, '[part~="office-hours"]')?.textContent === 'Usually replies within 1 hour.', 'the reply time');
      expect(deep(root, '.presence')?.textContent).to.equal('Online');
      expect(deep(root, '[part~="offline-form"]'), 'no email asked for while someone is there').to.equal(undefined);
      // Equal but for sub-pixel rounding.
      expect(screen.getBoundingClientRect().height).to.be.closeTo(before.screen, 0.5);
      expect(header.getBoundingClientRect().height).to.be.closeTo(before.header, 0.5);
    });

    it('are set in the editor: it starts from the published hours and publishes what the agent saves', async () => {
      const desk = await freshAccount('hours-editor', httpPort);
      const owner = `hours-editor-${Math.random().toString(36).slice(2, 10)}`;
      const session = new ChatSession({
        ...accountOptions(desk, service),
        historyOwner: owner,
        storage: { backend: createMemoryBackend(), channelName: owner },
        visibility: { hidden: false, onChange: () => () => undefined },
      });
      const host = document.body.appendChild(document.createElement('div'));
      const errors: Error[] = [];
      const panel = {
        lang: 'en',
        requestUpdate: () => render(renderOfficeHoursEditor(panel, session), host),
        report: (error: Error) => errors.push(error),
      } as unknown as ChatPanel;
      try {
        await session.connect();
        const agent = trackedClient(accountOptions(desk, service));
        await agent.connect();
        await createOfficeHours({ client: agent }).publish(HOURS);
        panel.requestUpdate();
        const editor = await waitFor(() => host.querySelector('xmpp-chat-office-hours-editor'), 'the editor');
        const field = (name: string) => editor.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
        await waitFor(() => field('tz')?.value === 'Europe/Berlin', 'the published hours in the editor');
        field('sat-to').value = '15:00';
        editor.shadowRoot!.querySelector('form')!.requestSubmit();
        await waitFor(() => editor.shadowRoot!.querySelector('.note')?.textContent?.startsWith('Published'), 'the hours published');
        const read = await (await anonymous()).read(`${desk}@${DOMAIN}`);
        // One span a day in the editor: Monday's second span goes.
        expect(read?.spans).to.deep.equal([
          { day: 'mon', open: '09:00', close: '12:30' },
          { day: 'sat', open: '10:00', close: '15:00' },
        ]);
        expect(read).to.include({ timeZone: 'Europe/Berlin', replyMinutes: 120 });
        expect(errors).to.deep.equal([]);
        expect(session.error).to.equal(undefined);
      } finally {
        host.remove();
        await session.close();
      }
    });

    it('tell a visitor who comes while the desk is closed when it is back, and take an email with the message', async () => {
      const desk = await freshAccount('hours-closed-now', httpPort);
      const agent = trackedClient(accountOptions(desk, service));
      await agent.connect();
      // Open around the clock, but closed today and tomorrow (UTC): back the day after, at midnight.
      const day = (ahead: number) => new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10);
      const spans = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => ({ day: d, open: '00:00', close: '24:00' }));
      await createOfficeHours({ client: agent }).publish({
        timeZone: 'UTC',
        spans,
        closed: [{ from: day(0), to: day(1) }],
        replyMinutes: 60,
      });
      await agent.disconnect();

      widget = mountWidget({ to: `${desk}@${DOMAIN}`, welcome: 'Hello <b>there</b>' });
      const root = widget.shadowRoot!;
      await waitFor(() => deep(root, '[part~="welcome"]')?.textContent === 'Hello <b>there</b>', 'the welcome line');
      await waitFor(() => deep(root, '[part~="office-hours"]')?.textContent?.startsWith('Back '), 'when the desk is back');
      expect(deep(root, '[part~="team"]')).to.equal(undefined);
      expect(deep(root, '.presence')?.textContent).to.equal('Offline');
      const email = await waitFor(() => deep<HTMLInputElement>(root, '[part~="offline-input"]'), 'the offer to leave an email');
      email.value = 'ada@example.org';
      deep<HTMLFormElement>(root, '[part~="offline-form"]')!.requestSubmit();
      await waitFor(
        () => deep(root, '[part~="offline-confirmation"]')?.textContent === 'We’ll reply to ada@example.org.',
        'the confirmation',
      );
      const text = `a question for later ${Math.random().toString(36).slice(2, 10)}`;
      typeAndSend(root, text);

      const reader = device(desk, service);
      await connectAll(reader);
      const conversation = await eventually(
        async () => (await reader.conversations()).find((c) => c.lastBody === text),
        'the message at the desk',
      );
      expect(conversation.context?.email).to.equal('ada@example.org');
    });
  });
}
