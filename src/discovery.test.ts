import { expect } from '@esm-bundle/chai';
import { discoverEndpoints, parseHostMeta, parseHostMetaJson } from './discovery.ts';
import { ConfigError, ConnectionError } from './errors.ts';

// As Prosody's mod_host_meta serves it.
const PROSODY_HOST_META = `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://example.org:5281/http-bind" />
  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://example.org:5281/xmpp-websocket" />
</XRD>`;

// As ejabberd's mod_host_meta serves it.
const EJABBERD_HOST_META_JSON = JSON.stringify({
  links: [
    { rel: 'urn:xmpp:alt-connections:xbosh', href: 'https://example.org:5443/bosh' },
    { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://example.org:5443/ws' },
    { rel: 'urn:xmpp:alt-connections:websocket', href: 'wss://example.org:5281/xmpp-websocket' },
  ],
});

const HOSTILE_HOST_META = `<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:websocket" href="javascript:alert(1)"/>
  <Link rel="urn:xmpp:alt-connections:websocket" href="https://example.org/not-a-websocket"/>
  <Link rel="urn:xmpp:alt-connections:websocket" href="/relative/ws"/>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="wss://example.org/not-bosh"/>
  <Link rel="urn:xmpp:alt-connections:xbosh"/>
  <Link rel="urn:example:other" href="https://example.org/other"/>
</XRD>`;

/** A body, a status, a network error, or 'hang' / 'hang-ignoring-abort' (never answers). */
type Answer = string | number | Error;

/** A fake fetch answering each URL with a body (200), a status, a network error or never. */
function fakeFetch(answers: Record<string, Answer>) {
  const calls: { url: string; signal?: AbortSignal | null }[] = [];
  const fetchFn = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, signal: init?.signal });
    const answer = answers[url] ?? 404;
    if (answer instanceof Error) return Promise.reject(answer);
    if (typeof answer === 'number') return Promise.resolve(new Response('Not Found', { status: answer }));
    if (answer === 'hang-ignoring-abort') return new Promise<Response>(() => undefined);
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))),
      );
    }
    return Promise.resolve(new Response(answer, { status: 200 }));
  }) as typeof fetch;
  return { fetchFn, calls };
}

const XML_URL = 'https://example.org/.well-known/host-meta';
const JSON_URL = 'https://example.org/.well-known/host-meta.json';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('parseHostMeta', () => {
  it('reads a Prosody host-meta', () => {
    expect(parseHostMeta(PROSODY_HOST_META)).to.deep.equal({
      websocket: ['wss://example.org:5281/xmpp-websocket'],
      bosh: ['https://example.org:5281/http-bind'],
    });
  });

  it('drops links with the wrong scheme, no href or another rel', () => {
    expect(parseHostMeta(HOSTILE_HOST_META)).to.deep.equal({ websocket: [], bosh: [] });
  });

  it('gives no endpoints for malformed XML or an HTML page', () => {
    for (const text of ['', '<XRD><Link', '<!doctype html><html><body>Not here<br></body></html>', '{"links":[]}']) {
      expect(parseHostMeta(text), text).to.deep.equal({ websocket: [], bosh: [] });
    }
  });
});

describe('parseHostMetaJson', () => {
  it('reads an ejabberd host-meta.json', () => {
    expect(parseHostMetaJson(EJABBERD_HOST_META_JSON)).to.deep.equal({
      websocket: ['wss://example.org:5443/ws', 'wss://example.org:5281/xmpp-websocket'],
      bosh: ['https://example.org:5443/bosh'],
    });
  });

  it('gives no endpoints for malformed or oddly shaped JSON, and drops bad links', () => {
    for (const text of [
      '',
      '{',
      'null',
      '42',
      '[]',
      '{"links":"x"}',
      '{"links":[null,1,"s",{"rel":1,"href":2}]}',
      '{"links":[{"rel":"urn:xmpp:alt-connections:websocket","href":"javascript:alert(1)"}]}',
      '{"links":[{"rel":"urn:xmpp:alt-connections:xbosh","href":{"toString":"x"}}]}',
    ]) {
      expect(parseHostMetaJson(text), text).to.deep.equal({ websocket: [], bosh: [] });
    }
  });
});

