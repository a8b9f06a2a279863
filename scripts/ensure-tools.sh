#!/usr/bin/env bash
# Sourced by start.sh and test.sh: makes sure pnpm (the pinned version) is there and the
# workspace is installed. Needs only Node 20 and npm.
set -euo pipefail

PNPM_VERSION=12.4.2
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 NEXT_TELEMETRY_DISABLED=1

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Roster needs Node.js 20 or newer (found $(node -v 2>/dev/null || echo none))." >&2
  exit 1
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION…"
  if ! npm install --global --silent --exact "pnpm@$PNPM_VERSION" >/dev/null 2>&1; then
    # No permission for a global install: keep pnpm inside the checkout instead.
    npm install --silent --exact --prefix "$ROOT/.tools" "pnpm@$PNPM_VERSION" >/dev/null
    export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
  fi
  hash -r
fi

cd "$ROOT"
echo "Installing dependencies (the first run compiles SQLite, about a minute)…"
pnpm install --frozen-lockfile --reporter=silent
