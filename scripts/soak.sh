#!/usr/bin/env bash
# The soak: a visitor and an agent exchange hundreds of messages over Prosody and ejabberd, over
# WebSocket and BOSH, while the servers stall, restart and crash and the links are cut, stalled,
# black-holed and slowed. Prints the figures (test/artifacts/soak.json) and fails on a lost
# message or a duplicate beyond the crash bound.
#   SOAK_MESSAGES=150 (per side and run)  SOAK_SEED=<number> (the same seed, the same faults)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-audit --no-fund
rm -f test/artifacts/soak.json
started_here=0
if ! scripts/servers.sh status >/dev/null 2>&1; then started_here=1; fi
scripts/servers.sh start
trap '[ "$started_here" = 1 ] && scripts/servers.sh stop' EXIT
npx wtr --config test/web-test-runner.config.js --files 'test/soak/*.soak.ts' || true
node scripts/soak-report.js
