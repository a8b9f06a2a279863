#!/usr/bin/env bash
# One command from a fresh clone to every check: lint, types, unit and integration tests on SQLite
# and PostgreSQL, a production build, and the Playwright suite in Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/ensure-tools.sh"

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "Missing $1: install it (apt-get install $1) or run as root." >&2
    exit 1
  fi
  if [ -z "${ROSTER_APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null
    export ROSTER_APT_UPDATED=1
  fi
  echo "Installing $1 from Debian's packages…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

# Playwright cannot download its browser here: it drives Debian's Chromium.
command -v chromium >/dev/null || apt_install chromium
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql

pnpm lint
pnpm typecheck
scripts/with-postgres.sh pnpm test
pnpm build
pnpm e2e
# The browser flows that PostgreSQL changes most (sign-up, sign-in, identity providers, passkeys)
# once more on it.
scripts/with-postgres.sh pnpm --filter @roster/e2e e2e:postgres
echo "All checks passed."
