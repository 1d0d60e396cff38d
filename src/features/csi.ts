/** Client State Indication (XEP-0352): tells the server when the page is hidden, so it can hold back unimportant traffic. */
import type { Client } from '../client.ts';
import type { Visibility } from '../adapters/page-visibility.ts';
import { xml } from '../stanza/element.ts';

const NS_CSI = 'urn:xmpp:csi:0';

export function createCsi(client: Client, visibility: Visibility): () => void {
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
  return () => { offOnline(); offVisibility(); };
}
