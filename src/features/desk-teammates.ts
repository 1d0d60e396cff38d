/**
 * The other agents signed in to the desk's account (its other resources), by name, with what each
 * has open and types in. Each device tells its activity in a headline to the account's bare JID,
 * which the server delivers to every available resource (RFC 6121 §8.5.2.1.1), and tells it once
 * more to each resource it learns of (by presence or by its activity), so a newcomer hears of
 * those who were there before it. The account's own presence removes a resource that goes
 * unavailable (the server sends it also when a link dies), so the list never keeps one who left.
 */
import type { Client } from '../client.ts';
import { buildActivity, parseActivity, type Activity, type Teammate } from '../stanza/desk.ts';
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
  changed: (list: readonly Teammate[]) => void;
}

const sameTeammate = (a: Teammate | undefined, b: Teammate) => a?.name === b.name && a.viewing === b.viewing && a.typingTo === b.typingTo;

export function createTeammates({ client, agent, changed }: TeammatesDeps): Teammates {
  const mine: Activity = { name: agent };
  const known = new Map<string, Teammate>();
  /** Resources this session has told our activity to, directly or by a broadcast they were there for. */
  const told = new Set<string>();
  let list: readonly Teammate[] = [];

  const account = () => (client.jid ? bareJid(client.jid) : undefined);
  const ownResource = () => (client.jid ? parseJid(client.jid)?.resource : undefined);
  const publish = () => {
    list = Object.freeze([...known.values()].sort((a, b) => a.name.localeCompare(b.name) || a.resource.localeCompare(b.resource)));
    changed(list);
  };
  const send = (to: string | undefined) => {
    if (to && client.status === 'connected') client.send(buildActivity(to, mine));
  };
  const broadcast = () => {
    for (const resource of known.keys()) told.add(resource);
    send(account());
  };
  const greet = (resource: string) => {
    if (told.has(resource)) return;
    told.add(resource);
    send(`${account()}/${resource}`);
  };

  const offStanza = client.on('stanza', (stanza) => {
    const own = account();
    if (!own || stanza.attrs.from === client.jid) return;
    if (stanza.name === 'presence') {
      const presence = parsePresence(stanza);
      const from = presence?.from ? parseJid(presence.from) : undefined;
      if (!presence || !from?.resource || bareJid(presence.from!) !== own) return;
      if (presence.type === 'unavailable') {
        told.delete(from.resource);
        if (known.delete(from.resource)) publish();
      } else if (presence.type === 'available') greet(from.resource);
      return;
    }
    const teammate = parseActivity(stanza, own);
    if (!teammate || teammate.resource === ownResource()) return;
    greet(teammate.resource);
    if (sameTeammate(known.get(teammate.resource), teammate)) return;
    known.set(teammate.resource, teammate);
    publish();
  });

  const offOnline = client.on('online', (info) => {
    if (info.resumed) return;
    // A new session knows nobody yet; those signed in answer its broadcast and its presence.
    told.clear();
    if (known.size > 0) {
      known.clear();
      publish();
    }
    broadcast();
  });
  const offStatus = client.on('status', ({ status }) => {
    if (status !== 'disconnected' || known.size === 0) return;
    known.clear();
    publish();
  });
  if (client.status === 'connected') broadcast();

  const tell = (next: Activity) => {
    if (next.viewing === mine.viewing && next.typingTo === mine.typingTo) return;
    mine.viewing = next.viewing;
    mine.typingTo = next.typingTo;
    broadcast();
  };

  return {
    get list() {
      return list;
    },
    viewing: (peer) => tell({ ...mine, viewing: peer }),
    typing: (peer, typing) => tell({ ...mine, typingTo: typing ? peer : mine.typingTo === peer ? undefined : mine.typingTo }),
    close() {
      offStanza();
      offOnline();
      offStatus();
    },
  };
}
