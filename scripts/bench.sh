#!/usr/bin/env bash
# The benchmark: builds, measures in Debian's Chromium against the real servers, prints a table
# and leaves the JSON report in test/artifacts/bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
rm -f test/artifacts/bench.json
npx vite build --logLevel warn
started_here=0
if ! scripts/servers.sh status >/dev/null 2>&1; then started_here=1; fi
scripts/servers.sh start
trap '[ "$started_here" = 1 ] && scripts/servers.sh stop' EXIT
npx wtr --config test/web-test-runner.config.js --files 'test/bench/*.bench.ts'
node scripts/launcher-bench.js
node scripts/start-up-tasks.js
node scripts/first-open-bench.js
node scripts/lighthouse-bench.js
node scripts/bench-report.js
