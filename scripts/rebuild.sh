#!/usr/bin/env bash
# `npm run rebuild [-- --verify] [-- --batch-size=N]`: rebuilds every read model from the event
# log and swaps it in while the API keeps serving (docs/adr/0016, README "Operating").
# DATABASE_URL when set (the same as the API's and worker's); else the embedded default's.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_postgres
exec node scripts/rebuild.mjs "$@"
