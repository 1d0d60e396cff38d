/**
 * Keeping an anonymous visitor's BOSH session across page loads. Stream resumption (XEP-0198)
 * cannot do it: servers resume a stream only for the account that opened it, and an anonymous
 * login is a new account. A BOSH session, though, lives on the server between HTTP requests, so
 * the next page of the same tab can go on with it (XEP-0124 §8 attach) — same address, no new
 * login — for as long as the server keeps it without requests (Prosody 60 s, ejabberd 30 s by
 * default). strophe.js keeps the session's ids in sessionStorage for that (`keepalive`); the
 * stream features, which an attached session never sees, are kept next to them, with whose the
 * session is: another widget of the site in the same tab (a room's, a chat with someone else)
 * logs in anonymously too, and must not go on as that visitor.
 */
import type { Strophe } from 'strophe.js';
import { xml } from '../stanza/element.ts';
import { toDom } from '../stanza/dom.ts';

type Connection = InstanceType<typeof Strophe.Connection>;

/** Where strophe.js keeps the session (its key), and where we keep its stream features. */
const SESSION_KEY = 'strophe-bosh-session';
const FEATURES_KEY = 'xmpp-chat:bosh-features';
const OWNER_KEY = 'xmpp-chat:bosh-owner';

/** This tab holds a session from an earlier page of `owner`'s that may be attached to. */
export function hasKeptSession(owner: string): boolean {
  return read(SESSION_KEY) !== undefined && read(OWNER_KEY) === owner;
}

/**
 * A new session is opening for `owner`: what strophe.js keeps from now on is that session's (set
 * before strophe.js writes its ids, so that a page leaving meanwhile leaves nothing to another).
 */
export function keepFor(owner: string): void {
  remove(FEATURES_KEY);
  write(OWNER_KEY, owner);
}

export function keepFeatures(features: readonly string[]): void {
  write(FEATURES_KEY, JSON.stringify(features));
}

/** The session ended on purpose (log-out, reset): nothing is kept for a next page. */
export function forgetKeptSession(): void {
  remove(SESSION_KEY, FEATURES_KEY, OWNER_KEY);
}

export function keptFeatures(): string[] {
  try {
    const value: unknown = JSON.parse(read(FEATURES_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
  } catch (error) {
    // Damaged: an attached session works without them (roster versioning, CSI are optional).
    return [];
  }
}

/**
 * Whether the attached session is alive: a ping (XEP-0199) answered by the server. A session the
 * server no longer holds gets no answer (or an error), and a new one is opened instead.
 */
export function confirmAttached(conn: Connection, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const ping = xml('iq', { xmlns: 'jabber:client', type: 'get', id: `attach-${Date.now()}` }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
    conn.sendIQ(
      toDom(ping),
      () => resolve(true),
      () => resolve(false),
      timeoutMs,
    );
  });
}

function read(key: string): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch (error) {
    // Storage is blocked: there is nothing kept, and each page starts its own session.
    return undefined;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch (error) {
    // Blocked or full: the next page opens a session of its own.
  }
}

function remove(...keys: string[]): void {
  try {
    for (const key of keys) sessionStorage.removeItem(key);
  } catch (error) {
    // Storage is blocked: nothing was kept.
  }
}
