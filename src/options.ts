import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { ConfigError } from './errors.ts';
import { PASSWORD_MECHANISMS } from './sasl/choose.ts';
import type { FastTokenStore } from './sasl/sasl2.ts';
import type { ScramKeyring } from './sasl/scram.ts';
import { parseJid } from './stanza/jid.ts';
import { transportKindOf } from './transport/transport.ts';

/** Options of `createClient`. */
export interface ClientOptions {
  /**
   * ws(s):// (WebSocket) or http(s):// (BOSH) URL, or several (a list, or one string separated by
   * spaces), e.g. the nodes of a cluster: tried in order, and the next one when the one in use goes
   * away. Without it, XEP-0156 discovery on `domain`.
   */
  service?: string | readonly string[];
  /** Server domain; defaults to the domain of `jid`. Required for anonymous login. */
  domain?: string;
  /** Account for password login, e.g. `alice@example.org` (a resource part is used as resource). */
  jid?: string;
  password?: string;
  /**
   * Instead of `password`: SCRAM keys derived from it (salt, iteration count, ClientKey and
   * ServerKey per mechanism), so that the password need not be kept. Only those mechanisms are used.
   */
  scramKeys?: ScramKeyring;
  /** SASL ANONYMOUS login on `domain` (a fresh temporary account each time). */
  anonymous?: boolean;
  resource?: string;
  /** Allow SASL PLAIN without TLS. Only for loopback servers; never needed over wss:/https:. */
  allowPlain?: boolean;
  /** Password sign-in methods to allow, strongest first by default: SCRAM-SHA-256, SCRAM-SHA-1, PLAIN. */
  mechanisms?: readonly string[];
  /** Where XEP-0156 host-meta is fetched from; defaults to `https://<domain>`. */
  discoveryOrigin?: string;
  /** Reconnect after failures (default on), with capped exponential backoff. */
  reconnect?: boolean | Partial<BackoffOptions>;
  /** Silence after which an XEP-0199 ping checks the link (default 60 s). */
  pingIntervalMs?: number;
  /** A ping unanswered this long means the link is dead (default 10 s). */
  pingTimeoutMs?: number;
  /** Time allowed for connecting, logging in and each request (default 20 s). */
  timeoutMs?: number;
  /** Log the XML traffic to the console. */
  debug?: boolean;
  /**
   * After a session that could not be resumed, send again the messages it never confirmed
   * (default true: at least once). The chat turns it off: its outbox sends exactly once.
   */
  resendUnacknowledged?: boolean;
  /** SASL2 (XEP-0388) with Bind 2 where the server offers it: one round trip to a bound session (default true). */
  sasl2?: boolean;
  /**
   * FAST (XEP-0484): where this device keeps a sign-in token. With it, a login by password (or keys)
   * asks the server for a token, and later logins use the token — then no password is needed at all.
   * A token the server refuses is forgotten; the password, if given, signs in instead, once.
   */
  fast?: FastTokenStore;
  /**
   * One session for all the tabs of this site signed in to the account (default false): one tab
   * holds it, the others send and receive through that tab, and one of them takes it over when
   * that tab closes. Needs Web Locks and BroadcastChannel; without them each tab has its own.
   * A string shares it only among the tabs giving the same one (say, an agent's name).
   */
  shareSession?: boolean | string;
}

export interface ResolvedOptions {
  /** The service URLs in the order they are tried; empty: XEP-0156 discovery. */
  services: string[];
  domain: string;
  username?: string;
  password?: string;
  scramKeys?: ScramKeyring;
  resource?: string;
  allowPlain: boolean;
  mechanisms?: readonly string[];
  discoveryOrigin?: string;
  reconnect: BackoffOptions | false;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  timeoutMs: number;
  debug: boolean;
  resendUnacknowledged: boolean;
  sasl2: boolean;
  fast?: FastTokenStore;
  /** This client's SASL2 user-agent id where no token store gives the device's. */
  userAgentId: string;
  shareSession: boolean | string;
}

