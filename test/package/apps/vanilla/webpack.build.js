// webpack 5 through its API (its CLI needs a newer Node): bundles the app, its TypeScript stripped
// by esbuild (without bundling) into out/js.
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import webpack from 'webpack';

const outDir = resolve('out/webpack');
webpack(
  {
    mode: 'production',
    entry: resolve('out/js/main.js'),
    output: { path: outDir, filename: 'main.js' },
    // What is checked is how webpack resolves and splits the package, not how small it minifies it.
    optimization: { minimize: false },
    performance: { hints: false },
  },
  (error, stats) => {
    if (error || stats?.hasErrors()) {
      console.error(error ?? stats?.toString({ all: false, errors: true }));
      process.exit(1);
    }
    mkdirSync(outDir, { recursive: true });
    copyFileSync('index.webpack.html', resolve(outDir, 'index.html'));
  },
);
