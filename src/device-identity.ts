/**
 * One tab at a time signs in as this device. A FAST token is bound to the device's id (XEP-0484), and
 * servers keep one session per id: ejabberd replaces the older session, Prosody binds the same
 * resource. So the tab holding the device's Web Lock signs in with the kept id and token; another tab
 * that has a password or keys signs in as a device of its own (a new id, whose token is not kept); one
 * that has only the token waits for the lock, and takes over when the tab holding it closes.
 */
import type { FastToken, FastTokenStore } from './sasl/sasl2.ts';

export interface DeviceIdentity {
  /** The store the transport uses: the device's while this tab holds it, else a passing identity's. */
  readonly store: FastTokenStore;
  /**
   * Settles once this tab may sign in: it holds the device, or signs in as its own. `waiting` is
   * called when it has to wait for another tab to close.
   */
  claim(waiting: () => void): Promise<void>;
  /** Lets the device go (signed out): another tab may take it. */
  release(): void;
}

export function deviceIdentity(device: FastTokenStore, hasSecret: boolean): DeviceIdentity {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  const name = `xmpp-chat device ${device.agentId}`;
  /** This tab's own id, while another tab holds the device. */
  let own: string | undefined;
  let held: (() => void) | undefined;
  let claiming: Promise<void> | undefined;

  /** Requests the lock; resolves whether it was granted, and keeps it until `release`. */
  const request = (ifAvailable: boolean) =>
    new Promise<boolean>((granted, failed) => {
      locks!
        .request(name, { ifAvailable }, (lock) => {
          granted(Boolean(lock));
          return lock ? new Promise<void>((resolve) => (held = resolve)) : undefined;
        })
        .catch(failed);
    });

  async function claim(waiting: () => void): Promise<void> {
    if (!locks || held || own) return; // without Web Locks, every tab signs in as the device, as before
    if (await request(true)) return;
    if (hasSecret) {
      own = crypto.randomUUID();
      return;
    }
    waiting();
    await request(false);
  }

  return {
    store: {
      get agentId() {
        return own ?? device.agentId;
      },
      load: (): Promise<FastToken | undefined> => (own ? Promise.resolve(undefined) : device.load()),
      save: (token) => (own ? Promise.resolve() : device.save(token)),
    },
    claim(waiting) {
      claiming ??= claim(waiting).finally(() => (claiming = undefined));
      return claiming;
    },
    release() {
      held?.();
      held = undefined;
      own = undefined;
    },
  };
}
