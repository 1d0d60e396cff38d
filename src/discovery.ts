/**
 * Finds a domain's WebSocket and BOSH endpoints from its host-meta files (XEP-0156): the XML
 * `/.well-known/host-meta` and the JSON `/.well-known/host-meta.json`, fetched in parallel.
 */
import { ConfigError, ConnectionError } from './errors.ts';
import { childrenOf } from './stanza/element.ts';
import { parseXml, StanzaParseError } from './stanza/dom.ts';

const REL_WEBSOCKET = 'urn:xmpp:alt-connections:websocket';
const REL_BOSH = 'urn:xmpp:alt-connections:xbosh';
const DEFAULT_TIMEOUT_MS = 10_000;

/** Endpoint URLs, in the order the domain lists them. */
export interface Endpoints {
  websocket: string[];
  bosh: string[];
}

/** Where and how to look; `fetch` can be replaced, e.g. in tests. */
export interface DiscoveryOptions {
  /** Defaults to `https://<domain>`. */
  origin?: string;
  fetch?: typeof fetch;
  /** Time allowed for each file (default 10 s). */
  timeoutMs?: number;
}

/** Only URLs that can be connected to: ws:/wss: for WebSocket, http:/https: for BOSH. */
function hasScheme(href: string, schemes: readonly string[]): boolean {
  if (!URL.canParse(href)) return false;
  return schemes.includes(new URL(href).protocol);
}

function collect(links: { rel?: unknown; href?: unknown }[]): Endpoints {
  const pick = (rel: string, schemes: readonly string[]) =>
    links
      .filter((link) => link.rel === rel && typeof link.href === 'string' && hasScheme(link.href, schemes))
      .map((link) => link.href as string);
  return { websocket: pick(REL_WEBSOCKET, ['ws:', 'wss:']), bosh: pick(REL_BOSH, ['http:', 'https:']) };
}

/** Reads the endpoints from an XRD host-meta document. Unreadable XML gives no endpoints. */
export function parseHostMeta(xmlText: string): Endpoints {
  try {
    const xrd = parseXml(xmlText);
    return collect(childrenOf(xrd, 'Link').map((link) => ({ rel: link.attrs.rel, href: link.attrs.href })));
  } catch (error) {
    if (error instanceof StanzaParseError) return { websocket: [], bosh: [] };
    throw error;
  }
}

/** Reads the endpoints from a JSON host-meta document. Unreadable JSON gives no endpoints. */
export function parseHostMetaJson(text: string): Endpoints {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return { websocket: [], bosh: [] };
    throw error;
  }
  const links = (doc as { links?: unknown } | null)?.links;
  if (!Array.isArray(links)) return { websocket: [], bosh: [] };
  return collect(links.filter((link): link is { rel?: unknown; href?: unknown } => typeof link === 'object' && link !== null));
}

/** The outcome of fetching one host-meta file: its endpoints, or why there are none. */
type Lookup = { endpoints: Endpoints } | { problem: string };

async function lookUp(url: string, parse: (text: string) => Endpoints, fetchFn: typeof fetch, timeoutMs: number): Promise<Lookup> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Racing a timer as well as aborting: a fetch that ignores its signal cannot hang discovery.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ConnectionError('timeout', `${url} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    const text = await Promise.race([
      (async () => {
        const response = await fetchFn(url, { signal: controller.signal, credentials: 'omit' });
        if (!response.ok) throw new ConnectionError('unreachable', `${url} answered HTTP ${response.status}`);
        return response.text();
      })(),
      timeout,
    ]);
    const endpoints = parse(text);
    if (endpoints.websocket.length + endpoints.bosh.length === 0) return { problem: `${url} lists no WebSocket or BOSH address` };
    return { endpoints };
  } catch (error) {
    if (error instanceof ConnectionError) return { problem: error.message };
    return { problem: `${url} is not reachable (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Looks up the WebSocket and BOSH endpoints of `domain`. Throws a ConnectionError `no-endpoint`
 * saying why when neither host-meta file lists any, and a ConfigError when `domain` is not one.
 */
export async function discoverEndpoints(domain: string, options: DiscoveryOptions = {}): Promise<Endpoints> {
  if (!options.origin && (!domain || /[\s/?#@\\:]/.test(domain))) {
    throw new ConfigError('invalid-domain', `"${domain}" is not a server domain (like example.org).`);
  }
  const origin = (options.origin ?? `https://${domain}`).replace(/\/+$/, '');
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lookups = await Promise.all([
    lookUp(`${origin}/.well-known/host-meta`, parseHostMeta, fetchFn, timeoutMs),
    lookUp(`${origin}/.well-known/host-meta.json`, parseHostMetaJson, fetchFn, timeoutMs),
  ]);
  const found: Endpoints = { websocket: [], bosh: [] };
  for (const lookup of lookups) {
    if (!('endpoints' in lookup)) continue;
    for (const url of lookup.endpoints.websocket) if (!found.websocket.includes(url)) found.websocket.push(url);
    for (const url of lookup.endpoints.bosh) if (!found.bosh.includes(url)) found.bosh.push(url);
  }
  if (found.websocket.length + found.bosh.length === 0) {
    const why = lookups
      .map((lookup) => ('problem' in lookup ? lookup.problem : ''))
      .filter(Boolean)
      .join('; ');
    throw new ConnectionError('no-endpoint', `No chat service was found for ${domain}: ${why}.`);
  }
  return found;
}
