/** A scripted room for the rooms tests: a fake connected client whose stanzas the test plays, and a store in memory. */
import { createTabLocks } from '../adapters/tab-locks.ts';
import type { Client, ClientEvents, ConnectionStatus } from '../client.ts';
import { Emitter } from '../events.ts';
import { parseXml } from '../stanza/dom.ts';
import { childOf, xml, type XmlElement } from '../stanza/element.ts';
import { createMemoryBackend } from '../storage/memory-backend.ts';
import { createMessageStore } from '../storage/message-store.ts';
import type { StoredMessage } from '../storage/index.ts';
import { createRooms } from './rooms.ts';

export interface SetupOptions {
  native?: boolean;
  backend?: ReturnType<typeof createMemoryBackend>;
  /** Answers some iqs before the fake client's own answers (undefined: not this one). */
  answer?: (iq: XmlElement) => Promise<XmlElement> | undefined;
}

export const ROOM = 'lobby@conference.example.org';

/** A connected client: records what is sent, answers iqs with `answer`, and lets the test play the room. */
export function fakeClient() {
  const events = new Emitter<ClientEvents>();
  const sent: XmlElement[] = [];
  const iqs: XmlElement[] = [];
  let status: ConnectionStatus = 'connected';
  let epoch = 1;
  const fake = {
    answer: (iq: XmlElement): Promise<XmlElement> => {
      if (childOf(iq, 'query', 'http://jabber.org/protocol/disco#info'))
        return Promise.resolve(
          xml(
            'iq',
            { type: 'result' },
            xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, xml('feature', { var: 'urn:xmpp:mam:2' })),
          ),
        );
      if (childOf(iq, 'query', 'urn:xmpp:mam:2'))
        return Promise.resolve(xml('iq', { type: 'result' }, xml('fin', { xmlns: 'urn:xmpp:mam:2', complete: 'true' })));
      return Promise.resolve(xml('iq', { type: 'result' }));
    },
  };
  const client = {
    get status() {
      return status;
    },
    get epoch() {
      return epoch;
    },
    send: (stanza: XmlElement) => void sent.push(stanza),
    iq: (stanza: XmlElement) => {
      iqs.push(stanza);
      return fake.answer(stanza);
    },
    on: (type: keyof ClientEvents, listener: (detail: unknown) => void) => events.on(type, listener),
  } as unknown as Client;
  const available = new Emitter<{ available: undefined }>();
  return {
    fake,
    client,
    sent,
    iqs,
    available,
    receive: (text: string) => events.emit('stanza', parseXml(text)),
    newSession() {
      epoch += 1;
      status = 'connected';
      events.emit('online', { jid: 'me@example.org/x', resumed: false, mechanism: 'PLAIN', streamFeatures: [] });
      available.emit('available', undefined);
    },
  };
}

/** Rooms over a fake client; `native` says whether the account keeps XEP-0402 bookmarks; `backend` shares a store's records (a reload). */
export function setup({ native = true, backend = createMemoryBackend(), answer }: SetupOptions = {}) {
  const c = fakeClient();
  if (answer) {
    const fallback = c.fake.answer;
    c.fake.answer = (iq) => answer(iq) ?? fallback(iq);
  }
  const shown = new Set<(hidden: boolean) => void>();
  const store = createMessageStore('me@example.org', { backend, channelName: `rooms-${Math.random()}` });
  const privates: { peer: string; body: string; payload: XmlElement[] }[] = [];
  const errors: unknown[] = [];
  const rooms = createRooms({
    client: c.client,
    store,
    tabs: createTabLocks({ locks: null }),
    account: () => 'me@example.org',
    available: (listener) => c.available.on('available', listener),
    isAvailable: () => true,
    disco: { ready: Promise.resolve(), has: (feature) => native && feature === 'urn:xmpp:bookmarks:1#compat' },
    messaging: {
      send: (peer, body, options = {}) => {
        privates.push({ peer, body, payload: options.payload ?? [] });
        const message: StoredMessage = {
          key: `pm-${privates.length}`,
          peer,
          body,
          direction: 'out',
          time: Date.now(),
          state: 'pending',
          ids: [],
        };
        return Promise.resolve(message);
      },
    },
    report: (error) => errors.push(error),
    visibility: {
      hidden: false,
      onChange: (listener) => {
        shown.add(listener);
        return () => shown.delete(listener);
      },
    },
  });
  const pageShown = () => shown.forEach((listener) => listener(false));
  return { ...c, store, rooms, pageShown, privates, errors };
}

/** Waits for `check` (which may be async) to hold. */
export const until = async (check: () => unknown, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};
export const joinsSent = (sent: XmlElement[]) =>
  sent.filter((s) => s.name === 'presence' && childOf(s, 'x', 'http://jabber.org/protocol/muc'));
/** Joins ROOM as `me` (with `extra` item attributes) and resolves once in. */
export async function joinedRoom(t: ReturnType<typeof setup>, extra = "affiliation='owner' role='moderator'") {
  const room = t.rooms.room(ROOM);
  const joining = room.join('me');
  await until(() => joinsSent(t.sent).length === 1, 'the join presence');
  t.receive(occupant('me', [110], extra));
  await joining;
  return room;
}

export const occupant = (nick: string, codes: number[] = [], extra = "affiliation='none' role='participant'") =>
  `<presence from='${ROOM}/${nick}'><x xmlns='http://jabber.org/protocol/muc#user'><item ${extra}/>${codes
    .map((c) => `<status code='${c}'/>`)
    .join('')}</x></presence>`;