/** Checks the options once, up front, and explains in words what is wrong. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const { anonymous = false } = options;
  const services = serviceList(options.service);
  for (const service of services) {
    if (!transportKindOf(service) || !isUrl(service)) {
      throw new ConfigError('invalid-service', `"${service}" is not a chat server address: use a ws://, wss://, http:// or https:// URL.`);
    }
  }
  let username: string | undefined;
  let resource = options.resource;
  let domain = options.domain?.trim().toLowerCase();
  if (anonymous) {
    if (options.password || options.scramKeys) throw new ConfigError('conflicting-options', 'Anonymous login takes no password.');
  } else {
    if (!options.jid) throw new ConfigError('missing-jid', 'Give an account (jid) and password, or choose anonymous login.');
    const jid = parseJid(options.jid);
    if (!jid?.local) throw new ConfigError('invalid-jid', `"${options.jid}" is not a valid account address (like alice@example.org).`);
    if (!options.password && !keyMechanisms(options.scramKeys).length && !options.fast)
      throw new ConfigError('missing-password', 'A password is needed to sign in.');
    username = jid.local;
    resource ??= jid.resource;
    domain ??= jid.domain;
  }
  if (!domain) throw new ConfigError('missing-domain', 'Anonymous login needs the server domain.');
  const reconnect = options.reconnect === false ? false : { ...DEFAULT_BACKOFF, ...(options.reconnect === true ? {} : options.reconnect) };
  return {
    services,
    domain,
    username,
    password: options.password,
    resource,
    allowPlain: options.allowPlain ?? false,
    ...(options.password || anonymous || !options.scramKeys ? { mechanisms: checkMechanisms(options.mechanisms) } : withKeys(options)),
    discoveryOrigin: options.discoveryOrigin,
    reconnect,
    pingIntervalMs: positive(options.pingIntervalMs, 60_000, 'pingIntervalMs'),
    pingTimeoutMs: positive(options.pingTimeoutMs, 10_000, 'pingTimeoutMs'),
    timeoutMs: positive(options.timeoutMs, 20_000, 'timeoutMs'),
    debug: options.debug ?? false,
    resendUnacknowledged: options.resendUnacknowledged ?? true,
    sasl2: options.sasl2 ?? true,
    fast: anonymous ? undefined : options.fast,
    userAgentId: crypto.randomUUID(),
    shareSession: options.shareSession ?? false,
  };
}

/** The service URLs of a `service` option, in order: a list, or a string of URLs separated by spaces. */
export function serviceList(service: string | readonly string[] | undefined): string[] {
  const all = typeof service === 'string' ? [service] : (service ?? []);
  return [...new Set(all.flatMap((s) => s.split(/\s+/)).filter(Boolean))];
}

/** Keys log in only through the SCRAM mechanisms they were derived for. */
function withKeys(options: ClientOptions): Pick<ResolvedOptions, 'scramKeys' | 'mechanisms'> {
  const allowed = checkMechanisms(options.mechanisms);
  const mechanisms = keyMechanisms(options.scramKeys).filter((m) => !allowed || allowed.includes(m));
  if (!mechanisms.length) throw new ConfigError('invalid-option', 'The SCRAM keys given are for no allowed mechanism.');
  return { scramKeys: options.scramKeys, mechanisms };
}

const keyMechanisms = (keys: ScramKeyring | undefined): string[] => PASSWORD_MECHANISMS.filter((m) => keys?.[m as keyof ScramKeyring]);

function checkMechanisms(mechanisms: readonly string[] | undefined): readonly string[] | undefined {
  if (mechanisms === undefined) return undefined;
  const unknown = mechanisms.filter((m) => !PASSWORD_MECHANISMS.includes(m));
  if (mechanisms.length === 0 || unknown.length > 0) {
    throw new ConfigError(
      'invalid-option',
      `mechanisms must list some of ${PASSWORD_MECHANISMS.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`,
    );
  }
  return [...mechanisms];
}

function isUrl(value: string): boolean {
  try {
    return Boolean(new URL(value).host);
  } catch {
    return false; // not parseable: reported by the caller as an invalid service
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError('invalid-option', `${name} must be a positive number of milliseconds.`);
  return value;
}
