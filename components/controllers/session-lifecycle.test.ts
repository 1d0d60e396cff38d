import { expect } from '@esm-bundle/chai';
import type { WidgetConfig } from '../xmpp-chat/panel-contract.ts';
import type { ChatSession } from './chat-session.ts';
import { SessionLifecycle, type LifecycleHost } from './session-lifecycle.ts';
import { VisitorIntake } from './visitor-intake.ts';

describe('SessionLifecycle', () => {
  it('reports code that fails to load, and leaves no failure unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    addEventListener('unhandledrejection', onUnhandled);
    const config: WidgetConfig = { mode: 'full', anonymous: true, debug: false, service: 'ws://127.0.0.1:9/', domain: 'anon.invalid' };
    const reported: string[] = [];
    let current: ChatSession | undefined;
    const host: LifecycleHost = {
      config,
      active: false, // nothing connects
      intake: new VisitorIntake(() => config),
      get session() {
        return current;
      },
      replace(session) {
        void current?.close();
        current = session;
      },
      report: (error) => reported.push(error.message),
      failed: (error) => reported.push(error.message),
      fullMode: () => Promise.reject(new Error('The full mode could not be loaded.')),
    };
    try {
      new SessionLifecycle(host).start();
      await new Promise((r) => setTimeout(r, 50));
      expect(current, 'the session is made all the same').to.exist;
      // Asked for once, by the session (after its sign-in: here at once, as nothing connects).
      expect(reported).to.deep.equal(['The full mode could not be loaded.']);
      expect(unhandled).to.deep.equal([]);
    } finally {
      host.replace(undefined);
      removeEventListener('unhandledrejection', onUnhandled);
    }
  });

  it("gives full mode's session the agent's name: typed at login, else the site's, and a new one starts anew", () => {
    const config: WidgetConfig = {
      mode: 'full',
      anonymous: false,
      debug: false,
      service: 'ws://127.0.0.1:9/',
      jid: 'support@example.org',
      password: 'secret',
      agentName: ' Ann\u202e ',
    };
    const sessions: ChatSession[] = [];
    const host: LifecycleHost = {
      config,
      active: false, // nothing connects
      intake: new VisitorIntake(() => config),
      get session() {
        return sessions.at(-1);
      },
      replace(session) {
        void sessions.at(-1)?.close();
        if (session) sessions.push(session);
      },
      report: (error) => expect.fail(error.message),
      failed: (error) => expect.fail(error.message),
      fullMode: () => new Promise(() => {}), // never needed here
    };
    const lifecycle = new SessionLifecycle(host);
    const names = () => sessions.map((s) => [s.config.agentName, s.config.messageNick]);
    try {
      lifecycle.start();
      expect(names()).to.deep.equal([['Ann', 'Ann']]);
      lifecycle.configChanged();
      expect(sessions, 'nothing changed: the same session').to.have.length(1);
      config.agentName = 'Bo';
      lifecycle.configChanged();
      expect(names()).to.deep.equal([
        ['Ann', 'Ann'],
        ['Bo', 'Bo'],
      ]);
      lifecycle.login({ jid: 'support@example.org', password: 'secret', name: 'Cy' });
      expect(names().at(-1)).to.deep.equal(['Cy', 'Cy']);
      lifecycle.login({ jid: 'support@example.org', password: 'secret' });
      expect(names().at(-1), 'no name typed: the site’s').to.deep.equal(['Bo', 'Bo']);
    } finally {
      host.replace(undefined);
    }
  });
});
