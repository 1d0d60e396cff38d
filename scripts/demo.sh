#!/usr/bin/env bash
# Starts the demo: the local Prosody (unless XMPP_CHAT_SERVICE points at another server), a build
# of the widget, and the demo pages on http://127.0.0.1:5180/. Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm install --no-audit --no-fund
if [ -z "${XMPP_CHAT_SERVICE:-}" ]; then
  scripts/servers.sh install
  started_here=0
  if ! scripts/servers.sh status prosody >/dev/null 2>&1; then started_here=1; fi
  scripts/servers.sh start prosody
  trap '[ "$started_here" = 1 ] && scripts/servers.sh stop prosody' EXIT
fi
npx vite build --logLevel warn
node scripts/demo.js
