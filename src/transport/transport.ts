import type { XmppChatError } from '../errors.ts';
import type { FastTokenStore } from '../sasl/sasl2.ts';
import type { ScramKeyring } from '../sasl/scram.ts';
import type { XmlElement } from '../stanza/element.ts';

export type TransportKind = 'websocket' | 'bosh';

/** What a transport needs to open an authenticated session. */
export interface SessionOptions {
  /** ws(s):// URL for WebSocket, http(s):// URL for BOSH. */
  readonly service: string;
  readonly domain: string;
  /** Local part of the account; absent for anonymous login. */
  readonly username?: string;
  readonly password?: string;
  /** Instead of the password: SCRAM keys derived from it (used only when no password is given). */
  readonly scramKeys?: ScramKeyring;
  readonly resource?: string;
  /** PLAIN is offered only over TLS, or on loopback when this is set. */
  readonly allowPlain: boolean;
  /** Password mechanisms allowed (default: all supported). */
  readonly mechanisms?: readonly string[];
  readonly timeoutMs: number;
  readonly debug: boolean;
  /** SASL2 with Bind 2 where the server offers it (default); false keeps to SASL and resource binding. */
  readonly sasl2?: boolean;
  /** FAST (XEP-0484): where this device keeps its sign-in token; tokens are asked for and used only with it. */
  readonly fast?: FastTokenStore;
  /** This client's id for SASL2 (XEP-0388 user agent) when no token store names the device. */
  readonly userAgentId: string;
  /**
   * Which widget's session this is, as shared between tabs (options.ts): an anonymous BOSH session
   * kept for the tab's next page is attached to only by a client of the same name.
   */
  readonly shareSession?: boolean | string;
  /**
   * A stream another transport (another tab's) left: the first `open()` resumes it (XEP-0198) and
   * sends again what it never confirmed; when the server refuses, a new session opens as usual.
   */
  readonly resume?: StreamState;
}

/** What resuming a stream (XEP-0198) takes, as the transport that holds it knows it now. */
export interface StreamState {
  /** The stream's id: `previd` for `<resume/>`. */
  readonly id: string;
  /** The full JID bound to it. */
  readonly jid: string;
  /** Stanzas handled from the server (`h`). */
  readonly handled: number;
  /** Stanzas of ours the server confirmed. */
  readonly confirmed: number;
  /** Stanzas of ours sent after those, oldest first, that it has not confirmed yet. */
  readonly unconfirmed: readonly XmlElement[];
}

export interface SessionInfo {
  /** The full JID the server bound. */
  readonly jid: string;
  /** True when a previous stream was resumed (XEP-0198): nothing was lost. */
  readonly resumed: boolean;
  /** The SASL mechanism that authenticated this session (the first one, when resumed). */
  readonly mechanism: string;
  /** Namespaces of the stream features the server offered after login (e.g. `urn:xmpp:csi:0`). */
  readonly streamFeatures: readonly string[];
  /** Signed in by SASL2 (XEP-0388), bound by Bind 2 in the same round trip. */
  readonly sasl2?: boolean;
  /**
   * Resumed by another tab than the one that held the stream (tabs sharing a session): what this
   * tab handed to that one may not have reached the server, and is to be checked.
   */
  readonly takenOver?: boolean;
}

/** How a transport reports what arrives and what goes wrong after it is open. */
export interface TransportListener {
  /** `handled`: with stream management, the stream's count of handled stanzas, this one included. */
  stanza(stanza: XmlElement, handled?: number): void;
  /** The connection was lost without us asking; `open()` may be called again to recover. */
  dropped(error: XmppChatError): void;
  /** Outgoing stanzas the server never acknowledged and that could not be resumed. */
  unacknowledged?(stanzas: XmlElement[]): void;
  /** The server has received this outgoing stanza (XEP-0198 ack, or the BOSH response to it). */
  acknowledged?(stanza: XmlElement): void;
  /** Stream management now waits for the server to confirm this outgoing stanza. */
  queued?(stanza: XmlElement): void;
}

/**
 * One XMPP connection, library-neutral. Adapters turn their library's events into these calls.
 * `open()` authenticates and binds a resource; called again after `dropped`, it resumes the
 * previous stream when the transport and server can, or logs in afresh.
 */
export interface Transport {
  readonly kind: TransportKind;
  open(): Promise<SessionInfo>;
  send(stanza: XmlElement): void;
  /** Ends the session gracefully (stream close / BOSH terminate). */
  close(): Promise<void>;
  /**
   * The page is going: ends the session with what can be sent at once (nothing can be awaited),
   * so the server does not keep it for a resumption no one will ask for.
   */
  leave?(): void;
  /**
   * Lets go of a connection that stopped answering, at once, keeping any resumable state; the
   * transport then reports `dropped(reason)` as for any lost connection.
   */
  abort(reason: XmppChatError): void;
  /**
   * Gives the transport up for good, as its endpoint is gone and another takes its place: returns
   * the messages its session never confirmed, for the next session to send again.
   */
  release?(): XmlElement[];
  /** The stream as it could be resumed now, if it can be (stream management on, resumption offered). */
  stream?(): StreamState | undefined;
}

export type TransportFactory = (options: SessionOptions, listener: TransportListener) => Transport;

/** The transport a service URL asks for. */
export function transportKindOf(service: string): TransportKind | undefined {
  if (/^wss?:\/\//i.test(service)) return 'websocket';
  if (/^https?:\/\//i.test(service)) return 'bosh';
  return undefined;
}

/** Loads only the adapter that is needed: each one is a separate chunk. */
export async function loadTransport(kind: TransportKind): Promise<TransportFactory> {
  if (kind === 'websocket') return (await import('./websocket.ts')).createWebSocketTransport;
  return (await import('./bosh.ts')).createBoshTransport;
}
