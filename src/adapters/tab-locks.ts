/**
 * Tabs of one site, told apart by Web Locks: the one place the core uses `navigator.locks`.
 * Each page holds a lock named after itself for as long as it lives, so another tab can tell
 * whether the page that took on some work is still there, and learn the moment it is gone.
 * Without Web Locks every page acts as if it were the only one, as before they existed.
 */
export interface TabLocks {
  /** This page's id. */
  readonly self: string;
  /** True without Web Locks: the page cannot tell whether other pages of the site live. */
  readonly alone: boolean;
  /** Calls `gone` once the page `tab` no longer lives (at once if it is gone already). */
  whenGone(tab: string, gone: () => void): void;
}

const PREFIX = 'xmpp-chat-tab:';

type Locks = {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
  request(
    name: string,
    options: { mode?: 'exclusive'; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
};

let shared: TabLocks | undefined;

/** The page's TabLocks, made on first use. */
export function tabLocks(): TabLocks {
  return (shared ??= createTabLocks());
}

const browserLocks = () => (typeof navigator === 'undefined' ? undefined : (navigator as { locks?: Locks }).locks);

/**
 * A new member of the site's tabs. Each chat is one (two widgets on a page act as two tabs); it
 * lives until the page goes, or until `lifetime` aborts.
 */
export function createTabLocks(options: { locks?: Locks | null; self?: string; lifetime?: AbortSignal } = {}): TabLocks {
  const { self = randomId(), lifetime } = options;
  const locks = options.locks === undefined ? browserLocks() : (options.locks ?? undefined);
  if (!locks) {
    // One page alone: no other page is waited for.
    return {
      self,
      alone: true,
      whenGone: () => undefined,
    };
  }
  // Held until the page goes: the browser releases it when the page closes or navigates.
  void locks.request(PREFIX + self, () => new Promise((release) => lifetime?.addEventListener('abort', release, { once: true })));
  /** Who waits to hear of each page's end: one lock request per page, however many listen. */
  const watched = new Map<string, Set<() => void>>();
  return {
    self,
    alone: false,
    whenGone(tab, gone) {
      if (tab === self) return;
      const waiting = watched.get(tab);
      if (waiting) return void waiting.add(gone);
      const listeners = new Set([gone]);
      watched.set(tab, listeners);
      // Granted only once the page that holds it has gone.
      void locks.request(PREFIX + tab, () => {
        watched.delete(tab);
        for (const listener of listeners) listener();
        return Promise.resolve();
      });
    },
  };
}

function randomId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The lead of some shared work, held by one page of the site at a time (a named Web Lock): `claim`
 * takes it if it is free, `await` queues for it and is granted the moment the page holding it goes.
 * Each returns the function that lets it go. Without Web Locks there is no lead to share: undefined.
 */
export interface Lead {
  claim(): Promise<(() => void) | undefined>;
  await(signal: AbortSignal): Promise<() => void>;
}

export function leadOf(name: string, options: { locks?: Locks | null } = {}): Lead | undefined {
  const locks = options.locks === undefined ? browserLocks() : (options.locks ?? undefined);
  if (!locks) return undefined;
  const request = (wait: { ifAvailable?: boolean; signal?: AbortSignal }) =>
    new Promise<(() => void) | undefined>((granted, failed) => {
      locks
        .request(name, wait, (lock) => {
          if (!lock) return (granted(undefined), Promise.resolve());
          // Held until let go: the browser lets it go too when the page closes or navigates.
          return new Promise<void>((release) => granted(release));
        })
        .catch(failed);
    });
  return {
    claim: () => request({ ifAvailable: true }),
    await: async (signal) => (await request({ signal }))!,
  };
}

/**
 * Runs `work` while no other page of the site runs work under the same name (a named Web Lock, held
 * until `work` settles). Without Web Locks the page cannot tell, and runs it at once.
 */
export function oneAtATime<T>(name: string, work: () => Promise<T>, options: { locks?: Locks | null } = {}): Promise<T> {
  const locks = options.locks === undefined ? browserLocks() : (options.locks ?? undefined);
  if (!locks) return work();
  return locks.request(name, work) as Promise<T>;
}
