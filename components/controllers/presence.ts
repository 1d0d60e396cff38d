/** A contact's presence in one word, ranked as everywhere else (`bestAvailability` in the core). */
import { bestAvailability, type Availability, type Contact } from '../../src/index.ts';

export function presenceOf(contact: Pick<Contact, 'presence'> | undefined): Availability {
  return bestAvailability(contact?.presence.values() ?? []);
}
