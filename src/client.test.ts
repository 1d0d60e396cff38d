import { expect } from '@esm-bundle/chai';
import { createClient, type Client } from './client.ts';
import { ConnectionError } from './errors.ts';
import { createBlocking } from './features/blocking.ts';
import { createCannedReplies } from './features/canned-replies.ts';
import { createDisco } from './features/disco.ts';
import { createRoster } from './features/roster.ts';
import type { ClientOptions } from './options.ts';
import { childOf, xml, type XmlElement } from './stanza/element.ts';
import { createMemoryBackend, createMessageStore } from './storage/index.ts';
import type { SessionInfo, TransportFactory, TransportListener } from './transport/transport.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await sleep(10);
}

/** A transport with no server behind it: the test answers, drops and decides whether a session resumes. */
function fakeTransport() {
  const sent: XmlElement[] = [];
  let listener!: TransportListener;
  const server = {
    sent,
    opens: 0,
    /** Whether the next open resumes the previous stream. */
    resume: false,
    /** Drop the link this long after each open (undefined: keep it). */
    dropAfterMs: undefined as number | undefined,
    /** While set, opening waits for it: the server is unreachable. */
    gate: undefined as Promise<unknown> | undefined,
    drop: () => listener.dropped(new ConnectionError('closed', 'The link was cut.')),
    receive: (stanza: XmlElement) => listener.stanza(stanza),
    /** Answers our request `request` with a result carrying `payload`. */
    answer: (request: XmlElement, payload?: XmlElement) =>
      listener.stanza(xml('iq', { type: 'result', id: request.attrs.id }, ...(payload ? [payload] : []))),
  };
  const factory: TransportFactory = (_options, l) => {
    listener = l;
    return {
      kind: 'websocket',
      async open(): Promise<SessionInfo> {
        await server.gate;
        server.opens += 1;
        const info = {
          jid: `me@example.org/r${server.opens}`,
          resumed: server.resume && server.opens > 1,
          mechanism: 'PLAIN',
          streamFeatures: [],
        };
        if (server.dropAfterMs !== undefined) setTimeout(server.drop, server.dropAfterMs);
        return info;
      },
      send: (stanza) => void sent.push(stanza),
      close: async () => undefined,
      abort: () => server.drop(),
    };
  };
  return { server, load: async () => factory };
}

const clients: Client[] = [];
function connectedClient(options: Partial<ClientOptions> = {}) {
  const { server, load } = fakeTransport();
  const client = createClient(
    { service: 'ws://example.invalid/', jid: 'me@example.org', password: 'secret', timeoutMs: 200, ...options },
    load,
  );
  clients.push(client);
  return { client, server };
}
const sentBy = (server: { sent: XmlElement[] }, name: string, ns?: string) =>
  server.sent.filter((s) => (ns ? s.children.some((c) => typeof c !== 'string' && c.attrs.xmlns === ns) : s.name === name));

describe('client sessions', () => {
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });

  it('rejects the requests of a session that was replaced, and not while it might resume', async () => {
    const { client, server } = connectedClient();
    await client.connect();
    expect(client.epoch).to.equal(1);
    const old = client.iq(xml('iq', { type: 'get', to: 'example.org' }, xml('query', { xmlns: 'urn:x' })));
    const outcome = old.then(
      () => 'answered',
      (e: Error) => `${e.name} ${(e as ConnectionError).condition}`,
    );
    let release!: () => void;
    server.gate = new Promise((r) => {
      release = () => r(undefined);
    });
    server.drop();
    await sleep(400); // longer than the request's timeout: a link that is down says nothing about the server
    expect(await Promise.race([outcome, sleep(0).then(() => 'pending')])).to.equal('pending');
    release();
    await new Promise((r) => client.on('online', r));
    expect(client.epoch).to.equal(2);
    expect(await outcome).to.equal('ConnectionError closed');
  });

  it('keeps a request alive when the stream resumes, and answers it then', async () => {
    const { client, server } = connectedClient();
    server.resume = true;
    await client.connect();
    const pending = client.iq(xml('iq', { type: 'get', to: 'example.org' }, xml('query', { xmlns: 'urn:x' })));
    const request = server.sent.at(-1)!;
    server.drop();
    await new Promise((r) => client.on('online', r));
    expect(client.epoch, 'a resumed session is the same session').to.equal(1);
    server.answer(request);
    expect((await pending).attrs.type).to.equal('result');
  });

  it('does not answer, in a new session, a request the old one received', async () => {
    const { client, server } = connectedClient();
    await client.connect();
    let release!: () => void;
    client.handleIq(
      'query',
      'urn:slow',
      () =>
        new Promise((resolve) => {
          release = () => resolve(undefined);
        }),
    );
    server.receive(xml('iq', { type: 'get', id: 'slow1', from: 'example.org' }, xml('query', { xmlns: 'urn:slow' })));
    server.drop();
    await new Promise((r) => client.on('online', r));
    release();
    await sleep(10);
    expect(server.sent.filter((s) => s.attrs.id === 'slow1')).to.deep.equal([]);
  });

  it('backs off when every session dies right after login, instead of a tight loop', async () => {
    const { client, server } = connectedClient({ reconnect: { initialMs: 100, maxMs: 400 } });
    server.dropAfterMs = 0;
    const delays: number[] = [];
    client.on('status', ({ status, retryInMs }) => {
      if (status === 'reconnecting') delays.push(retryInMs!);
    });
    await client.connect();
    await sleep(700);
    await client.disconnect();
    // At once after the first short session, then 50–100 ms, 100–200 ms, 200–400 ms…
    expect(server.opens, `sessions opened: ${server.opens}`).to.be.within(3, 6);
    expect(delays[0]).to.equal(0);
    expect(delays.slice(1).every((d) => d >= 50)).to.equal(true);
  });

  it('retries a dropped link at once when the session had lived a while', async () => {
    const { client, server } = connectedClient();
    const delays: number[] = [];
    client.on('status', ({ status, retryInMs }) => {
      if (status === 'reconnecting') delays.push(retryInMs!);
    });
    await client.connect();
    server.drop();
    await new Promise((r) => client.on('online', r));
    expect(delays).to.deep.equal([0]);
  });
});

