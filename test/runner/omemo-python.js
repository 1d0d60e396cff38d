// Runs steps on a python-omemo device (omemo-vectors.py peer): the request goes in on stdin, the
// device's new state and each step's result come back on stdout. The test keeps the state.
import { spawn } from 'node:child_process';

const VECTORS = new URL('./omemo-vectors.py', import.meta.url).pathname;

export function runOmemoPeer(request) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [VECTORS, 'peer'], { cwd: new URL('.', import.meta.url).pathname });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`omemo-vectors.py peer exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin.end(JSON.stringify(request));
  });
}
