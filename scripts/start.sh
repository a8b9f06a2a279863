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
exec node apps/web/dist/server.mjs
