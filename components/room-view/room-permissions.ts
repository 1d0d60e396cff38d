/**
 * What we may do in a room, by our role and affiliation (XEP-0045 §5): the room view offers only
 * what the room would allow, so a refusal is rare rather than the usual answer.
 */
import type { Occupant, RoomAffiliation, RoomInfo } from '../../src/index.ts';

const RANK: Record<RoomAffiliation, number> = { outcast: 0, none: 1, member: 2, admin: 3, owner: 4 };
const isAdmin = (o: Occupant | undefined) => o?.affiliation === 'admin' || o?.affiliation === 'owner';
const isModerator = (o: Occupant | undefined) => o?.role === 'moderator';

/** What we may do to one other occupant. */
export interface OccupantActions {
  private: boolean;
  kick: boolean;
  /** Give voice (a visitor) or take it (a participant); undefined when neither. */
  voice?: 'on' | 'off';
  /** Make them a moderator, or make them a participant again; undefined when neither. */
  moderator?: 'grant' | 'revoke';
  /** Ban their real JID: admins and owners, when the room shows it. */
  ban: boolean;
}

/**
 * A moderator kicks and gives or takes voice, but not from admins and owners (§8.2, §8.4); admins
 * and owners grant and revoke moderation, except from admins and owners (§9.6, §9.7), and ban
 * those below them whose real JID they see (§9.1).
 */
export function actionsOn(self: Occupant | undefined, target: Occupant): OccupantActions {
  const none: OccupantActions = { private: false, kick: false, ban: false };
  if (!self || target.self || target.nick === self.nick) return none;
  const protectedTarget = isAdmin(target);
  const moderating = isModerator(self) && !protectedTarget;
  return {
    private: true,
    kick: moderating,
    voice: moderating && target.role === 'visitor' ? 'on' : moderating && target.role === 'participant' ? 'off' : undefined,
    moderator: !isAdmin(self) || protectedTarget ? undefined : target.role === 'moderator' ? 'revoke' : 'grant',
    ban: isAdmin(self) && !!target.jid && RANK[target.affiliation] < RANK[self.affiliation],
  };
}

/** What we may do to the room itself. */
export interface RoomActions {
  /** Change the subject: moderators (the default of most rooms; others may be refused). */
  subject: boolean;
  invite: boolean;
  /** Remove anyone's message for everyone (XEP-0425): moderators, where the room offers it. */
  moderate: boolean;
  /** Change the room's settings: owners. */
  configure: boolean;
}

export function roomActions(self: Occupant | undefined, info: RoomInfo | undefined): RoomActions {
  return {
    subject: isModerator(self),
    // Members-only rooms may let only admins invite; the room says so if it refuses.
    invite: !!self && self.role !== 'none',
    moderate: isModerator(self) && !!info?.moderation,
    configure: self?.affiliation === 'owner',
  };
}
