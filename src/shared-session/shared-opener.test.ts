import { expect } from '@esm-bundle/chai';
import type { ResolvedOptions } from '../options.ts';
import { parseXml } from '../stanza/dom.ts';
import type { XmlElement } from '../stanza/element.ts';
import type { TransportListener } from '../transport/transport.ts';
import { ConnectionError } from '../errors.ts';
import { createSharedOpener } from './shared-opener.ts';
import type { Wire } from './wire.ts';

const INFO = { jid: 'agent@example.org/desk', resumed: false, mechanism: 'PLAIN', streamFeatures: [] };
const MESSAGE = "<message xmlns='jabber:client' from='visitor@example.org/web' type='chat' id='m1'><body>hi</body></message>";

/** A lead tab's opener over a transport that the test speaks for, and what its channel carries. */
async function leadTab() {
  const name = `test-${Math.random().toString(36).slice(2)}`;
  let server: TransportListener | undefined;
  const clock = { now: 0 };
  /** What the transport sent, and whether its next open resumes the stream. */
  const sent: string[] = [];
  const next = { resumed: false };
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
          open: () => Promise.resolve({ ...INFO, resumed: next.resumed }),
          send: (stanza: XmlElement) => void sent.push(stanza.attrs.id ?? ''),
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
  return {
    server: server!,
    opener,
    sent,
    next,
    clock,
    channel,
    heard,
    heardCount,
    close: () => (channel.close(), opener.transport?.close()),
  };
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

  it('holds what followers send while its session is down, and sends it once the same stream is resumed', async () => {
    for (const resumed of [true, false]) {
      const tab = await leadTab();
      const send = (id: string) =>
        tab.channel.postMessage({ t: 'send', tab: 'chat-2', stanza: parseXml(MESSAGE.replace("id='m1'", `id='${id}'`)) } satisfies Wire);
      send('before');
      for (const end = Date.now() + 5000; !tab.sent.includes('before') && Date.now() < end;) await new Promise((r) => setTimeout(r, 20));
      // The connection drops; a follower that has not heard of it yet sends.
      tab.server.dropped(new ConnectionError('closed', 'Gone.'));
      send('during');
      await tab.heardCount(1); // the drop, on the channel
      await new Promise((r) => setTimeout(r, 100));
      expect(tab.sent, 'nothing sent while down').to.deep.equal(['before']);
      // The client opens again: the same stream resumed, or a new session.
      tab.next.resumed = resumed;
      await tab.opener.open();
      expect(tab.sent, resumed ? 'sent on the resumed stream' : 'left to the followers’ outbox').to.deep.equal(
        resumed ? ['before', 'during'] : ['before'],
      );
      await tab.close();
    }
  });
});
