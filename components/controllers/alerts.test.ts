import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Alerts, browserEnvironment, type AlertEnvironment, type ChimeContext, type NotificationConstructor } from './alerts.ts';

/** An AudioContext that records the tones it is asked to play. */
function fakeAudio(state: AudioContextState = 'running', resume?: () => Promise<void>) {
  const tones: number[] = [];
  const peaks: number[] = [];
  const node = { connect: (next: unknown) => next };
  const context = {
    state,
    currentTime: 0,
    destination: node,
    resume: resume ?? (async () => void (context.state = 'running')),
    close: async () => void (context.state = 'closed'),
    createOscillator: () => ({
      ...node,
      type: '',
      start() {},
      stop() {},
      frequency: { setValueAtTime: (hz: number) => tones.push(hz) },
    }),
    createGain: () => ({
      ...node,
      gain: { setValueAtTime() {}, exponentialRampToValueAtTime: (value: number) => peaks.push(value) },
    }),
  };
  return { context: context as unknown as ChimeContext & { state: AudioContextState }, tones, peaks };
}

/** Notification as the page would see it, keeping what it shows. */
function fakeNotifications(permission: NotificationPermission = 'granted') {
  const shown: { title: string; options?: NotificationOptions; closed: boolean; onclick: (() => void) | null }[] = [];
  class FakeNotification {
    static permission = permission;
    onclick: (() => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options?: NotificationOptions,
    ) {
      shown.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  return { Notification: FakeNotification as unknown as NotificationConstructor & { permission: NotificationPermission }, shown };
}

function environment(overrides: Partial<AlertEnvironment> = {}) {
  const audio = fakeAudio();
  const notes = fakeNotifications();
  const page = { hidden: false, focused: true, hasFocus: () => page.focused };
  const scheduled: { run: () => void; ms: number }[] = [];
  let focused = 0;
  const env: AlertEnvironment = {
    document: page,
    locks: navigator.locks,
    Notification: notes.Notification,
    createAudioContext: () => audio.context,
    focus: () => void (focused += 1),
    // Short waits really wait; long ones (a lock held, a notification open) are run by the test.
    later: (run, ms) => {
      if (ms < 1000) {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      }
      const entry = { run, ms };
      scheduled.push(entry);
      return () => void scheduled.splice(scheduled.indexOf(entry), 1);
    },
    ...overrides,
  };
  return { env, audio, notes, page, scheduled, focused: () => focused };
}

const message = (peer = 'ada@example.org', body = 'Hello!') => ({ key: crypto.randomUUID(), peer, title: 'New message from Ada', body });
const on = { sound: () => true, notifications: () => true };

/** A host that connects its controllers at once, and disconnects them on demand. */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  return {
    addController: (c: ReactiveController) => {
      controllers.push(c);
      c.hostConnected?.();
    },
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
    disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()),
  } satisfies ReactiveControllerHost & { disconnect(): void };
}

