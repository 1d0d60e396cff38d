/**
 * Running a room from the widget (XEP-0045 §8–10, XEP-0249, XEP-0425): the subject, invitations,
 * roles and affiliations, moderated retraction and the owner's configuration. Each call resolves
 * once the room agreed, or rejects with a RoomError saying in words what it refused and why.
 */
import type { Client } from '../client.ts';
import { StanzaError } from '../errors.ts';
import type { XmlElement } from '../stanza/element.ts';
import { buildDirectInvite, buildMediatedInvite } from '../stanza/invitation.ts';
import { parseStanzaError } from '../stanza/conditions.ts';
import {
  buildAffiliationChange,
  buildConfigGet,
  buildConfigSubmit,
  buildRoleChange,
  buildSubject,
  parseConfigFields,
  type RoomFeatures,
} from '../stanza/muc-admin.ts';
import { buildModerate } from '../stanza/moderation.ts';
import type { MessageStore, StoredMessage } from '../storage/index.ts';
import { applyModeration } from './room-intake.ts';
import type { RoomJoin } from './room-join.ts';
import { RoomError, type Room, type RoomConfig } from './room-types.ts';

/** How long the room may take to answer a subject change before we say it did not. */
const ANSWER_MS = 15_000;

const REFUSALS: Record<string, string> = {
  forbidden: 'you are not allowed to do this in this room',
  'not-allowed': 'the room does not allow this',
  'not-acceptable': 'the room does not accept this',
  'item-not-found': 'the room does not know this person or message',
  'bad-request': 'the room did not understand the request',
  conflict: 'it conflicts with the room’s current state',
  'feature-not-implemented': 'the room does not offer this',
  'service-unavailable': 'the room does not offer this, or is not available',
  'not-authorized': 'you are not allowed to do this in this room',
  timeout: 'the room did not answer',
  offline: 'you are offline',
  'jid-malformed': 'a nickname is needed',
};

/** A RoomError for a refused action: `what` failed because of `condition`, with the room's own words if any. */
export function refusal(what: string, condition: string, text?: string): RoomError {
  const why = REFUSALS[condition] ?? `the room refused (${condition})`;
  return new RoomError(condition, `Could not ${what}: ${why}.${text ? ` The room said: “${text}”` : ''}`);
}

export interface RoomAdminDeps {
  client: Client;
  store: MessageStore;
  room: string;
  /** What the room said of itself at the last join. */
  features: () => RoomFeatures | undefined;
  /** Our nickname and the room's password, as we joined. */
  join: Pick<RoomJoin, 'nick' | 'password'>;
  /** Sends a private message to an occupant's address (see rooms.ts). */
  sendPrivate: (to: string, body: string) => Promise<StoredMessage>;
}

export type RoomAdmin = Pick<
  Room,
  'setSubject' | 'invite' | 'kick' | 'ban' | 'setRole' | 'setAffiliation' | 'moderate' | 'configure' | 'sendPrivate'
> & {
  /** A message from the room: a subject change (`subject`) answers ours, an error with its id refuses it. */
  receive: (stanza: XmlElement, subject: boolean) => void;
};

export function createRoomAdmin({ client, store, room, features, join, sendPrivate }: RoomAdminDeps): RoomAdmin {
  const waiting = new Map<string, { what: string; resolve: () => void; reject: (e: RoomError) => void }>();

  async function ask(what: string, iq: XmlElement): Promise<XmlElement> {
    if (client.status !== 'connected') throw refusal(what, 'offline');
    try {
      return await client.iq(iq);
    } catch (error) {
      if (error instanceof StanzaError) throw refusal(what, error.condition, error.text);
      throw error;
    }
  }
  const done = (promise: Promise<unknown>) => promise.then(() => undefined);

  return {
    receive(stanza, subject) {
      const pending = stanza.attrs.id !== undefined ? waiting.get(stanza.attrs.id) : undefined;
      if (pending && stanza.attrs.type === 'error') {
        const error = parseStanzaError(stanza);
        pending.reject(refusal(pending.what, error?.condition ?? 'undefined-condition', error?.text));
      }
      // The room's subject message answers ours; some rooms give it an id of their own.
      if (subject) for (const each of [...waiting.values()]) each.resolve();
    },
    setSubject(subject) {
      const what = 'change the subject';
      if (client.status !== 'connected') return Promise.reject(refusal(what, 'offline'));
      const message = buildSubject(room, subject);
      const id = message.attrs.id;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => settle(() => reject(refusal(what, 'timeout'))), ANSWER_MS);
        const settle = (then: () => void) => {
          clearTimeout(timer);
          waiting.delete(id);
          then();
        };
        waiting.set(id, { what, resolve: () => settle(resolve), reject: (e) => settle(() => reject(e)) });
        client.send(message);
      });
    },
    async invite(jid, reason) {
      if (client.status !== 'connected') throw refusal(`invite ${jid}`, 'offline');
      client.send(buildDirectInvite(jid, room, reason, join.password));
      // A members-only room lets in only those it invited itself (and makes them members where we may).
      if (features()?.membersOnly) client.send(buildMediatedInvite(room, jid, reason));
      return Promise.resolve();
    },
    kick: (who, reason) => done(ask(`remove “${who}”`, buildRoleChange(room, who, 'none', reason))),
    setRole: (who, role, reason) => done(ask(`make “${who}” a ${role}`, buildRoleChange(room, who, role, reason))),
    ban: (jid, reason) => done(ask(`ban ${jid}`, buildAffiliationChange(room, jid, 'outcast', reason))),
    setAffiliation: (jid, affiliation, reason) =>
      done(
        ask(
          `make ${jid} ${affiliation === 'none' ? 'no longer affiliated' : `an ${affiliation}`}`,
          buildAffiliationChange(room, jid, affiliation, reason),
        ),
      ),
    async moderate(message, reason) {
      const what = 'remove the message';
      const version = features()?.moderation;
      if (version === undefined) throw refusal(what, 'feature-not-implemented');
      if (!message.archiveId || message.peer !== room) throw refusal(what, 'item-not-found');
      await ask(what, buildModerate(room, message.archiveId, version, reason));
      const by = join.nick;
      await applyModeration(store, room, { id: message.archiveId, ...(by ? { by: `${room}/${by}` } : {}) });
    },
    async configure(config: RoomConfig) {
      const what = 'change the room’s settings';
      const offered = parseConfigFields(await ask(what, buildConfigGet(room))) ?? new Set<string>();
      const bool = (value: boolean) => (value ? '1' : '0');
      const wanted: Record<string, string | undefined> = {
        'muc#roomconfig_roomname': config.name,
        'muc#roomconfig_persistentroom': config.persistent === undefined ? undefined : bool(config.persistent),
        'muc#roomconfig_membersonly': config.membersOnly === undefined ? undefined : bool(config.membersOnly),
        'muc#roomconfig_publicroom': config.public === undefined ? undefined : bool(config.public),
        'muc#roomconfig_passwordprotectedroom': config.password === undefined ? undefined : bool(config.password !== ''),
        'muc#roomconfig_roomsecret': config.password,
      };
      const fields = Object.fromEntries(
        Object.entries(wanted).filter((e): e is [string, string] => e[1] !== undefined && (offered.has(e[0]) || offered.size === 0)),
      );
      await ask(what, buildConfigSubmit(room, fields));
    },
    sendPrivate(to, body) {
      const occupant = to.trim();
      if (!occupant || occupant.includes('/')) return Promise.reject(refusal('send the private message', 'jid-malformed'));
      return sendPrivate(`${room}/${occupant}`, body);
    },
  };
}
