import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { chunkLoading } from './vite.chunk-loading.ts';

/** Collapses the whitespace and comments of the elements' css`` templates in the build. */
const compactStyles: Plugin = {
  name: 'xmpp-chat-compact-styles',
  apply: 'build',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return null;
    return code.replace(
      /css`([^`]*)`/g,
      (_, body: string) =>
        `css\`${body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,])\s*/g, '$1')
          .replace(/([{;][-\w]+):\s+/g, '$1:')
          .replace(/;}/g, '}')
          .trim()}\``,
    );
  },
};

/**
 * strophe.js is one module whose `Strophe` object refers to all it has, so the bundler keeps all
 * of it. Our BOSH transport (src/transport/bosh.ts) uses its BOSH connection with PLAIN and
 * ANONYMOUS (SCRAM is ours, src/transport/bosh-scram.ts), never its WebSocket transports, stream
 * management, other SASL mechanisms, `stx` stanzas or XHTML-IM (`Builder.h()` and the XHTML
 * rules): the build replaces those classes and functions with ones that throw if used, and the
 * XHTML rules with none. Written for strophe.js 5.0.0 (pinned); a name not found fails the build.
 */
const UNUSED_STROPHE_CLASSES = [
  'Websocket',
  'WorkerWebsocket',
  'MemoryStorageBackend',
  'SessionStorageBackend',
  'StreamManagement',
  'StreamManagementMirror',
  'SASLExternal',
  'SASLOAuthBearer',
  'SASLSHA1',
  'SASLSHA256',
  'SASLSHA384',
  'SASLSHA512',
  'SASLXOAuth2',
  'Stanza',
];
const UNUSED_STROPHE_FUNCTIONS = ['createHtml', 'createFromHtmlElement', 'validTag', 'validAttribute', 'validCSS'];
/**
 * Connection methods for stream management (made only with the classes above), for legacy
 * authentication (XEP-0078: our transport sets each connection's own `authenticate`, which only
 * tries SASL), and ones we never call.
 */
const UNUSED_STROPHE_METHODS = [
  '_registerSMHandlers',
  '_onStreamResumed',
  '_onStreamResumptionFailed',
  'sendPresence',
  'addProtocolErrorHandler',
  'attach',
  'pause',
  'resume',
  'authenticate',
  '_attemptLegacyAuth',
  '_onLegacyAuthIQResult',
  '_auth2_cb',
];
const slimStrophe: Plugin = {
  name: 'xmpp-chat-slim-strophe',
  apply: 'build',
  transform(code, id) {
    if (!/strophe\.js[/\\]dist[/\\]strophe\.esm\.js$/.test(id)) return null;
    const replace = (kind: string, name: string, stub: string, indent = '') => {
      const start = new RegExp(`^${indent}${kind}${name}\\([^\\n]*\\{$|^${indent}${kind}${name}\\b[^\\n(]*\\{$`, 'm').exec(code);
      const end = start ? code.indexOf(`\n${indent}}`, start.index) : -1; // its closing brace, the next at its indent
      if (!start || end < 0) this.error(`strophe.js: ${kind}${name} not found; check slimStrophe's lists`);
      code = code.slice(0, start.index) + indent + stub + code.slice(code.indexOf('\n', end + 1));
    };
    const leftOut = (name: string) => `throw new Error('strophe.js ${name} is left out of the xmpp-chat build');`;
    for (const name of UNUSED_STROPHE_CLASSES) replace('class ', name, `class ${name} { constructor() { ${leftOut(name)} } }`);
    for (const name of UNUSED_STROPHE_FUNCTIONS) replace('function ', name, `function ${name}() { ${leftOut(name)} }`);
    replace('const ', 'XHTML', 'const XHTML = {};');
    // Connection's methods, at its indent: the class is the only one that has these names.
    for (const name of UNUSED_STROPHE_METHODS) replace('', name, `${name}() { ${leftOut(`Connection.${name}`)} }`, '    ');
    return { code, map: null };
  },
};

/**
 * Modules of xmpp.js's dependencies that the widget's build takes from src/transport/ instead:
 * - `events`: xmpp.js and ltx extend Node's EventEmitter, which the bundler takes from the events
 *   package, a full port of Node's module (1.3 KB gzip); node-events.ts is the part they use.
 * - `koa-compose` (@xmpp/middleware's): the same function as an ES module, where the package's
 *   CommonJS needs the bundler's module wrappers and interop helpers.
 * Build only: the test server's pre-bundled dependencies keep the packages.
 */
const XMPP_JS_REPLACEMENTS: Record<string, string> = { events: 'node-events.ts', 'koa-compose': 'koa-compose.ts' };
const slimXmppJs: Plugin = {
  name: 'xmpp-chat-slim-xmpp-js',
  apply: 'build',
  enforce: 'pre',
  resolveId: (id) =>
    id in XMPP_JS_REPLACEMENTS ? fileURLToPath(new URL(`src/transport/${XMPP_JS_REPLACEMENTS[id]}`, import.meta.url)) : null,
};

/**
 * ltx, xmpp.js's XML element and parser, in the widget's build:
 * - xmpp.js imports its CommonJS files (`ltx/lib/…`), which the bundler wraps in module objects
 *   and interop helpers; the build takes the same code from its ES modules (`ltx/src/…`).
 * - Its Element is a class, so the bundler keeps all its methods. The builder and lookup methods
 *   that no xmpp.js package in our build nor our WebSocket transport calls are replaced by ones
 *   that throw.
 * Written for ltx 3.1.2; a file or method not found fails the build.
 */