describe('Alerts', () => {
  it('chimes two quiet sine tones once per message', async () => {
    const { env, audio } = environment();
    let made = 0;
    const alerts = new Alerts(fakeHost(), on, { ...env, createAudioContext: () => (made++, audio.context) });
    expect(made, 'no AudioContext before the first chime').to.equal(0);
    const first = message();
    expect(await alerts.incoming(first)).to.equal(true);
    expect(await alerts.incoming(first), 'the same message again').to.equal(false);
    expect(audio.tones).to.deep.equal([659.25, 987.77]);
    expect(Math.max(...audio.peaks)).to.be.at.most(0.1);
    await alerts.incoming(message());
    expect([made, audio.tones.length]).to.deep.equal([1, 4]);
  });

  it('notifies only while the page is not looked at, one notification per conversation', async () => {
    const { env, notes, page, scheduled, focused } = environment();
    const activated: string[] = [];
    const alerts = new Alerts(
      fakeHost(),
      { sound: () => false, notifications: () => true, onActivate: (peer) => activated.push(peer) },
      env,
    );
    expect(await alerts.incoming(message()), 'visible and focused: nothing to do').to.equal(false);
    page.focused = false;
    const long = `Line one\n\n${'x'.repeat(200)}`;
    expect(await alerts.incoming(message('ada@example.org', long))).to.equal(true);
    page.hidden = true;
    await alerts.incoming(message('bob@example.org'));

    const [ada, bob] = notes.shown;
    expect([ada.title, ada.options?.tag, bob.options?.tag]).to.deep.equal(['New message from Ada', 'ada@example.org', 'bob@example.org']);
    expect([...ada.options!.body!]).to.have.length(140);
    expect(ada.options!.body).to.match(/^Line one x+…$/);
    ada.onclick!();
    expect([focused(), activated, ada.closed]).to.deep.equal([1, ['ada@example.org'], true]);
    const closing = scheduled.filter(({ ms }) => ms === 10_000);
    expect(closing).to.have.length(2);
    closing.forEach(({ run }) => run());
    expect(bob.closed, 'closed after 10 s').to.equal(true);
  });

  it('asks for nothing it may not do', async () => {
    const denied = environment({ Notification: fakeNotifications('denied').Notification });
    denied.page.hidden = true;
    const alerts = new Alerts(fakeHost(), { sound: () => false, notifications: () => true }, denied.env);
    expect(alerts.permission).to.equal('denied');
    expect(await alerts.incoming(message())).to.equal(false);
    const none = new Alerts(fakeHost(), on, environment({ Notification: undefined, createAudioContext: undefined }).env);
    expect(none.permission).to.equal('unsupported');
  });

  it('skips the chime, and says why, while the browser keeps the audio suspended', async () => {
    const blocked = fakeAudio('suspended', () => new Promise(() => {}));
    const said: string[] = [];
    const alerts = new Alerts(
      fakeHost(),
      { ...on, debug: (why) => said.push(why) },
      environment({ createAudioContext: () => blocked.context }).env,
    );
    expect(await alerts.incoming(message())).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(blocked.tones).to.deep.equal([]);
    expect(said.join()).to.match(/interacts with the page/);

    const resumable = fakeAudio('suspended');
    await new Alerts(fakeHost(), on, environment({ createAudioContext: () => resumable.context }).env).incoming(message());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(resumable.tones, 'resumed in time').to.have.length(2);
  });

  it('lets one tab alert per message: the first to take its lock, or without locks the visible one', async () => {
    const [a, b] = [environment(), environment()];
    const quiet = new Alerts(fakeHost(), { sound: () => false, notifications: () => false }, environment().env);
    const shared = message();
    expect(await quiet.incoming(shared), 'a tab with nothing to do takes no lock').to.equal(false);
    b.page.hidden = true;
    const won = await Promise.all([new Alerts(fakeHost(), on, b.env).incoming(shared), new Alerts(fakeHost(), on, a.env).incoming(shared)]);
    expect(won, 'the visible tab first').to.deep.equal([false, true]);
    expect(
      a.scheduled.map(({ ms }) => ms),
      'the lock is held for a minute',
    ).to.include(60_000);

    const [looking, away] = [environment(), environment()];
    away.page.hidden = true;
    const read = message();
    const results = await Promise.all([
      new Alerts(fakeHost(), on, away.env).incoming(read),
      new Alerts(fakeHost(), on, looking.env).incoming(read, { onScreen: true }),
    ]);
    expect(results, 'a tab showing the message claims it, and no tab alerts').to.deep.equal([false, false]);
    expect(away.audio.tones, 'no chime in the hidden tab').to.have.length(0);

    const [seen, unseen] = [environment({ locks: undefined }), environment({ locks: undefined })];
    unseen.page.hidden = true;
    const other = message();
    expect([
      await new Alerts(fakeHost(), on, seen.env).incoming(other),
      await new Alerts(fakeHost(), on, unseen.env).incoming(other),
    ]).to.deep.equal([true, false]);
  });

  it('never throws into the page with the browser’s own audio: it chimes or says why not', async () => {
    const said: string[] = [];
    const host = fakeHost();
    const alerts = new Alerts(host, { sound: () => true, notifications: () => false, debug: (why) => said.push(why) });
    expect(await alerts.incoming(message())).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Headless Chromium has had no click, so its autoplay policy keeps the AudioContext suspended.
    expect(said.join(), said.join()).to.match(/^$|interacts with the page/);
    host.disconnect();
  });

  it('stops when its element leaves the page: audio closed, notifications closed, locks released, no more alerts', async () => {
    const { env, audio, notes, page, scheduled } = environment();
    page.hidden = true;
    const el = document.createElement('test-alerts-host') as AlertsHost;
    document.body.append(el);
    const alerts = new Alerts(el, on, env);
    const first = message();
    expect(await alerts.incoming(first)).to.equal(true);
    expect([audio.context.state, notes.shown.length, scheduled.length]).to.deep.equal(['running', 1, 2]);
    const held = async () => ((await navigator.locks.query()).held ?? []).map(({ name }) => name);
    expect(await held()).to.include(`xmpp-chat-alert:${first.key}`);

    el.remove();
    expect(audio.context.state, 'AudioContext closed').to.equal('closed');
    expect([notes.shown[0].closed, scheduled.length], 'notification closed, no timer left').to.deep.equal([true, 0]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await held()).to.not.include(`xmpp-chat-alert:${first.key}`);
    expect(await alerts.incoming(message()), 'removed: no alert').to.equal(false);
    expect([notes.shown.length, audio.tones.length]).to.deep.equal([1, 2]);

    document.body.append(el);
    expect(await alerts.incoming(message()), 'back on the page').to.equal(true);
    el.remove();
  });

  it('alerts in exactly one of two same-origin pages, through the real Web Locks', async () => {
    const frames = await Promise.all(['first', 'second', 'late'].map(framedAlerts));
    const chimes = () => frames.map(({ chimes }) => chimes());
    try {
      const [first, second, late] = frames.map(({ alerts }) => alerts);
      expect(first, 'each page runs its own copy').to.not.be.instanceOf(Alerts);
      const shared = message();
      const won = await Promise.all([first.incoming(shared), second.incoming(shared)]);
      expect(won.filter(Boolean), 'one page won').to.have.length(1);
      expect(chimes().sort()).to.deep.equal([0, 0, 1]);
      const { held = [] } = await navigator.locks.query();
      expect(held.map(({ name }) => name)).to.include(`xmpp-chat-alert:${shared.key}`);
      expect(await late.incoming(shared), 'a page getting it later').to.equal(false);
      expect(await second.incoming(message()), 'the next message').to.equal(true);
      expect(chimes().reduce((a, b) => a + b)).to.equal(2);
    } finally {
      frames.forEach(({ frame }) => frame.remove());
    }
  });

  it('constructs a real Notification once the page may show them', async () => {
    await executeServerCommand('grant-notifications');
    try {
      expect(Notification.permission).to.equal('granted');
      const made: Notification[] = [];
      class Spy extends Notification {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          made.push(this);
        }
      }
      const activated: string[] = [];
      const alerts = new Alerts(
        fakeHost(),
        { sound: () => false, notifications: () => true, onActivate: (peer) => activated.push(peer) },
        { ...browserEnvironment(), document: { hidden: true, hasFocus: () => false }, Notification: Spy },
      );
      expect(alerts.permission).to.equal('granted');
      expect(await alerts.incoming(message('ada@example.org', 'Is the blue teapot in stock?'))).to.equal(true);
      expect(made.map(({ title, body, tag }) => [title, body, tag])).to.deep.equal([
        ['New message from Ada', 'Is the blue teapot in stock?', 'ada@example.org'],
      ]);
      // Headless Chromium shows it (the event fires a task after the constructor, so none is missed).
      const shown = await new Promise((resolve) => {
        made[0].addEventListener('show', () => resolve('show'));
        made[0].addEventListener('error', () => resolve('error'));
      });
      expect(shown).to.equal('show');
      made[0].dispatchEvent(new Event('click'));
      expect(activated).to.deep.equal(['ada@example.org']);
    } finally {
      await executeServerCommand('grant-notifications', { revoke: true });
    }
  });
});

class AlertsHost extends LitElement {}
customElements.define('test-alerts-host', AlertsHost);

/** A same-origin page with its own copy of the Alerts module and its own Web Locks, chiming into a fake. */
async function framedAlerts(name: string) {
  const frame = document.createElement('iframe');
  frame.title = name;
  frame.srcdoc = `<script type="module">
    import * as module from '/components/controllers/alerts.ts';
    window.alertsModule = module;
  </script>`;
  document.body.append(frame);
  const win = frame.contentWindow as Window & { alertsModule?: typeof import('./alerts.ts') };
  for (const start = Date.now(); !win.alertsModule;) {
    if (Date.now() - start > 10_000) throw new Error(`the ${name} page did not load Alerts`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { Alerts: FramedAlerts, browserEnvironment: framedEnvironment } = win.alertsModule;
  const audio = fakeAudio();
  const alerts = new FramedAlerts(
    fakeHost(),
    { sound: () => true, notifications: () => false },
    { ...framedEnvironment(), createAudioContext: () => audio.context },
  );
  return { frame, alerts, chimes: () => audio.tones.length / 2 };
}
