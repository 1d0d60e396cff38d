// Runs the README's signing snippets (section "Verified visitors") on its test vector, each with
// its language's own interpreter, so the README cannot drift from what the desk verifies.
// `node test/runner/sign-check.js` prints one line per language and fails if any snippet does.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const README = new URL('../../README.md', import.meta.url);
export const VECTOR = {
  secret: 'correct horse battery staple',
  userId: '42',
  email: 'zoe@example.org',
  name: 'Zoë 李',
  signature: 'd565164ba717fe6549614d96ef146834756c25a6427981c07f9fffd63d4edbad',
};
const { secret, userId, email, name } = VECTOR;
const q = JSON.stringify; // a double-quoted literal that PHP, Python, Ruby and Go read the same way for these values

/** Per language: the label before its snippet, the file to write, and how to run it. */
const LANGUAGES = {
  node: {
    label: 'Node.js:',
    file: 'sign.mjs',
    source: (snippet) =>
      `${snippet}\nconsole.log(visitorSignature(${q(secret)}, { userId: ${q(userId)}, email: ${q(email)}, name: ${q(name)} }));\n`,
    command: (file) => [process.execPath, [file]],
  },
  php: {
    label: 'PHP:',
    file: 'sign.php',
    source: (snippet) => `<?php\n${snippet}\necho visitor_signature(${q(secret)}, ${q(userId)}, ${q(email)}, ${q(name)}), "\\n";\n`,
    command: (file) => ['php', [file]],
  },
  python: {
    label: 'Python:',
    file: 'sign.py',
    source: (snippet) => `${snippet}\nprint(visitor_signature(${q(secret)}, ${q(userId)}, ${q(email)}, ${q(name)}))\n`,
    command: (file) => ['python3', [file]],
  },
  ruby: {
    label: 'Ruby:',
    file: 'sign.rb',
    source: (snippet) => `${snippet}\nputs visitor_signature(${q(secret)}, ${q(userId)}, ${q(email)}, ${q(name)})\n`,
    command: (file) => ['ruby', [file]],
  },
  go: {
    label: 'Go:',
    file: 'sign.go',
    source: (snippet) =>
      `package main\n\n${snippet.replace('import (', 'import (\n\t"fmt"')}\n\nfunc main() {\n\tfmt.Println(VisitorSignature(${q(secret)}, ${q(userId)}, ${q(email)}, ${q(name)}))\n}\n`,
    command: (file) => ['go', ['run', file]],
  },
};

/** The code block that follows `label` in the README's "Verified visitors" section. */
export async function snippet(label) {
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf('### Verified visitors');
  if (start < 0) throw new Error('README.md has no "Verified visitors" section');
  const end = readme.indexOf('\n## ', start);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const match = new RegExp(`\\n${label.replace('.', '\\.')}\\n\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(section);
  if (!match) throw new Error(`README.md has no snippet after "${label}"`);
  return match[1];
}

/** Runs the snippets: `ok`, `failed` (with what it printed) or `skipped` (no interpreter) for each language. */
export async function checkSnippets(only = Object.keys(LANGUAGES)) {
  const dir = await mkdtemp(join(tmpdir(), 'sign-check-'));
  const results = {};
  try {
    for (const language of only) {
      const { label, file, source, command } = LANGUAGES[language];
      const path = join(dir, file);
      await writeFile(path, source(await snippet(label)));
      const [program, args] = command(path);
      const env = { ...process.env, GOCACHE: join(dir, 'go-cache'), GOPATH: join(dir, 'go-path') };
      const result = await run(program, args, { cwd: dir, env, timeout: 120_000 }).then(
        ({ stdout }) => ({ status: stdout.trim() === VECTOR.signature ? 'ok' : 'failed', output: stdout.trim() }),
        (error) =>
          error.code === 'ENOENT'
            ? { status: 'skipped', output: `${program} is not installed` }
            : { status: 'failed', output: `${error.message}` },
      );
      results[language] = result;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const results = await checkSnippets();
  for (const [language, { status, output }] of Object.entries(results))
    console.log(`${language}: ${status}${status === 'ok' ? '' : ` (${output})`}`);
  if (Object.values(results).some(({ status }) => status === 'failed')) process.exit(1);
}