const UNUSED_LTX_METHODS = ['getXmlns', 'getAttr', 'getChildByAttr', 'getChildrenByAttr', 'root', 'up', 'c', 'prepend', 'attr'];
const slimLtx: Plugin = {
  name: 'xmpp-chat-slim-ltx',
  apply: 'build',
  enforce: 'pre',
  async resolveId(id, importer) {
    const file = /^ltx\/lib\/(.+\.js)$/.exec(id)?.[1];
    if (!file) return null;
    const resolved = await this.resolve(`ltx/src/${file}`, importer, { skipSelf: true });
    if (!resolved) this.error(`ltx: src/${file} not found; check slimLtx`);
    return resolved;
  },
  transform(code, id) {
    if (!/[/\\]ltx[/\\]src[/\\]Element\.js$/.test(id)) return null;
    for (const name of UNUSED_LTX_METHODS) {
      const start = new RegExp(`^  ${name}\\([^\\n]*\\{$`, 'm').exec(code);
      const end = start ? code.indexOf('\n  }', start.index) : -1; // its closing brace, the next at its indent
      if (!start || end < 0) this.error(`ltx: Element.${name} not found; check UNUSED_LTX_METHODS`);
      const stub = `  ${name}() { throw new Error('ltx Element.${name} is left out of the xmpp-chat build'); }`;
      code = code.slice(0, start.index) + stub + code.slice(code.indexOf('\n', end + 1));
    }
    return { code, map: null };
  },
};

/**
 * `vite build --mode core` adds the package's other entries to `dist/` after the widget's build:
 * `core.js` (the client core for apps that draw their own UI: no lit, no elements) and `server.js`
 * (what the package's `node` export condition gives server rendering: registers nothing). A build
 * of their own, so the widget's chunks stay exactly as the visitor's budget measured them; the
 * core's lazy parts go to `dist/core/`.
 */
const coreBuild = defineConfig({
  plugins: [slimStrophe, slimXmppJs, slimLtx],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: { core: 'src/core.ts', server: 'components/server.ts' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    rolldownOptions: { output: { chunkFileNames: 'core/[name]-[hash].js', minify: true } },
  },
});

const widgetBuild = defineConfig({
  plugins: [compactStyles, slimStrophe, slimXmppJs, slimLtx, chunkLoading({ preloading: ['websocket', 'bosh'] })],
  optimizeDeps: {
    // CommonJS and browser-mapped dependencies of the transports, pre-bundled for the test server.
    include: [
      '@xmpp/client-core',
      '@xmpp/websocket',
      '@xmpp/middleware',
      '@xmpp/stream-features',
      '@xmpp/iq/caller.js',
      '@xmpp/sasl',
      '@xmpp/sasl-plain',
      '@xmpp/sasl-anonymous',
      '@xmpp/resource-binding',
      '@xmpp/stream-management',
      '@xmpp/xml',
      'saslmechanisms',
      'strophe.js',
      // Listed so that no test page is reloaded when Vite discovers them late.
      'lit',
      'lit/directives/live.js',
      'lit/directives/repeat.js',
      'lit/directives/class-map.js',
      'lit/directive.js',
      'lit/directives/if-defined.js',
      'axe-core',
    ],
    // Served as is: it imports the test runner's own socket module by absolute URL.
    exclude: ['@web/test-runner-commands'],
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    lib: { entry: 'components/index.ts', formats: ['es'], fileName: 'xmpp-chat' },
    // Browsers load these files as they are: minify whitespace too (library builds keep it by default).
    rolldownOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        // `/* @__PURE__ */` marks help a bundler leave out unused code; browsers run these files as
        // they are, where the marks only weigh (0.2 KB gzip on a visitor's way to a conversation).
        comments: { annotation: false },
        // Files every visit loads together, kept as one rather than several small ones (each costs
        // a request and compresses alone): Lit with the strings and part names the launcher needs,
        // and the core's errors, events, element and address helpers and storage types, which the
        // panel and every lazy part of the core and the desk use. One file compresses 0.3 KB
        // smaller than two; the launcher waits for 2 KB more. The launcher's element and the page
        // API join them too (0.2 KB less than beside them in the entry), leaving the entry file
        // only components/index.ts, which finds its script tag by its own URL. A module these
        // patterns miss after an upgrade only goes back to its own file.
        codeSplitting: {
          groups: [
            {
              name: 'lit',
              test: /[\\/](lit-html[\\/]lit-html|lit-element[\\/]lit-element|reactive-element[\\/](reactive-element|css-tag))\.js$|[\\/]components[\\/](i18n[\\/](i18n|catalog)|events|parts|xmpp-chat[\\/]xmpp-chat(\.styles)?|controllers[\\/]hidden-tab-hint)\.ts$|[\\/]src[\\/](errors|events|storage[\\/]types|stanza[\\/](tree|element|jid))\.ts$/,
            },
            // The panel with everything it imports, as one file: a helper that a lazy part of the
            // core or the panel also imports through another of the panel's modules (the message
            // builders through disco, Lit's directives through the emoji picker) otherwise goes
            // to a small file of its own that every visitor loads (0.7 KB gzip more). The price:
            // the panel's dynamic import gets a namespace object, made by a helper of the bundler's
            // runtime, which stays in this chunk as long as no other chunk needs the runtime (a
            // module both imported and dynamically imported elsewhere would: see avatar-element.ts).
            { name: 'chat-panel', test: /[\\/]components[\\/]chat-panel[\\/]chat-panel\.ts$/ },
          ],
        },
      },
    },
  },
});

export default defineConfig(({ mode }) => (mode === 'core' ? coreBuild : widgetBuild));
