/**
 * Alerts for incoming messages: a short, quiet chime, and a desktop notification while the page
 * is not looked at. When several tabs of a site run the widget, exactly one alerts per message:
 * the first to take the message's Web Lock, which it holds long enough that a tab getting the
 * same message later finds it taken. Strings come from the caller; this class shows them as given.
 * A reactive controller of the element that shows the messages: when it leaves the page, alerts
 * stop, the audio closes, open notifications close and held locks are released.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { notificationPermission } from './notification-permission.ts';

/** The audio a chime needs (a subset of AudioContext). */
export type ChimeContext = Pick<
  AudioContext,
  'state' | 'currentTime' | 'destination' | 'resume' | 'close' | 'createOscillator' | 'createGain'
>;

/** A Notification constructor with its permission. */
export type NotificationConstructor = Pick<typeof Notification, 'permission'> &
  (new (title: string, options?: NotificationOptions) => Notification);

/** What the browser offers; injected so tests can watch. */
export interface AlertEnvironment {
  document: Pick<Document, 'hidden' | 'hasFocus'>;
  /** Web Locks; absent in older browsers and on plain http (then only a visible tab alerts). */
  locks?: Pick<LockManager, 'request'>;
  Notification?: NotificationConstructor;
  /** Makes the AudioContext, on the first chime; absent where there is no Web Audio. */
  createAudioContext?: () => ChimeContext;
  /** Brings the page's window to the front. */
  focus: () => void;
  /** Runs `run` after `ms` milliseconds; returns the function that cancels it. */
  later: (run: () => void, ms: number) => () => void;
}

export interface AlertOptions {
  /** Whether to chime; asked at each message. */
  sound: () => boolean;
  /** Whether desktop notifications are wanted; asked at each message. */
  notifications: () => boolean;
  /** A notification was clicked: open the conversation with `peer`. */
  onActivate?: (peer: string) => void;
  /** Told why an alert was skipped or failed; the page itself never sees an error. */
  debug?: (message: string, error?: unknown) => void;
}

export interface IncomingMessage {
  /** The message's identity, the same in every tab (its stanza or archive id). */
  key: string;
  /** The conversation it belongs to; its notifications replace each other. */
  peer: string;
  /** The notification's title, e.g. "New message from Ada". */
  title: string;
  /** The message text. */
  body: string;
}

/** How long a tab holds a message's lock: longer than any other tab may take to get it. */
const HOLD_MS = 60_000;
const CLOSE_MS = 10_000;
/** Hidden tabs ask for a message's lock this much later, so a tab the visitor sees wins. */
const HIDDEN_DELAY_MS = 300;
/** How long a suspended AudioContext may take to resume before the chime is skipped. */
const RESUME_MS = 200;
const BODY_MAX = 140;
const REMEMBERED = 500;

/** The browser's own environment. */
export function browserEnvironment(): AlertEnvironment {
  const Audio = globalThis.AudioContext;
  return {
    document,
    locks: 'locks' in navigator ? navigator.locks : undefined,
    Notification: globalThis.Notification,
    createAudioContext: Audio && (() => new Audio()),
    focus: () => window.focus(),
    later: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  };
}

