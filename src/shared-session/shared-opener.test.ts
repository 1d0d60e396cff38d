import { expect } from '@esm-bundle/chai';
import type { ResolvedOptions } from '../options.ts';
import { parseXml } from '../stanza/dom.ts';
import type { TransportListener } from '../transport/transport.ts';
import { createSharedOpener } from './shared-opener.ts';
import type { Wire } from './wire.ts';

const INFO = { jid: 'agent@example.org/desk', resumed: false, mechanism: 'PLAIN', streamFeatures: [] };
const MESSAGE = "<message xmlns='jabber:client' from='visitor@example.org/web' type='chat' id='m1'><body>hi</body></message>";

/** A lead tab's opener over a transport that the test speaks for, and what its channel carries. */
async function leadTab() {
  const name = `test-${Math.random().toString(36).slice(2)}`;
  let server: TransportListener | undefined;
  const clock = { now: 0 };
  const opener = createSharedOpener({
    name,
    options: { services: ['wss://example.org/ws'], timeoutMs: 1000 } as unknown as ResolvedOptions,
    listener: { stanza: () => undefined, dropped: () => undefined },
    lead: { claim: () => Promise.resolve(() => undefined), await: () => new Promise(() => undefined) },
    tabs: { self: 'page-1', alone: false, whenGone: () => undefined },
    now: () => clock.now,
    load: () =>
      Promise.resolve((_options, listener) => {
        server = listener;
        return {
          kind: 'websocket',
          open: () => Promise.resolve(INFO),
          send: () => undefined,
          close: () => Promise.resolve(),
          abort: () => undefined,
        };
      }),
  })!;
  await opener.open();
  const heard: Wire[] = [];
  const channel = new BroadcastChannel(`xmpp-chat-session:${name}`);
  channel.onmessage = (event: MessageEvent<Wire>) => heard.push(event.data);
  /** Resolves once the channel has carried `count` messages (or fails after 10 s). */
  const heardCount = async (count: number) => {
    for (const end = Date.now() + 10_000; heard.length < count; await new Promise((r) => setTimeout(r, 20)))
      if (Date.now() > end) throw new Error(`heard ${JSON.stringify(heard.map((w) => w.t))}, waited for ${count}`);
  };
  return { server: server!, clock, channel, heard, heardCount, close: () => (channel.close(), opener.transport?.close()) };
}

describe('a shared session’s lead', () => {
  it('passes on what arrives while other tabs follow it, or may, just after it announced its session', async () => {
    const tab = await leadTab();
    // Just announced: a tab that waited for it may follow before it says hello.
    tab.clock.now = 100;
    tab.server.stanza(parseXml(MESSAGE));
    await tab.heardCount(1);
    // Alone, and long after: what arrives is taken in, and nothing goes to the channel (the lead's
    // answer to the hello below comes next, in the order the lead posted).
    tab.clock.now = 10_000;
    tab.server.stanza(parseXml(MESSAGE));
    tab.server.acknowledged?.(parseXml(MESSAGE));
    tab.channel.postMessage({ t: 'hello', tab: 'chat-2', page: 'page-2' } satisfies Wire);
    await tab.heardCount(2);
    // Followed: all of it.
    tab.clock.now = 20_000;
    tab.server.stanza(parseXml(MESSAGE));
    tab.server.acknowledged?.(parseXml(MESSAGE));
    await tab.heardCount(4);
    expect(tab.heard.map((w) => w.t)).to.deep.equal(['stanza', 'online', 'stanza', 'acked']);
    await tab.close();
  });
});
