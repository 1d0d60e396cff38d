#!/usr/bin/env bash
# npm run test:package: packs the package and tests the tarball in throwaway apps (test/package/run.js).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node test/package/run.js "$@"
