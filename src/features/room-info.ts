/**
 * What a room says of itself: its disco#info (XEP-0045 §6.4), read after each join and again when
 * the room says its configuration changed (status 104), and its subject (§8.1), kept with the
 * room's history so that a reload shows it before the room sends it again.
 */
import type { Client } from '../client.ts';
import type { MessageStore } from '../storage/index.ts';
import { buildDiscoInfoGet } from '../stanza/disco.ts';
import { parseRoomInfo, type RoomFeatures } from '../stanza/muc-admin.ts';
import type { RoomInfo } from './room-types.ts';

export interface RoomInfoReader {
  /** As the room said it last; undefined before the first join. */
  readonly features: RoomFeatures | undefined;
  readonly info: RoomInfo | undefined;
  /** Asks the room again; `changed` hears the answer. */
  read(): Promise<void>;
}

export function createRoomInfo(client: Client, room: string, changed: (info: RoomInfo) => void): RoomInfoReader {
  let features: RoomFeatures | undefined;
  let info: RoomInfo | undefined;
  return {
    get features() {
      return features;
    },
    get info() {
      return info;
    },
    async read() {
      const read = parseRoomInfo(await client.iq(buildDiscoInfoGet(room)));
      if (!read) return;
      features = read;
      const { moderation, ...rest } = read;
      info = { ...rest, moderation: moderation !== undefined };
      changed(info);
    },
  };
}

/** The room's subject: the last one the room sent, or the one kept from before until it does. */
export function createRoomSubject(
  store: MessageStore,
  room: string,
  changed: (subject: string | undefined) => void,
  report: (e: unknown) => void,
) {
  const meta = `room-subject:${room}`;
  let current: string | undefined;
  let heard = false;
  void store.getMeta<string>(meta).then((kept) => {
    if (heard || kept === undefined) return;
    current = kept || undefined;
    changed(current);
  }, report);
  return {
    get current() {
      return current;
    },
    /** The room sent its subject (empty: there is none). */
    heard(subject: string) {
      heard = true;
      current = subject || undefined;
      void store.setMeta(meta, subject).catch(report);
      changed(current);
    },
  };
}
