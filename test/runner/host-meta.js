// XEP-0156 documents for discovery tests, served by the test runner under
// /__host-meta/<scenario>/.well-known/host-meta(.json). Each scenario lists real endpoints of the
// test servers (or deliberately dead ones) so the client's discovery and fallback run for real.
const HTTP_PORTS = { prosody: 15280, ejabberd: 25280, prosody13: 35280, ejabberd24: 45280 };

/** A WebSocket endpoint that refuses connections, then the server's BOSH: the client must fall back. */
const deadWebSocket = (port) => [
  ['urn:xmpp:alt-connections:websocket', 'ws://127.0.0.1:9/xmpp-websocket'],
  ['urn:xmpp:alt-connections:xbosh', `http://127.0.0.1:${port}/http-bind`],
];

const SCENARIOS = {
  // dead-websocket-<server>, for each of the four test servers.
  ...Object.fromEntries(Object.entries(HTTP_PORTS).map(([server, port]) => [`dead-websocket-${server}`, deadWebSocket(port)])),
  // Only links the client must refuse to follow.
  hostile: [
    ['urn:xmpp:alt-connections:websocket', 'javascript:alert(1)'],
    ['urn:xmpp:alt-connections:xbosh', 'data:text/html,<script>alert(1)</script>'],
  ],
  empty: [],
};

const xrd = (links) =>
  `<?xml version='1.0' encoding='utf-8'?>\n<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>${links
    .map(([rel, href]) => `<Link rel='${rel}' href='${href.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;')}'/>`)
    .join('')}</XRD>`;

export async function hostMeta(ctx, next) {
  const match = /^\/__host-meta\/([a-z0-9-]+)\/\.well-known\/host-meta(\.json)?$/.exec(ctx.path);
  if (!match || !(match[1] in SCENARIOS)) return next();
  const links = SCENARIOS[match[1]];
  if (match[2]) {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ links: links.map(([rel, href]) => ({ rel, href })) });
  } else {
    ctx.type = 'application/xrd+xml';
    ctx.body = xrd(links);
  }
}
