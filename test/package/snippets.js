// The README's "Installing from npm" snippets, placed in the apps that check them: each one is
// compiled with its framework's tools as it stands in the README, so the README cannot drift
// from what the package accepts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where each snippet goes: the app, the file, and how the snippet is recognised. */
const PLACES = [
  { app: 'vanilla', file: 'src/readme-snippet.ts', language: 'ts', test: (code) => code.includes('document.querySelector') },
  { app: 'react', file: 'src/readme-snippet.tsx', language: 'tsx', test: () => true },
  { app: 'frameworks', file: 'src/Readme.vue', language: 'vue', test: () => true },
  { app: 'frameworks', file: 'src/Readme.svelte', language: 'svelte', test: () => true },
  { app: 'frameworks', file: 'src/readme.component.ts', language: 'ts', test: (code) => code.includes('@angular/core') },
];

/** The fenced blocks of the README's section on npm, with their languages. */
export function readmeSnippets(readmePath) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('\n## Installing from npm\n');
  if (start < 0) throw new Error('the README has no "Installing from npm" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, language, code]) => ({ language, code }));
}

/** Writes each snippet into its app folder (before the app is installed); throws if one is missing. */
export function placeSnippets(readmePath, appDir) {
  const snippets = readmeSnippets(readmePath);
  for (const place of PLACES) {
    const snippet = snippets.find(({ language, code }) => language === place.language && place.test(code));
    if (!snippet) throw new Error(`the README's npm section lacks its ${place.language} snippet for ${place.file}`);
    writeFileSync(join(appDir(place.app), place.file), snippet.code);
  }
  return PLACES.length;
}
