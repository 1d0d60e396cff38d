// Runs steps on a python-omemo device (omemo-vectors.py peer): the request goes in on stdin, the
// device's new state and each step's result come back on stdout. The test keeps the state.
import { spawn } from 'node:child_process';

const VECTORS = new URL('./omemo-vectors.py', import.meta.url).pathname;

/**
 * The next request's process, started ahead: its imports (most of a run) are done while the test
 * works on the previous answer, and it waits on stdin until then. Unused, it keeps the runner from
 * nothing, and ends with it when its stdin closes.
 */
let spare;

function startSpare() {
  const child = spawn('/usr/bin/python3', [VECTORS, 'peer'], { cwd: new URL('.', import.meta.url).pathname });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (output.stdout += chunk));
  child.stderr.on('data', (chunk) => (output.stderr += chunk));
  const closed = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  // Handled when it is used: a spare that fails to start is found out by its request.
  closed.catch(() => undefined);
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) handle.unref();
  return { child, output, closed };
}

export async function runOmemoPeer(request) {
  const peer = spare ?? startSpare();
  spare = startSpare();
  const { child, output, closed } = peer;
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) handle.ref();
  const timer = setTimeout(() => child.kill(), 60_000);
  child.stdin.end(JSON.stringify(request));
  try {
    const code = await closed;
    if (code !== 0) throw new Error(`omemo-vectors.py peer exited with ${code}: ${output.stderr}`);
    return JSON.parse(output.stdout);
  } finally {
    clearTimeout(timer);
  }
}
