#!/usr/bin/env bash
# Runs the test suite (npm test): Jest (unit, integration, end-to-end), then the browser tests
# (Playwright driving Debian's Chromium against the real stack; see test/browser/README.md).
# Unit tests need nothing; the others get PostgreSQL (started here if needed), a Temporal dev
# server (started by the tests themselves) and Chromium (installed here if missing, as root).
#
# Arguments go to Jest, except that browser test paths (*.browser.spec.ts, test/browser…) and
# `--selectProjects browser` go to Playwright. Selecting Jest tests (a path, --selectProjects
# unit|int|e2e, -t) runs Jest only; selecting browser tests runs Playwright only. Give Jest
# options with values as --option=value. Examples:
#   npm test                                         Jest, then Playwright
#   npm test -- --selectProjects unit                the unit tests only
#   npm test -- test/browser/smoke.browser.spec.ts   one browser test file only
#   npm test -- --selectProjects browser             every browser test only
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

jest_args=() jest_projects=() browser_args=()
jest_selected=0 browser_selected=0
while [ $# -gt 0 ]; do
  a="$1"; shift
  case "$a" in
    --selectProjects)
      while [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; do
        if [ "$1" = browser ]; then browser_selected=1; else jest_projects+=("$1"); jest_selected=1; fi
        shift
      done ;;
    --selectProjects=*)
      IFS=, read -ra ps <<<"${a#*=}"
      for p in "${ps[@]}"; do
        if [ "$p" = browser ]; then browser_selected=1; else jest_projects+=("$p"); jest_selected=1; fi
      done ;;
    *.browser.spec.ts|test/browser|test/browser/*) browser_args+=("$a"); browser_selected=1 ;;
    -t|--testNamePattern|--testPathPatterns) jest_args+=("$a" "${1:-}"); shift || true; jest_selected=1 ;;
    -*) jest_args+=("$a") ;;
    *) jest_args+=("$a"); jest_selected=1 ;;
  esac
done
[ ${#jest_projects[@]} -gt 0 ] && jest_args+=(--selectProjects "${jest_projects[@]}")
run_jest=1 run_browser=1
[ "$browser_selected" = 1 ] && [ "$jest_selected" = 0 ] && run_jest=0
[ "$jest_selected" = 1 ] && [ "$browser_selected" = 0 ] && run_browser=0

ensure_node_modules
ensure_postgres
TEMPORAL_CLI="$(temporal_cli)"
MAILPIT_BIN="$(mailpit_bin)"
export TEMPORAL_CLI MAILPIT_BIN DATABASE_URL
[ "$run_browser" = 1 ] && ensure_chromium

set +e
jest_rc=0 browser_rc=0
if [ "$run_jest" = 1 ]; then
  npx jest "${jest_args[@]}"
  jest_rc=$?
fi
if [ "$run_browser" = 1 ]; then
  # The global setup builds the API, the worker and the web application, then starts them.
  npx playwright test "${browser_args[@]}"
  browser_rc=$?
fi
[ "$jest_rc" = 0 ] && [ "$browser_rc" = 0 ]
