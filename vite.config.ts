import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: {
    // CommonJS and browser-mapped dependencies of the transports, pre-bundled for the test server.
    include: [
      '@xmpp/client-core', '@xmpp/websocket', '@xmpp/middleware', '@xmpp/stream-features', '@xmpp/iq/caller.js',
      '@xmpp/sasl', '@xmpp/sasl-plain', '@xmpp/sasl-anonymous', '@xmpp/resource-binding',
      '@xmpp/stream-management', '@xmpp/xml', 'saslmechanisms', 'strophe.js',
      // Listed so that no test page is reloaded when Vite discovers them late.
      'lit', 'lit/directives/live.js', 'lit/directives/repeat.js', 'lit/directives/class-map.js', 'lit/directives/style-map.js',
      'lit/directives/if-defined.js', 'axe-core',
    ],
    // Served as is: it imports the test runner's own socket module by absolute URL.
    exclude: ['@web/test-runner-commands'],
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'xmpp-chat' },
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
});
