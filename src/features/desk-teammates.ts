/**
 * The other agents signed in to the desk's account (its other resources), by name, with what each
 * has open and types in. The server tells each resource of the account's other resources by
 * presence (RFC 6121 §4.2.2); each device sends its activity in a headline to each of them, and
 * to each one that comes later. A desk started once the session runs has missed that presence: it
 * publishes its activity to the account's agents node, and the others, notified, tell it theirs.
 * (A headline to the account's own bare JID would reach them all on ejabberd, but Prosody delivers
 * no message a user addresses to their own bare JID.) The
 * presence of a resource going unavailable (sent also when its link dies) removes it, so the list
 * never keeps one who left.
 */
import type { Client } from '../client.ts';
import { buildActivity, buildActivityPayload, NODE_AGENTS, parseActivity, type Activity, type Teammate } from '../stanza/desk.ts';
import { parsePubsubEvent } from '../stanza/desk-pubsub.ts';
import type { PepNode } from './desk-pep.ts';
import { bareJid, parseJid } from '../stanza/jid.ts';
import { parsePresence } from '../stanza/presence.ts';

export interface Teammates {
  readonly list: readonly Teammate[];
  /** Tells the others what this device has open now. */
  viewing(peer: string | undefined): void;
  typing(peer: string, typing: boolean): void;
  close(): void;
}

export interface TeammatesDeps {
  client: Client;
  agent: string;
  /** The account's agents node. */
  agents: PepNode;
  changed: (list: readonly Teammate[]) => void;
  fail: (error: Error) => void;
}

const sameTeammate = (a: Teammate | undefined, b: Teammate) => a?.name === b.name && a.viewing === b.viewing && a.typingTo === b.typingTo;

export function createTeammates({ client, agent, agents, changed, fail }: TeammatesDeps): Teammates {
  const mine: Activity = { name: agent };
  const known = new Map<string, Teammate>();
  /** The account's other available resources, by presence. */
  const present = new Set<string>();
  /** Those of them told our activity in this session. */
  const told = new Set<string>();
  let list: readonly Teammate[] = [];
  /** The session whose initial presence is yet to come back from the server. */
  let awaiting = -1;

  const account = () => (client.jid ? bareJid(client.jid) : undefined);
  const ownResource = () => (client.jid ? parseJid(client.jid)?.resource : undefined);
  const publish = () => {
    list = Object.freeze([...known.values()].sort((a, b) => a.name.localeCompare(b.name) || a.resource.localeCompare(b.resource)));
    changed(list);
  };
  const send = (to: string | undefined) => {
    if (to && client.status === 'connected') client.send(buildActivity(to, mine));
  };
  const tell = (resource: string) => {
    told.add(resource);
    send(`${account()}/${resource}`);
  };
  const broadcast = () => {
    for (const resource of new Set([...present, ...known.keys()])) tell(resource);
  };

  const offStanza = client.on('stanza', (stanza) => {
    const own = account();
    if (!own) return;
    if (stanza.attrs.from === client.jid) {
      // Our initial presence, echoed: the others now hear of us, and we of them (see desk-state.ts).
      if (stanza.name === 'presence' && !stanza.attrs.type && awaiting === client.epoch) {
        awaiting = -1;
        rollCall();
      }
      return;
    }
    if (stanza.name === 'presence') {
      const presence = parsePresence(stanza);
      const from = presence?.from ? parseJid(presence.from) : undefined;
      if (!presence || !from?.resource || bareJid(presence.from!) !== own) return;
      if (presence.type === 'unavailable') {
        present.delete(from.resource);
        told.delete(from.resource);
        if (known.delete(from.resource)) publish();
      } else if (presence.type === 'available' && from.resource !== ownResource()) {
        present.add(from.resource);
        if (!told.has(from.resource)) tell(from.resource);
      }
      return;
    }
    const event = parsePubsubEvent(stanza);
    if (event) {
      // A desk that started: it waits to hear from us, even if its device heard from us before. Our own item comes back too.
      if (event.node !== NODE_AGENTS || (stanza.attrs.from ?? own) !== own) return;
      for (const { id } of event.items) if (id !== ownResource()) tell(id);
      return;
    }
    const teammate = parseActivity(stanza, own);
    if (!teammate || teammate.resource === ownResource()) return;
    // One that wrote before its presence came (or whose presence we missed) hears from us too.
    if (!told.has(teammate.resource)) tell(teammate.resource);
    if (sameTeammate(known.get(teammate.resource), teammate)) return;
    known.set(teammate.resource, teammate);
    publish();
  });

  const offOnline = client.on('online', (info) => {
    if (info.resumed) return;
    // A new session knows nobody yet: the server sends it the others' presence after its own.
    told.clear();
    present.clear();
    if (known.size > 0) {
      known.clear();
      publish();
    }
    awaiting = client.epoch;
  });
  const offStatus = client.on('status', ({ status }) => {
    if (status !== 'disconnected') return;
    present.clear();
    told.clear();
    if (known.size === 0) return;
    known.clear();
    publish();
  });
  const rollCall = () => {
    const resource = ownResource();
    if (resource) agents.publish(resource, buildActivityPayload(mine)).catch(fail);
  };
  if (client.status === 'connected') rollCall();

  const change = (next: Activity) => {
    if (next.viewing === mine.viewing && next.typingTo === mine.typingTo) return;
    mine.viewing = next.viewing;
    mine.typingTo = next.typingTo;
    broadcast();
  };

  return {
    get list() {
      return list;
    },
    viewing: (peer) => change({ ...mine, viewing: peer }),
    typing: (peer, typing) => change({ ...mine, typingTo: typing ? peer : mine.typingTo === peer ? undefined : mine.typingTo }),
    close() {
      offStanza();
      offOnline();
      offStatus();
    },
  };
}
