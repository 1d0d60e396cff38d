/**
 * Tells copies of an encrypted message apart before decrypting, since a message's keys can be used
 * once: one the store has (the archive's copy of a live message, our own sent ones) needs no
 * decryption; one opened in this page but not stored yet (a carbon and the archive's copy close
 * together) is dropped rather than stored as undecryptable over the first; one another page of the
 * site opened (pages sharing a session each hear every stanza) is read from what that page noted.
 */
import { childOf, textOf, type XmlElement } from '../stanza/element.ts';
import type { MessageStore } from '../storage/index.ts';
import { withBody, type Opened as OpenedMessage, type Undecryptable } from './omemo-open.ts';
import { readMessage, type ReadContext } from './read-message.ts';

/** What a page noted of a message it opened: its ids and its text (null: keys only), or why it had none. */
interface Opened {
  ids: string[];
  text: string | null;
  undecryptable?: Undecryptable;
}

export type CopyCheck =
  | { copy: 'stored' }
  | { copy: 'opened-here' }
  /** Opened by another page: `element` is undefined for a message of keys only. */
  | { copy: 'opened-elsewhere'; opened: OpenedMessage | undefined }
  | { copy: 'new'; ids: string[] };

/** How many opened messages the pages' shared note keeps: enough for the copies that arrive close together. */
const NOTED = 200;

export function createCopyCheck(store: MessageStore, account: () => string) {
  /** Ids of messages opened in this page, newest last. */
  const opened = new Set<string>();
  const noteName = () => `omemo:${account()}:opened`;
  return {
    /** Call inside the step that would open `el`, so no other page opens it meanwhile. */
    async check(el: XmlElement, ctx: Partial<ReadContext>): Promise<CopyCheck> {
      const probe = readMessage(withBody(el, '-'), { account: account(), now: Date.now(), ...ctx });
      const ids = probe?.chat ? probe.chat.ids.filter((id) => !id.startsWith('local-')) : [];
      if (ids.some((id) => opened.has(id))) return { copy: 'opened-here' };
      for (const id of ids) if (probe?.chat && (await store.findById(id, probe.chat.peer))) return { copy: 'stored' };
      const noted = ids.length ? ((await store.getMeta<Opened[]>(noteName())) ?? []) : [];
      const elsewhere = noted.find((entry) => entry.ids.some((id) => ids.includes(id)));
      if (elsewhere) {
        const { text, undecryptable } = elsewhere;
        return {
          copy: 'opened-elsewhere',
          opened: text === null ? undefined : { element: withBody(el, text), ...(undecryptable && { undecryptable }) },
        };
      }
      return { copy: 'new', ids };
    },
    /** After opening: noted here and for the other pages (resolves once in the store). */
    async remember(ids: string[], result: OpenedMessage | undefined): Promise<void> {
      for (const id of ids) opened.add(id);
      for (const id of opened) if (opened.size > 2000) opened.delete(id);
      if (!ids.length) return;
      const text = result ? textOf(childOf(result.element, 'body')) : null;
      const note: Opened = { ids, text, ...(result?.undecryptable && { undecryptable: result.undecryptable }) };
      await store.updateMeta<Opened[]>(noteName(), (list = []) => [...list.slice(1 - NOTED), note]);
    },
  };
}
