import type { Plugin } from 'vite';

// @xmpp/resolve imports `./lib/dns.js` (node:dns) even in browsers: its package.json maps
// "./lib/dns" but not "./lib/dns.js" (xmpp.js issue #1093). We never resolve SRV records in a
// browser, so the module is replaced by an empty one, in the build and in dependency pre-bundling.
const STUB_ID = '\0xmpp-chat-empty-dns';

export function stubNodeDns(): Plugin {
  return {
    name: 'xmpp-chat-stub-node-dns',
    resolveId(source, importer) {
      if (source === './lib/dns.js' && importer?.includes('@xmpp/resolve')) return STUB_ID;
      return null;
    },
    load(id) {
      return id === STUB_ID ? 'export {};' : null;
    },
  };
}
