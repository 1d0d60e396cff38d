// A reporter that writes how long each test file took, slowest first, to test/artifacts/test-times.json.
// Files run one at a time, so the time from one file's report to the next is that file's run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function fileTimes(out = 'test/artifacts/test-times.json') {
  let last = Date.now();
  const times = [];
  return {
    start() {
      last = Date.now();
    },
    reportTestFileResults({ testFile, sessionsForTestFile }) {
      const now = Date.now();
      const tests = sessionsForTestFile.reduce((n, s) => n + countTests(s.testResults), 0);
      times.push({ file: path.relative(process.cwd(), testFile), seconds: (now - last) / 1000, tests });
      last = now;
    },
    stop() {
      times.sort((a, b) => b.seconds - a.seconds);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(times, null, 2) + '\n');
    },
  };
}

function countTests(suite) {
  if (!suite) return 0;
  return suite.tests.length + suite.suites.reduce((n, s) => n + countTests(s), 0);
}
