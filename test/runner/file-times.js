// A reporter that writes how long each test file took, slowest first, to test/artifacts/test-times.json,
// with the slowest tests. Files run one at a time, so the time from one file's report to the next is
// that file's run (hooks included); a test's own time is the test framework's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function fileTimes(out = 'test/artifacts/test-times.json') {
  let last = Date.now();
  const times = [];
  const tests = [];
  return {
    start() {
      last = Date.now();
    },
    reportTestFileResults({ testFile, sessionsForTestFile }) {
      const now = Date.now();
      const file = path.relative(process.cwd(), testFile);
      const results = sessionsForTestFile.flatMap((s) => testsOf(s.testResults));
      times.push({ file, seconds: (now - last) / 1000, tests: results.length });
      for (const t of results) if (t.duration) tests.push({ file, test: t.name, seconds: t.duration / 1000 });
      last = now;
    },
    stop() {
      times.sort((a, b) => b.seconds - a.seconds);
      mkdirSync(path.dirname(out), { recursive: true });
      tests.sort((a, b) => b.seconds - a.seconds);
      writeFileSync(out, JSON.stringify({ files: times, slowestTests: tests.slice(0, 40) }, null, 2) + '\n');
    },
  };
}

/** The tests of a suite and its suites, each named with its suites' names. */
function testsOf(suite, prefix = '') {
  if (!suite) return [];
  const name = (n) => (prefix ? `${prefix} > ${n}` : n);
  return [...suite.tests.map((t) => ({ ...t, name: name(t.name) })), ...suite.suites.flatMap((s) => testsOf(s, name(s.name)))];
}
