/**
 * The inverted index search answers from, in memory: each token lists the documents (a message,
 * or a conversation's visitor details) it occurs in. Documents are only appended; one replaced
 * (a corrected message) is marked dead, so postings never need rewriting.
 */
import { tokenize } from './search-text.ts';

/** A document that matched: a message (`key`) or the visitor's details of `peer`'s conversation. */
export interface IndexedDocument {
  peer: string;
  key?: string;
  time: number;
  text: string;
}

export class InvertedIndex {
  #peers: string[] = [];
  #peerIds = new Map<string, number>();
  /** Per peer: its visitor document, the newest message time, and how many messages are indexed. */
  #visitor: (number | undefined)[] = [];
  #latest: number[] = [];
  #counts: number[] = [];
  // Documents, column by column.
  #docPeer: number[] = [];
  #docKey: (string | undefined)[] = [];
  #docTime: number[] = [];
  #docText: string[] = [];
  #alive: boolean[] = [];
  /** `peer \n key` → document. */
  #byKey = new Map<string, number>();
  #postings = new Map<string, number[]>();
  /** Every token, sorted, for prefix ranges; tokens added since are merged in at the next search. */
  #sorted: string[] = [];
  #unsorted: string[] = [];

  /** Messages indexed for `peer`. */
  count(peer: string): number {
    const id = this.#peerIds.get(peer);
    return id === undefined ? 0 : this.#counts[id];
  }

  /** Whether the message is indexed; with `text`, whether it is indexed with that text. */
  has(peer: string, key: string, text?: string): boolean {
    const doc = this.#byKey.get(`${peer}\n${key}`);
    return doc !== undefined && (text === undefined || this.#docText[doc] === text);
  }

  hasVisitor(peer: string): boolean {
    const id = this.#peerIds.get(peer);
    return id !== undefined && this.#visitor[id] !== undefined;
  }

  /** Indexes a message, or replaces the text it is indexed with. */
  setMessage(peer: string, key: string, time: number, text: string): void {
    const id = this.#peerId(peer);
    const old = this.#byKey.get(`${peer}\n${key}`);
    if (old !== undefined) {
      if (this.#docText[old] === text) return;
      this.#alive[old] = false;
    } else this.#counts[id]++;
    this.#byKey.set(`${peer}\n${key}`, this.#add(id, key, time, text));
    if (time > this.#latest[id]) this.#latest[id] = time;
  }

  /** Indexes the visitor's name and email for `peer`, in place of earlier ones. */
  setVisitor(peer: string, name: string | undefined, email: string | undefined): void {
    const id = this.#peerId(peer);
    const text = [name, email].filter(Boolean).join(' · ');
    const old = this.#visitor[id];
    if (old !== undefined && this.#docText[old] === text) return;
    if (old !== undefined) this.#alive[old] = false;
    this.#visitor[id] = text ? this.#add(id, undefined, 0, text) : undefined;
  }

  /**
   * Up to `limit` documents, newest first, matching every token as a prefix of one of theirs. A
   * message matches a token also through its conversation's visitor details, but needs one of
   * its own; visitor details show as one document, at the time of the conversation's newest message.
   */
  search(tokens: readonly string[], limit: number): IndexedDocument[] {
    if (tokens.length === 0 || limit <= 0) return [];
    this.#merge();
    const size = this.#docText.length;
    const marks = tokens.map((token) => this.#mark(token, size));
    const byVisitor = marks.map((mark) => {
      const peers = new Uint8Array(this.#peers.length);
      this.#visitor.forEach((doc, id) => {
        if (doc !== undefined && mark[doc]) peers[id] = 1;
      });
      return peers;
    });
    const top: { doc: number; time: number }[] = [];
    for (let doc = 0; doc < size; doc++) {
      if (!this.#alive[doc]) continue;
      const peer = this.#docPeer[doc];
      const visitor = this.#docKey[doc] === undefined;
      let own = false;
      let all = true;
      for (let t = 0; t < marks.length && all; t++) {
        if (marks[t][doc]) own = true;
        else all = !visitor && byVisitor[t][peer] === 1;
      }
      if (!all || !own) continue;
      const time = visitor ? this.#latest[peer] : this.#docTime[doc];
      // Of equal times the later document, added later, comes first.
      if (top.length === limit && time < top[limit - 1].time) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].time <= time) at--;
      top.splice(at, 0, { doc, time });
      if (top.length > limit) top.pop();
    }
    return top.map(({ doc, time }) => ({
      peer: this.#peers[this.#docPeer[doc]],
      ...(this.#docKey[doc] === undefined ? {} : { key: this.#docKey[doc] }),
      time,
      text: this.#docText[doc],
    }));
  }

  #peerId(peer: string): number {
    let id = this.#peerIds.get(peer);
    if (id === undefined) {
      id = this.#peers.push(peer) - 1;
      this.#peerIds.set(peer, id);
      this.#visitor.push(undefined);
      this.#latest.push(0);
      this.#counts.push(0);
    }
    return id;
  }

  #add(peer: number, key: string | undefined, time: number, text: string): number {
    const doc = this.#docText.push(text) - 1;
    this.#docPeer.push(peer);
    this.#docKey.push(key);
    this.#docTime.push(time);
    this.#alive.push(true);
    for (const token of tokenize(text)) {
      const list = this.#postings.get(token);
      if (list) list.push(doc);
      else {
        this.#postings.set(token, [doc]);
        this.#unsorted.push(token);
      }
    }
    return doc;
  }

  /** Marks the documents holding a token that starts with `prefix`. */
  #mark(prefix: string, size: number): Uint8Array {
    const mark = new Uint8Array(size);
    const sorted = this.#sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < sorted.length && sorted[i].startsWith(prefix); i++)
      for (const doc of this.#postings.get(sorted[i])!) mark[doc] = 1;
    return mark;
  }

  /** Merges the tokens added since the last search into the sorted list: linear, not a full sort. */
  #merge(): void {
    if (this.#unsorted.length === 0) return;
    const added = this.#unsorted.sort();
    this.#unsorted = [];
    const old = this.#sorted;
    const merged = new Array<string>(old.length + added.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < merged.length; k++) merged[k] = j >= added.length || (i < old.length && old[i] < added[j]) ? old[i++] : added[j++];
    this.#sorted = merged;
  }
}
