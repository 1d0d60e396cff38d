// Host pages under a strict Content-Security-Policy sent as a real HTTP header, for the CSP test.
// /__csp/page.html?body=<html> serves a page whose body is `body`; with `&allow-list` the policy
// also lists the Trusted Types policies the page allows, as the README tells such sites to.
// /__csp/violations.js (same-origin, since inline scripts are blocked) records every
// `securitypolicyviolation` from the first moment, before the widget's script runs.

// The four test servers, under both names of the loopback address: a second page over BOSH uses
// the other (6 connections per host).
const PORTS = [15280, 25280, 35280, 45280];
const SERVERS = ['127.0.0.1', 'localhost'].flatMap((host) => PORTS.map((port) => `${host}:${port}`));

/** The policy the README recommends, with the test servers' origins as the chat server. */
const STRICT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  `connect-src ${SERVERS.flatMap((host) => [`http://${host}`, `ws://${host}`]).join(' ')}`,
  "img-src 'self' data:",
  "require-trusted-types-for 'script'",
].join('; ');

/** The README's `trusted-types` directive for sites that list the policies they allow. */
const ALLOW_LIST = 'trusted-types lit-html xmpp-chat-xml';

const VIOLATIONS_SCRIPT = `window.cspViolations = [];
const record = (e) => window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || ''));
document.addEventListener('securitypolicyviolation', record, true);
`;

export async function cspPage(ctx, next) {
  if (ctx.path === '/__csp/violations.js') {
    ctx.type = 'text/javascript';
    ctx.body = VIOLATIONS_SCRIPT;
  } else if (ctx.path === '/__csp/page.html') {
    ctx.set('Content-Security-Policy', 'allow-list' in ctx.query ? `${STRICT_POLICY}; ${ALLOW_LIST}` : STRICT_POLICY);
    ctx.type = 'text/html';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>A host page with a strict policy</title><script src="/__csp/violations.js"></script></head>
<body>${ctx.query.body ?? ''}</body></html>`;
  } else {
    return next();
  }
}