describe('features across a replaced session', () => {
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  });

  const ROSTER = 'jabber:iq:roster';
  const DISCO = 'http://jabber.org/protocol/disco#info';

  it("sends one initial presence per session, though the old session's roster fetch was cut", async () => {
    const { client, server } = connectedClient();
    const store = createMessageStore(`me-${Math.random()}@example.org`, { backend: createMemoryBackend() });
    createRoster({ client, store, account: () => 'me@example.org' });
    await client.connect();
    await eventually(() => sentBy(server, 'iq', ROSTER).length > 0);
    const firstGet = sentBy(server, 'iq', ROSTER);
    expect(firstGet).to.have.length(1); // unanswered: the link drops now
    server.drop();
    await new Promise((r) => client.on('online', r));
    const since = server.sent.length;
    await eventually(() => sentBy(server, 'iq', ROSTER).length > 1);
    const secondGet = sentBy(server, 'iq', ROSTER).at(-1)!;
    expect(secondGet).to.not.equal(firstGet[0]);
    server.answer(secondGet, xml('query', { xmlns: ROSTER, ver: '1' }));
    await sleep(400); // beyond the old request's timeout
    const presences = server.sent.slice(since).filter((s) => s.name === 'presence' && !s.attrs.type);
    expect(presences, 'initial presences in the new session').to.have.length(1);
    store.close();
  });

  it('learns the features of the new session, not of the replaced one', async () => {
    const { client, server } = connectedClient({ timeoutMs: 1000 });
    const disco = createDisco({ client, domain: () => 'example.org' });
    await client.connect();
    let release!: () => void;
    server.gate = new Promise((r) => {
      release = () => r(undefined);
    });
    server.drop();
    await sleep(1500); // the server is unreachable for longer than a request's deadline
    release();
    await new Promise((r) => client.on('online', r));
    const ready = disco.ready;
    let isReady = false;
    void ready.then(() => {
      isReady = true;
    });
    // Had the old requests kept their deadlines, the last would have failed by now and settled
    // the new session's features; the new session's own requests are still within theirs.
    await sleep(750);
    expect(isReady, "ready before the new session's server answered").to.equal(false);
    const query = (to: string) => server.sent.filter((s) => s.attrs.to === to && childOf(s, 'query', DISCO)).at(-1)!;
    server.answer(query('example.org'), xml('query', { xmlns: DISCO }, xml('feature', { var: 'urn:xmpp:mam:2' })));
    await sleep(10);
    server.answer(query('me@example.org'), xml('query', { xmlns: DISCO }));
    await ready;
    expect(disco.has('urn:xmpp:mam:2')).to.equal(true);
  });

  it('fetches the saved replies again in the new session, and reports nothing of the replaced one', async () => {
    const { client, server } = connectedClient();
    const replies = createCannedReplies({ client });
    const errors: string[] = [];
    replies.on('error', (error) => errors.push(error.message));
    await client.connect();
    const first = replies.list().then(
      () => 'listed',
      (e: Error) => e.name,
    );
    const gets = () => server.sent.filter((s) => s.attrs.type === 'get' && childOf(s, 'query', 'jabber:iq:private'));
    await eventually(() => gets().length > 0);
    expect(gets()).to.have.length(1); // unanswered: the link drops now
    server.drop();
    await new Promise((r) => client.on('online', r));
    expect(await first, 'the caller of the replaced session').to.equal('ConnectionError');
    await eventually(() => gets().length > 1);
    expect(gets(), 'a fetch of the new session').to.have.length(2);
    server.answer(gets()[1], xml('query', { xmlns: 'jabber:iq:private' }));
    await sleep(300);
    expect(errors).to.deep.equal([]);
  });

  it('fetches the block list of the new session only', async () => {
    const { client, server } = connectedClient();
    const blocking = createBlocking({ client, account: () => 'me@example.org', supported: () => true, ready: () => Promise.resolve() });
    const errors: string[] = [];
    blocking.on('error', (error) => errors.push(error.message));
    await client.connect();
    await sleep(10);
    const gets = () => server.sent.filter((s) => s.attrs.type === 'get' && childOf(s, 'blocklist', 'urn:xmpp:blocking'));
    // Listening for errors is no interest in the list (every chat does, visitors too); listening for it is.
    expect(gets()).to.have.length(0);
    blocking.on('blocked', () => undefined);
    await eventually(() => gets().length > 0);
    expect(gets()).to.have.length(1);
    server.drop();
    await new Promise((r) => client.on('online', r));
    await eventually(() => gets().length > 1);
    expect(gets()).to.have.length(2);
    server.answer(gets()[1], xml('blocklist', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: 'spam@example.org' })));
    await sleep(300);
    expect([...blocking.blocked]).to.deep.equal(['spam@example.org']);
    expect(errors).to.deep.equal([]);
  });
});
