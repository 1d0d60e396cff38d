import { defineConfig } from 'vite';
import { stubNodeDns } from './scripts/build/stub-node-dns.ts';

export default defineConfig({
  plugins: [stubNodeDns()],
  optimizeDeps: {
    include: ['@xmpp/client', 'strophe.js'],
    // Served as is: it imports the test runner's own socket module by absolute URL.
    exclude: ['@web/test-runner-commands'],
    rolldownOptions: { plugins: [stubNodeDns()] },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'xmpp-chat' },
    rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
});
