#!/usr/bin/env bash
# One command from a fresh clone to a running Roster on its embedded SQLite database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"

echo "Building the app…"
pnpm build >/dev/null

port=${PORT:-3000}
url=${APP_URL:-http://localhost:$port}
cat <<TXT

  Roster is starting at $url  (data in ${DATA_DIR:-./data})

  To become the administrator: open $url/setup and enter the one-time setup code
  printed below; or start with INITIAL_ADMIN_USERNAME, INITIAL_ADMIN_EMAIL and
  INITIAL_ADMIN_PASSWORD set. Stop with Ctrl+C.

TXT
# The server itself, not through pnpm: Ctrl+C then reaches it alone, it shuts down gracefully
# and the command ends with success.
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
# A heap budget: left to itself, V8 sizes the heap from the machine's memory and lets it grow
# to hundreds of megabytes before collecting (README › Performance).
exec node --max-old-space-size=256 apps/web/dist/server.mjs
