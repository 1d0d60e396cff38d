import { expect } from '@esm-bundle/chai';
import { AuthError, ConnectionError } from './errors.ts';
import { resolveOptions } from './options.ts';
import { SessionOpener } from './session-opener.ts';
import type { SessionInfo, Transport, TransportFactory } from './transport/transport.ts';
import type { XmlElement } from './stanza/element.ts';

const A = 'ws://a.example/ws';
const B = 'ws://b.example/ws';
const C = 'http://c.example/bosh';
const message: XmlElement = { name: 'message', attrs: { id: 'm1' }, children: [] };

/** Fake endpoints: `down` ones cannot be reached; every attempt is logged by URL. */
function endpoints(down: Set<string>, refused = new Set<string>()) {
  const tried: string[] = [];
  const released: string[] = [];
  const factory: TransportFactory = (options) => {
    const transport: Transport = {
      kind: options.service.startsWith('ws') ? 'websocket' : 'bosh',
      open: async (): Promise<SessionInfo> => {
        tried.push(options.service);
        if (refused.has(options.service)) throw new AuthError('not-authorized', 'Wrong password.');
        if (down.has(options.service)) throw new ConnectionError('unreachable', 'Down.');
        return { jid: 'a@example/r', resumed: false, mechanism: 'PLAIN', streamFeatures: [] };
      },
      send: () => undefined,
      close: async () => undefined,
      abort: () => undefined,
      release: () => {
        released.push(options.service);
        return [message];
      },
    };
    return transport;
  };
  return { tried, released, load: async () => factory };
}

const opener = (service: string | string[], load: () => Promise<TransportFactory>, unacknowledged?: (s: XmlElement[]) => void) =>
  new SessionOpener(
    resolveOptions({ service, jid: 'a@example', password: 'p' }),
    { stanza: () => undefined, dropped: () => undefined, unacknowledged },
    load,
  );

describe('SessionOpener with several services', () => {
  it('tries the services in the order given, up to the first that answers', async () => {
    const { tried, load } = endpoints(new Set([B]));
    const o = opener([B, A, C], load);
    await o.open();
    expect(tried).to.deep.equal([B, A]);
    expect(o.service).to.equal(A);
  });

  it('does not go on to the next service when the login is refused', async () => {
    const { tried, load } = endpoints(new Set(), new Set([B]));
    const error = await opener([B, A], load)
      .open()
      .catch((e: Error) => e);
    expect(error).to.be.instanceOf(AuthError);
    expect(tried).to.deep.equal([B]);
  });

  it('moves on from a kept endpoint that has gone, to the ones after it, handing on what was unconfirmed', async () => {
    const down = new Set<string>();
    const { tried, released, load } = endpoints(down);
    const handed: XmlElement[][] = [];
    const o = opener(`${A} ${B} ${C}`, load, (s) => handed.push(s));
    await o.open();
    expect(o.service).to.equal(A);
    down.add(A);
    await o.open();
    expect(tried).to.deep.equal([A, A, B]);
    expect(o.service).to.equal(B);
    expect(released).to.deep.equal([A]);
    expect(handed).to.deep.equal([[message]]);
    // B goes too, while A is still down: C, after B, then A again (wrapping round).
    down.add(B);
    down.add(C);
    const error = await o.open().catch((e: Error) => e);
    expect(error).to.be.instanceOf(ConnectionError);
    expect(tried.slice(3)).to.deep.equal([B, C, A]);
    // The next attempt walks the list from the start.
    down.delete(B);
    await o.open();
    expect(tried.slice(6)).to.deep.equal([A, B]);
    expect(o.service).to.equal(B);
  });

  it('keeps the one endpoint there is, for the transport to retry', async () => {
    const down = new Set<string>();
    const { tried, released, load } = endpoints(down);
    const o = opener(A, load);
    await o.open();
    down.add(A);
    expect(await o.open().catch((e: Error) => e)).to.be.instanceOf(ConnectionError);
    expect(released).to.deep.equal([]);
    expect(o.transport).to.not.equal(undefined);
    expect(tried).to.deep.equal([A, A]);
  });
});
