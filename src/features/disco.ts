/**
 * Service discovery (XEP-0030) and entity capabilities (XEP-0115): answers what this client
 * supports, advertises it in presence as a caps hash, and learns what our server offers, so that
 * features are used only where they exist.
 */
import type { Client } from '../client.ts';
import { buildDiscoInfoGet, buildDiscoInfoResult, parseDiscoFeatures, type DiscoInfo } from '../stanza/disco.ts';
import type { XmlElement } from '../stanza/element.ts';
import { bareJid } from '../stanza/jid.ts';

export const CAPS_NODE = 'https://github.com/xmpp-chat/xmpp-chat';

export const CLIENT_INFO: DiscoInfo = {
  identities: [{ category: 'client', type: 'web', name: 'xmpp-chat' }],
  features: [
    'http://jabber.org/protocol/caps',
    'http://jabber.org/protocol/chatstates',
    'http://jabber.org/protocol/disco#info',
    'urn:xmpp:carbons:2',
    'urn:xmpp:chat-markers:0',
    'urn:xmpp:message-correct:0',
    'urn:xmpp:ping',
    'urn:xmpp:receipts',
    'urn:xmpp:sid:0',
    // Contacts' avatars come as PEP notifications (features/avatars.ts).
    'urn:xmpp:avatar:metadata+notify',
    // The team desk's state (features/desk.ts): every agent device of the support account hears
    // of changes by PEP notification (XEP-0163 §4.2). Others have no such nodes of their own.
    'urn:xmpp-chat:desk:0:agents+notify',
    'urn:xmpp-chat:desk:0:conversations+notify',
    'urn:xmpp-chat:desk:0:notes+notify',
    // Rooms (features/rooms.ts): direct invitations (XEP-0249, which asks for this feature), and our
    // room bookmarks changed on another device (XEP-0402, and XEP-0048's copy in PEP where a server keeps one).
    'jabber:x:conference',
    'urn:xmpp:bookmarks:1+notify',
    'storage:bookmarks+notify',
  ],
  forms: [],
};

/**
 * The caps verification string of `CLIENT_INFO`, `capsVerification(CLIENT_INFO)` (stanza/disco.ts),
 * written out so that every visitor's widget need not carry the code that hashes it. A test checks
 * that the two agree: a change to `CLIENT_INFO` changes this too.
 */
export const CLIENT_VER = 'nOs9ZFGn/LwRvyIBS5rdFXs9kig=';

/** With encryption on, contacts' OMEMO device lists come as PEP notifications too (features/omemo.ts). */
export const OMEMO_CLIENT_INFO: DiscoInfo = {
  ...CLIENT_INFO,
  features: [...CLIENT_INFO.features, 'eu.siacs.conversations.axolotl.devicelist+notify', 'urn:xmpp:omemo:2:devices+notify'],
};
/** `capsVerification(OMEMO_CLIENT_INFO)`, checked by the same test. */
export const OMEMO_CLIENT_VER = 'UuTEpPLQ+ESCl6RB2mqiPemEHMA=';

export interface Disco {
  /** Our caps for presence, once computed. */
  caps(): { node: string; ver: string } | undefined;
  /** Features of our server and of our own account (PEP, MAM…), as of the last session. */
  has(feature: string): boolean;
  /** Resolves when the server's features of this session are known. */
  readonly ready: Promise<void>;
}

export interface DiscoDeps {
  /** The connection: answers disco queries, and asks our server and account. */
  client: Client;
  /** Our server's domain, asked what it offers with each new session. */
  domain: () => string;
  /** End-to-end encryption is on: we ask for OMEMO device lists. */
  omemo?: boolean;
}

export function createDisco({ client, domain, omemo = false }: DiscoDeps): Disco {
  const info = omemo ? OMEMO_CLIENT_INFO : CLIENT_INFO;
  let features = new Set<string>();
  let ready = new Promise<void>(() => {});
  // As when the hash was computed here: without WebCrypto (pages on plain http) there is none, and
  // presence goes without caps.
  const ver = globalThis.crypto?.subtle ? (omemo ? OMEMO_CLIENT_VER : CLIENT_VER) : undefined;

  // The same answer for the caps node (`node#ver`) and without a node.
  client.handleIq(
    'query',
    'http://jabber.org/protocol/disco#info',
    (request) => buildDiscoInfoResult(request, info).children[0] as XmlElement,
  );

  client.on('online', (info) => {
    if (!info.resumed) void learn(info.jid);
  });

  /** Asks our server and our account what they offer (their failures count as offering nothing). */
  async function learn(jid: string): Promise<void> {
    const epoch = client.epoch;
    let done: (value: Promise<void> | void) => void = () => {};
    ready = new Promise<void>((resolve) => {
      done = resolve;
    });
    const found = new Set<string>();
    const own = bareJid(jid);
    for (const to of [domain(), own]) {
      if (!to) continue;
      // A server that refuses disco simply offers nothing we could use.
      const reply = await client.iq(buildDiscoInfoGet(to)).catch((error: unknown) => ({ refused: error }));
      // Replaced meanwhile: the new session learns its own features, and whoever waits gets those.
      if (client.epoch !== epoch) return done(ready);
      const offered = 'refused' in reply ? undefined : parseDiscoFeatures(reply);
      for (const feature of offered ?? []) found.add(feature);
    }
    features = found;
    done();
  }

  return {
    caps: () => (ver ? { node: CAPS_NODE, ver } : undefined),
    has: (feature) => features.has(feature),
    get ready() {
      return ready;
    },
  };
}