describe('discoverEndpoints', () => {
  it('fetches both files and merges them, XML first, without duplicates', async () => {
    const { fetchFn, calls } = fakeFetch({ [XML_URL]: PROSODY_HOST_META, [JSON_URL]: EJABBERD_HOST_META_JSON });
    expect(await discoverEndpoints('example.org', { fetch: fetchFn })).to.deep.equal({
      websocket: ['wss://example.org:5281/xmpp-websocket', 'wss://example.org:5443/ws'],
      bosh: ['https://example.org:5281/http-bind', 'https://example.org:5443/bosh'],
    });
    expect(calls.map((c) => c.url)).to.deep.equal([XML_URL, JSON_URL]);
    expect(calls[0].signal).to.be.instanceOf(AbortSignal);
  });

  it('uses the origin given, and one file is enough', async () => {
    const origin = 'http://localhost:5280';
    const { fetchFn, calls } = fakeFetch({ [`${origin}/.well-known/host-meta.json`]: EJABBERD_HOST_META_JSON });
    const found = await discoverEndpoints('example.org', { origin: `${origin}/`, fetch: fetchFn });
    expect(found.bosh).to.deep.equal(['https://example.org:5443/bosh']);
    expect(calls.map((c) => c.url)).to.deep.equal([`${origin}/.well-known/host-meta`, `${origin}/.well-known/host-meta.json`]);
  });

  it('still finds endpoints when the other file fails to load', async () => {
    const { fetchFn } = fakeFetch({ [XML_URL]: PROSODY_HOST_META, [JSON_URL]: new TypeError('Failed to fetch') });
    expect((await discoverEndpoints('example.org', { fetch: fetchFn })).websocket).to.have.length(1);
  });

  it('says why nothing was found: unreachable and 404', async () => {
    const { fetchFn } = fakeFetch({ [XML_URL]: new TypeError('Failed to fetch'), [JSON_URL]: 404 });
    const error = await failure(discoverEndpoints('example.org', { fetch: fetchFn }));
    expect(error).to.be.instanceOf(ConnectionError);
    expect((error as ConnectionError).condition).to.equal('no-endpoint');
    expect((error as Error).message).to.match(/^No chat service was found for example\.org: /);
    expect((error as Error).message)
      .to.contain('not reachable')
      .and.contain('HTTP 404');
  });

  it('says why nothing was found: no usable links', async () => {
    const { fetchFn } = fakeFetch({ [XML_URL]: HOSTILE_HOST_META, [JSON_URL]: '<html>oops</html>' });
    const error = await failure(discoverEndpoints('example.org', { fetch: fetchFn }));
    expect((error as ConnectionError).condition).to.equal('no-endpoint');
    expect((error as Error).message).to.contain('lists no WebSocket or BOSH address');
  });

  it('gives up on a server that hangs, aborting the requests', async () => {
    const { fetchFn, calls } = fakeFetch({ [XML_URL]: 'hang', [JSON_URL]: 'hang-ignoring-abort' });
    const started = Date.now();
    const error = await failure(discoverEndpoints('example.org', { fetch: fetchFn, timeoutMs: 50 }));
    expect(Date.now() - started).to.be.below(2000);
    expect((error as ConnectionError).condition).to.equal('no-endpoint');
    expect((error as Error).message).to.contain('did not answer within 50 ms');
    expect(calls.every((c) => c.signal?.aborted)).to.equal(true);
  });

  it('rejects a domain that is not one, without fetching', async () => {
    const { fetchFn, calls } = fakeFetch({});
    for (const domain of ['', 'evil.org/path', 'user@evil.org', 'a b', 'evil.org?x', 'evil.org:8080']) {
      expect(await failure(discoverEndpoints(domain, { fetch: fetchFn })), domain).to.be.instanceOf(ConfigError);
    }
    expect(calls).to.have.length(0);
  });
});
