/** Client State Indication (XEP-0352): tells the server when the page is hidden, so it can hold back unimportant traffic. */
import type { Client } from '../client.ts';
import { pageVisibility, type Visibility } from '../adapters/page-visibility.ts';
import { xml } from '../stanza/element.ts';

const NS_CSI = 'urn:xmpp:csi:0';

export interface CsiDeps {
  /** The connection whose stream features say whether the server supports it. */
  client: Client;
  /** Whether the page is hidden, and when that changes; the document's by default. */
  visibility?: Visibility;
}

/** Returns a function that stops reporting (it lets go of the page listener). */
export function createCsi({ client, visibility = pageVisibility() }: CsiDeps): () => void {
  let supported = false;
  let sent: 'active' | 'inactive' = 'active';
  const report = () => {
    const state = visibility.hidden ? 'inactive' : 'active';
    if (!supported || client.status !== 'connected' || state === sent) return;
    sent = state;
    client.send(xml(state, { xmlns: NS_CSI }));
  };
  const offOnline = client.on('online', (info) => {
    supported = info.streamFeatures.includes(NS_CSI);
    if (!info.resumed) sent = 'active'; // a new session starts active
    report();
  });
  const offVisibility = visibility.onChange(report);
  return () => {
    offOnline();
    offVisibility();
  };
}
