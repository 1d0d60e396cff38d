/** The room's occupants in the order the list shows them, each with the label of its standing. */
import type { Occupant } from '../../src/index.ts';
import type { MessageKey } from '../i18n/i18n.ts';

const ROLE_RANK = { moderator: 0, participant: 1, visitor: 2, none: 3 } as const;
const AFFILIATION_RANK = { owner: 0, admin: 1, member: 2, none: 3, outcast: 4 } as const;

export interface OccupantRow {
  occupant: Occupant;
  /** What the room lets them do, in a word; undefined for a plain participant. */
  label?: MessageKey;
}

/** Moderators first, then participants, then those who may only read; within each, owners and admins first, then by nickname. */
export function occupantRows(occupants: Iterable<Occupant>, lang: string): OccupantRow[] {
  const collator = new Intl.Collator(lang || undefined, { sensitivity: 'base' });
  return [...occupants]
    .sort(
      (a, b) =>
        ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
        AFFILIATION_RANK[a.affiliation] - AFFILIATION_RANK[b.affiliation] ||
        collator.compare(a.nick, b.nick),
    )
    .map((occupant) => ({ occupant, label: labelOf(occupant) }));
}

function labelOf({ role, affiliation }: Occupant): MessageKey | undefined {
  if (affiliation === 'owner') return 'room.owner';
  if (affiliation === 'admin') return 'room.admin';
  if (role === 'moderator') return 'room.moderator';
  if (role === 'visitor') return 'room.visitor';
  if (affiliation === 'member') return 'room.member';
  return undefined;
}
