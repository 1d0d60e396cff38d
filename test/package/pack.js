// Packs the working tree as npm would publish it, from a copy (so that no one else's build of
// dist/ lands in the tarball half-written), and checks what the tarball holds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a user's install must find. */
const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'custom-elements.json',
  'dist/xmpp-chat.js',
  'dist/xmpp-chat.d.ts',
  'dist/core.js',
  'dist/core.d.ts',
  'dist/server.js',
  'dist/elements.d.ts',
  'dist/react.d.ts',
  'dist/vue.d.ts',
];
/** What a user's install must never get: tests, fixtures, server configs, sources, maps. */
const FORBIDDEN = [
  /(^|\/)test\//,
  /\.test\./,
  /fixture/i,
  /(^|\/)servers?\//,
  /\.(ts|tsx)$(?<!\.d\.ts)/,
  /\.map$/,
  /^(src|components|scripts|demo|types)\//,
];
/** A bound well above the packed size the README states: a tarball past it holds something it should not. */
export const MAX_PACKED_BYTES = 700 * 1024;

/** Copies the files git would see (tracked, or new and not ignored) to `to`, with the repository's node_modules. */
export function copyWorkingTree(root, to) {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    let stats;
    try {
      stats = statSync(join(root, file));
    } catch (error) {
      if (error.code === 'ENOENT') continue; // deleted in the working tree, not yet in the index
      throw error;
    }
    if (!stats.isFile()) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(root, file), join(to, file));
  }
  symlinkSync(join(root, 'node_modules'), join(to, 'node_modules'));
}

/** `npm pack` (its prepack builds), then the file list asserted; returns the tarball's path and facts. */
export function pack(source, destination) {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: source, encoding: 'utf8' });
  // The prepack build writes to the same stdout; npm's JSON is the last thing, an array at a line's start.
  const [result] = JSON.parse(output.slice(output.search(/^\[\s*\{/m)));
  const paths = result.files.map((file) => file.path);
  const missing = REQUIRED.filter((path) => !paths.includes(path));
  if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(', ')}`);
  const forbidden = paths.filter((path) => FORBIDDEN.some((pattern) => pattern.test(path)));
  if (forbidden.length > 0) throw new Error(`the tarball holds what no user needs: ${forbidden.join(', ')}`);
  const strays = paths.filter((path) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE|custom-elements\.json$)/.test(path));
  if (strays.length > 0) throw new Error(`unexpected files in the tarball: ${strays.join(', ')}`);
  if (result.size > MAX_PACKED_BYTES) throw new Error(`the tarball is ${result.size} bytes, over ${MAX_PACKED_BYTES}`);
  // The manifest analyzer writes its --outdir into package.json: a run with another folder must not ship.
  const { customElements } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  if (customElements !== 'custom-elements.json') throw new Error(`package.json's customElements is ${customElements}`);
  return { tarball: join(destination, result.filename), size: result.size, unpackedSize: result.unpackedSize, files: paths };
}

/** sha256 of every file under `dir`, by relative path. */
export function hashTree(dir, prefix = '') {
  const hashes = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(hashes, hashTree(dir, path));
    else
      hashes[path] = createHash('sha256')
        .update(readFileSync(join(dir, path)))
        .digest('hex');
  }
  return hashes;
}

/** Builds again and compares every output byte with the build that was packed. */
export function assertReproducible(source) {
  const outputs = () => ({ ...hashTree(join(source, 'dist')), 'custom-elements.json': hashFile(join(source, 'custom-elements.json')) });
  const first = outputs();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] });
  const second = outputs();
  const differ = [...new Set([...Object.keys(first), ...Object.keys(second)])].filter((path) => first[path] !== second[path]);
  if (differ.length > 0) throw new Error(`two builds of the same sources differ in ${differ.join(', ')}`);
  return Object.keys(first).length;
}

function hashFile(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
