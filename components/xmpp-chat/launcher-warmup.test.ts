import { expect } from '@esm-bundle/chai';
import './xmpp-chat.ts';
import type { XmppChat } from './xmpp-chat.ts';

describe('<xmpp-chat> on the way to the launcher', () => {
  it('loads the panel code when a pointer comes over the launcher, and renders, connects and stores nothing', async () => {
    const el = document.createElement('xmpp-chat') as XmppChat;
    el.setAttribute('to', 'support@example.org');
    el.setAttribute('service', 'ws://127.0.0.1:9/xmpp-websocket');
    document.body.append(el);
    await el.updateComplete;
    expect(customElements.get('xmpp-chat-panel')).to.equal(undefined);
    const sockets: string[] = [];
    const NativeSocket = window.WebSocket;
    window.WebSocket = class extends NativeSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        sockets.push(String(url));
        super(url, protocols);
      }
    };
    // Other tests of this origin may have left databases: none is added.
    const databases = async () => (await indexedDB.databases()).map((db) => db.name).sort();
    const before = await databases();
    try {
      el.shadowRoot!.querySelector('[part~="launcher"]')!.dispatchEvent(new PointerEvent('pointerenter'));
      await customElements.whenDefined('xmpp-chat-panel');
      await new Promise((r) => setTimeout(r, 300));
      expect(el.shadowRoot!.querySelector('xmpp-chat-panel')).to.equal(null);
      expect(el.opened).to.equal(false);
      expect(sockets).to.deep.equal([]);
      expect(await databases()).to.deep.equal(before);
    } finally {
      window.WebSocket = NativeSocket;
      el.remove();
    }
  });
});
