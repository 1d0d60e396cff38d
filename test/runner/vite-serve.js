// Serves source and test modules through Vite in middleware mode, so the browser gets the
// same module graph as the build (CommonJS dependencies, browser field mappings, TypeScript).
import { createServer } from 'vite';

const VITE_PATHS = /^\/(src|components|test|demo|node_modules|@vite|@id|@fs|__vite)/;

// The test runner's own modules are served by the test runner, not by Vite.
const testRunnerModules = {
  name: 'xmpp-chat-test-runner-modules',
  resolveId: (id) => (id.startsWith('/__web-dev-server') ? { id, external: true } : null),
};

/** Returns the koa middleware and a plugin that closes Vite when the test server stops. */
export function viteServe() {
  let vite;
  const ready = () =>
    (vite ??= createServer({
      configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
      server: { middlewareMode: true, hmr: false, ws: false },
      appType: 'custom',
      logLevel: 'warn',
      plugins: [testRunnerModules],
    }));

  async function middleware(ctx, next) {
    if (!VITE_PATHS.test(ctx.path)) return next();
    const server = await ready();
    await new Promise((resolve, reject) => {
      ctx.respond = false;
      server.middlewares(ctx.req, ctx.res, (error) => {
        ctx.respond = true;
        if (error) reject(error);
        else resolve(next());
      });
    });
  }

  const plugin = {
    name: 'xmpp-chat-vite-serve',
    async serverStop() {
      if (vite) await (await vite).close();
    },
  };
  return { middleware, plugin };
}
