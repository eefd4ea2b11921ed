#!/usr/bin/env bash
# Runs the test suite (npm test). Unit tests need nothing; integration and end-to-end tests get
# PostgreSQL (started here if needed) and a Temporal dev server (started by the tests themselves).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_node_modules
ensure_postgres
TEMPORAL_CLI="$(temporal_cli)"
export TEMPORAL_CLI DATABASE_URL
exec npx jest "$@"
