import { expect } from '@esm-bundle/chai';
import type { Contact, Presence, Show } from '../../src/index.ts';
import { buildRows } from '../contact-list/contact-rows.ts';
import { presenceOf } from './presence.ts';

const contact = (...shows: (Show | undefined)[]): Contact => ({
  jid: 'ada@example.org',
  subscription: 'both',
  groups: [],
  presence: new Map(shows.map((show, i): [string, Presence] => [`r${i}`, { type: 'available', show, priority: 0 }])),
});

describe('presenceOf', () => {
  it('agrees with the contact list for every pair of resources (they once ranked busy and away differently)', () => {
    const shows: (Show | undefined)[] = ['chat', undefined, 'dnd', 'away', 'xa'];
    for (const a of shows)
      for (const b of shows) {
        const ada = contact(a, b);
        expect(presenceOf(ada), `${a} + ${b}`).to.equal(buildRows([ada], [], 'en')[0].availability);
      }
    expect(presenceOf(contact('away', 'dnd'))).to.equal('dnd');
    expect(presenceOf(undefined)).to.equal('offline');
  });
});
