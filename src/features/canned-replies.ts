/**
 * Canned replies (a support agent's saved answers), kept in the account's private storage
 * (XEP-0049) so that every device of the agent shares them. The list is fetched only once someone
 * asks for it — a visitor's widget never does — and again after each new (not resumed) session,
 * since another device may have changed it meanwhile.
 *
 * Private storage only replaces a whole document, so a save or removal reads the stored list,
 * changes it and writes it back; these run one at a time, and re-read first so that a change made
 * on another device since the last fetch is not overwritten.
 */
import { createSerialQueue } from './serially.ts';
import type { Client } from '../client.ts';
import { XmppChatError } from '../errors.ts';
import { Emitter } from '../events.ts';
import {
  buildRepliesGet,
  buildRepliesSet,
  lengthOf,
  oneLine,
  parseReplies,
  REPLY_LIMITS,
  validId,
  type CannedReply,
} from '../stanza/canned-replies.ts';
import { toXmlString } from '../stanza/element.ts';
import { newStanzaId } from '../stanza/message.ts';

/**
 * Servers refuse (or end the stream over) stanzas above a size limit, 256 KiB by default in
 * Prosody; the stored list stays well below it.
 */
const MAX_STORED_BYTES = 200_000;

export type CannedReplyCondition = 'invalid-reply' | 'too-many-replies' | 'too-large' | 'unexpected-answer';

/** A reply could not be saved as given, or the server's answer held no readable list. */
export class CannedReplyError extends XmppChatError {
  override readonly name = 'CannedReplyError';
  constructor(
    readonly condition: CannedReplyCondition,
    message: string,
  ) {
    super(message);
  }
}

export interface CannedRepliesEvents extends Record<string, unknown> {
  /** The list changed: fetched, saved or removed. */
  changed: readonly CannedReply[];
  /** Fetching the list again for a new session failed (a `list()` call rejects instead). */
  error: Error;
}

/** What `save` takes: without an id it adds a reply, with one it replaces (or adds) that reply. */
export interface CannedReplyInput {
  id?: string;
  title: string;
  text: string;
}

export interface CannedReplies {
  /** The replies as last fetched or saved; empty until `list()` has been called. */
  readonly replies: readonly CannedReply[];
  /** The stored replies, fetched on the first call of a session and then kept. */
  list(): Promise<CannedReply[]>;
  /** Saves a reply (its title put on one line, its text trimmed) and resolves with it as stored. */
  save(reply: CannedReplyInput): Promise<CannedReply>;
  /** Removes the reply with this id; resolves as well when there is none. */
  remove(id: string): Promise<void>;
  on<K extends keyof CannedRepliesEvents>(type: K, listener: (detail: CannedRepliesEvents[K]) => void): () => void;
}

/** The reply as it will be stored; throws a CannedReplyError for one that cannot be. */
function checked(input: CannedReplyInput): CannedReply {
  const id = input.id ?? newStanzaId();
  const title = oneLine(input.title);
  // As XML parsers will read it back: line ends become \n.
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  const invalid = (message: string) => new CannedReplyError('invalid-reply', message);
  if (!validId(id)) throw invalid(`A reply's id must not be blank or longer than ${REPLY_LIMITS.id} characters.`);
  if (title === '' || text === '') throw invalid('A reply needs a title and a text.');
  if (lengthOf(title) > REPLY_LIMITS.title) throw invalid(`A reply's title can have at most ${REPLY_LIMITS.title} characters.`);
  if (lengthOf(text) > REPLY_LIMITS.text) throw invalid(`A reply's text can have at most ${REPLY_LIMITS.text} characters.`);
  return { id, title, text };
}

const sameList = (a: readonly CannedReply[], b: readonly CannedReply[]) =>
  a.length === b.length && a.every((r, i) => r.id === b[i].id && r.title === b[i].title && r.text === b[i].text);

export interface CannedRepliesDeps {
  /** The connection of the agent whose replies these are: they are kept in its private XML storage. */
  client: Client;
}

export function createCannedReplies({ client }: CannedRepliesDeps): CannedReplies {
  const events = new Emitter<CannedRepliesEvents>();
  let replies: readonly CannedReply[] = [];
  /** Someone asked for the list, so new sessions fetch it again. */
  let wanted = false;
  /** The list is current for this session. */
  let fresh = false;
  let fetching: Promise<CannedReply[]> | undefined;
  /** Server round trips one at a time, in the order asked for. */
  const serially = createSerialQueue();

  const read = async (): Promise<CannedReply[]> => {
    const list = parseReplies(await client.iq(buildRepliesGet()));
    if (!list) throw new CannedReplyError('unexpected-answer', 'The chat server answered without the saved replies.');
    return list;
  };

  const adopt = (list: readonly CannedReply[]) => {
    fresh = true;
    if (sameList(list, replies)) return;
    replies = Object.freeze([...list]);
    events.emit('changed', replies);
  };

  const write = async (list: CannedReply[]) => {
    if (list.length > REPLY_LIMITS.count) {
      throw new CannedReplyError('too-many-replies', `At most ${REPLY_LIMITS.count} replies can be saved; remove one first.`);
    }
    const iq = buildRepliesSet(list);
    if (new TextEncoder().encode(toXmlString(iq)).length > MAX_STORED_BYTES) {
      throw new CannedReplyError('too-large', 'The saved replies would be too long for the chat server; shorten or remove some.');
    }
    await client.iq(iq);
    adopt(list);
  };

  /** Reads the stored list, changes it with `change` and writes it back if it changed. */
  const update = (change: (list: CannedReply[]) => CannedReply[]) =>
    serially(async () => {
      wanted = true;
      const stored = await read();
      const next = change(stored);
      if (sameList(next, stored)) adopt(stored);
      else await write(next);
    });

  const list = (): Promise<CannedReply[]> => {
    wanted = true;
    if (fresh) return Promise.resolve([...replies]);
    fetching ??= serially(async () => {
      adopt(await read());
      return [...replies];
    }).finally(() => {
      fetching = undefined;
    });
    return fetching;
  };

  client.on('online', (info) => {
    if (info.resumed) return;
    fresh = false;
    if (!wanted) return;
    // A fetch begun in a replaced session fails with it (its caller hears of that): this session's
    // own fetch starts after it.
    const epoch = client.epoch;
    const current = () => client.epoch === epoch;
    const previous =
      fetching?.then(
        () => undefined,
        () => undefined,
      ) ?? Promise.resolve();
    void previous
      .then(() => (current() ? list() : undefined))
      .catch((error: Error) => {
        if (current()) events.emit('error', error);
      });
  });

  return {
    get replies() {
      return replies;
    },
    list,
    async save(input) {
      const reply = checked(input);
      await update((stored) => {
        const at = stored.findIndex((r) => r.id === reply.id);
        return at < 0 ? [...stored, reply] : stored.map((r, i) => (i === at ? reply : r));
      });
      return reply;
    },
    async remove(id) {
      await update((stored) => stored.filter((r) => r.id !== id));
    },
    on: (type, listener) => events.on(type, listener),
  };
}
