/** A contact's presence in one word: the most available show over its resources. */
import type { Availability, Contact } from '../../src/index.ts';

const RANK = ['chat', 'online', 'away', 'xa', 'dnd'];

export function presenceOf(contact: Pick<Contact, 'presence'> | undefined): Availability {
  let best: Availability = 'offline';
  for (const p of contact?.presence.values() ?? []) {
    const show = p.show ?? 'online';
    if (best === 'offline' || RANK.indexOf(show) < RANK.indexOf(best)) best = show;
  }
  return best;
}
