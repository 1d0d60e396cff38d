#!/usr/bin/env bash
# Runs every test: type check, lint and format check, then unit, component and integration tests in Debian's Chromium
# against the real Prosody and ejabberd servers, which this script starts (and stops if it did).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm install --no-audit --no-fund
npx tsc --noEmit -p .
npx eslint .
npx prettier --check . --log-level warn
# End-to-end tests load the built widget, as a site would.
npx vite build --logLevel warn && npm run manifest --silent

started_here=0
if ! scripts/servers.sh status >/dev/null 2>&1; then started_here=1; fi
# Set first: a start that fails half-way stops what it started too.
trap '[ "$started_here" = 1 ] && scripts/servers.sh stop' EXIT
scripts/servers.sh start

npx wtr --config test/web-test-runner.config.js "$@"
