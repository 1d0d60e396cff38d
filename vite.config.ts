import { defineConfig, type Plugin } from 'vite';

/** Collapses the whitespace and comments of the elements' css`` templates in the build. */
const compactStyles: Plugin = {
  name: 'xmpp-chat-compact-styles',
  apply: 'build',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return null;
    return code.replace(/css`([^`]*)`/g, (_, body: string) => `css\`${body
      .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{};,])\s*/g, '$1')
      .replace(/([{;][-\w]+):\s+/g, '$1:').replace(/;}/g, '}').trim()}\``);
  },
};

export default defineConfig({
  plugins: [compactStyles],
  optimizeDeps: {
    // CommonJS and browser-mapped dependencies of the transports, pre-bundled for the test server.
    include: [
      '@xmpp/client-core', '@xmpp/websocket', '@xmpp/middleware', '@xmpp/stream-features', '@xmpp/iq/caller.js',
      '@xmpp/sasl', '@xmpp/sasl-plain', '@xmpp/sasl-anonymous', '@xmpp/resource-binding',
      '@xmpp/stream-management', '@xmpp/xml', 'saslmechanisms', 'strophe.js',
      // Listed so that no test page is reloaded when Vite discovers them late.
      'lit', 'lit/directives/live.js', 'lit/directives/repeat.js', 'lit/directives/class-map.js', 'lit/directive.js',
      'lit/directives/if-defined.js', 'axe-core',
    ],
    // Served as is: it imports the test runner's own socket module by absolute URL.
    exclude: ['@web/test-runner-commands'],
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    lib: { entry: 'components/index.ts', formats: ['es'], fileName: 'xmpp-chat' },
    // Browsers load these files as they are: minify whitespace too (library builds keep it by default).
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true } },
  },
});
