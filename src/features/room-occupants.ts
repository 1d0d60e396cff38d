/**
 * A room's occupants by nickname, kept from their presence. Changes are told in batches: joining
 * a busy room brings a presence per occupant, and a page re-rendering a list of a thousand once
 * per presence would freeze; listeners hear at most once per BATCH_MS, and at once on `flush`.
 */
import type { OccupantPresence } from '../stanza/muc.ts';
import type { Occupant } from './room-types.ts';

const BATCH_MS = 30;

export interface OccupantList {
  readonly all: ReadonlyMap<string, Occupant>;
  /** Takes in an occupant's presence; `self` when the room says it is ours. */
  apply(presence: OccupantPresence, self: boolean): void;
  /** Everyone left (we left, or the session was lost). */
  clear(): void;
  /** Tells the listener now of changes not told yet. */
  flush(): void;
  /** Stops the pending notice, if any. */
  close(): void;
}

export function createOccupantList(changed: () => void): OccupantList {
  const all = new Map<string, Occupant>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer ??= setTimeout(flush, BATCH_MS);
  };
  function flush(): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    changed();
  }
  return {
    all,
    apply(presence, self) {
      if (presence.type === 'unavailable') all.delete(presence.nick);
      else {
        const occupant: Occupant = { nick: presence.nick, role: presence.role, affiliation: presence.affiliation, self };
        if (presence.jid) occupant.jid = presence.jid;
        if (presence.occupantId) occupant.occupantId = presence.occupantId;
        if (presence.show) occupant.show = presence.show;
        all.set(presence.nick, occupant);
      }
      schedule();
    },
    clear() {
      if (all.size === 0) return;
      all.clear();
      schedule();
    },
    flush,
    close() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