export class Alerts implements ReactiveController {
  /** Messages this tab has already alerted for, or decided not to. */
  readonly #seen = new Set<string>();
  #audio?: ChimeContext;
  #connected = false;
  /** Timers still to come (waits, notifications to close, locks to release), by their cancel function. */
  readonly #timers = new Map<() => void, () => void>();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: AlertOptions,
    private readonly env: AlertEnvironment = browserEnvironment(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  /** Alerts still to come are not made; what a timer would have done later (end a wait, close a notification, release a lock) is done now. */
  hostDisconnected(): void {
    this.#connected = false;
    const timers = [...this.#timers];
    this.#timers.clear();
    for (const [cancel, run] of timers) {
      cancel();
      run();
    }
    this.#audio?.close().catch((error: unknown) => this.#debug('The audio did not close.', error));
    this.#audio = undefined;
  }

  /** The page's notification permission, or `unsupported` where there are no notifications. */
  get permission(): NotificationPermission | 'unsupported' {
    return notificationPermission(this.env.Notification);
  }

  /**
   * A new message came in: chime and notify, unless this tab or another already did. `onScreen`:
   * the reader is looking at it in this tab, which only claims it. Resolves whether this tab alerted.
   */
  async incoming(message: IncomingMessage, { onScreen = false } = {}): Promise<boolean> {
    if (!this.#connected || this.#seen.has(message.key)) return false;
    this.#seen.add(message.key);
    if (this.#seen.size > REMEMBERED) this.#seen.delete(this.#seen.values().next().value!);
    // The reader sees it here: this tab claims it, so that no other tab alerts.
    if (onScreen) return this.#claim(message.key).then(() => false);
    const chime = this.options.sound();
    const { hidden } = this.env.document;
    const notify = this.options.notifications() && (hidden || !this.env.document.hasFocus()) && this.permission === 'granted';
    // A tab with nothing to do takes no lock, so another tab may still alert.
    if (!chime && !notify) return false;
    if (hidden) await this.#wait(HIDDEN_DELAY_MS);
    if (!(await this.#claim(message.key)) || !this.#connected) return false;
    if (chime) void this.#chime();
    if (notify) this.#notify(message);
    return true;
  }

  #claim(key: string): Promise<boolean> {
    const { locks, document } = this.env;
    // Without Web Locks the tabs cannot agree: the one the visitor sees alerts.
    if (!locks) return Promise.resolve(!document.hidden);
    return new Promise((resolve) => {
      locks
        .request(`xmpp-chat-alert:${key}`, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          // Held on to, so that a tab getting this message later finds it taken.
          return lock && new Promise<void>((release) => this.#later(release, HOLD_MS));
        })
        .catch((error: unknown) => {
          this.#debug('Web Locks refused the request; alerting only if this tab is visible.', error);
          resolve(!document.hidden);
        });
    });
  }

  async #chime(): Promise<void> {
    try {
      const audio = (this.#audio ??= this.env.createAudioContext?.());
      if (!audio) return this.#debug('This browser has no Web Audio: no chime.');
      if (audio.state !== 'running') {
        // Autoplay policy: until the visitor has interacted with the page, resume() waits for a
        // gesture (Chrome) or fails. A chime that late would be a riddle, so it is skipped.
        const resumed = audio.resume().catch((error: unknown) => this.#debug('The audio did not resume.', error));
        await Promise.race([resumed, this.#wait(RESUME_MS)]);
      }
      if (audio.state !== 'running')
        return this.#debug('Chime skipped: the browser allows sound only after the visitor interacts with the page.');
      playChime(audio);
    } catch (error) {
      this.#debug('The chime failed.', error);
    }
  }

  #notify({ peer, title, body }: IncomingMessage): void {
    try {
      const note = new this.env.Notification!(title, { body: plain(body), tag: peer });
      note.onclick = () => {
        this.env.focus();
        this.options.onActivate?.(peer);
        note.close();
      };
      this.#later(() => note.close(), CLOSE_MS);
    } catch (error) {
      // Chrome on Android, for one, shows notifications only through a service worker.
      this.#debug('The notification could not be shown.', error);
    }
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.#later(resolve, ms));
  }

  #later(run: () => void, ms: number): void {
    const cancel = this.env.later(() => {
      this.#timers.delete(cancel);
      run();
    }, ms);
    this.#timers.set(cancel, run);
  }

  #debug(message: string, error?: unknown): void {
    this.options.debug?.(message, error);
  }
}

/** Two short, soft sine tones rising a fifth (E5, B5). */
function playChime(audio: ChimeContext): void {
  const start = audio.currentTime + 0.01;
  for (const [frequency, offset] of [
    [659.25, 0],
    [987.77, 0.13],
  ]) {
    const at = start + offset;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'sine';
    tone.frequency.setValueAtTime(frequency, at);
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.08, at + 0.015);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.22);
  }
}

/** The body on one line, at most BODY_MAX characters (whole code points, so no emoji is cut in half). */
function plain(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > BODY_MAX
    ? `${chars
        .slice(0, BODY_MAX - 1)
        .join('')
        .trimEnd()}…`
    : chars.join('');
}
