#!/usr/bin/env bash
# The embedded default on one machine, no Docker:
#   up      install, build, migrate, start Temporal dev server + worker + API (idempotent)
#   up --cluster   the same with Temporal's own server as a cluster on PostgreSQL, 2 workers, 2 APIs
#   down    stop API, worker and Temporal (data stays in .data/)
#   status  what is running, and how often each process was restarted after a crash
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

API_PORT="${API_PORT:-3000}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-1025}"
MAILPIT_UI_PORT="${MAILPIT_UI_PORT:-8025}"

pid_alive() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

# Each process runs under scripts/supervise.sh, which starts it again when it crashes; the pid
# file holds the supervisor's pid, <name>.child the process's, <name>.restarts the count.
start_bg() { # name, command…
  local name="$1"; shift
  if pid_alive "$name"; then log "$name already running (pid $(cat "$RUN_DIR/$name.pid"))"; return; fi
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  nohup bash "$ROOT/scripts/supervise.sh" "$name" "$RUN_DIR" "$LOG_DIR/$name.log" "$@" \
    >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
  log "started $name (supervised, pid $!, log .data/logs/$name.log)"
}

wait_for() { # description, seconds, command…
  local what="$1" secs="$2"; shift 2
  for _ in $(seq 1 "$secs"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  die "$what did not come up within ${secs}s; see $LOG_DIR/"
}

stop_one() {
  local name="$1"
  if pid_alive "$name"; then
    local pid; pid="$(cat "$RUN_DIR/$name.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 35); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then
      [ -f "$RUN_DIR/$name.child" ] && kill -KILL "$(cat "$RUN_DIR/$name.child")" 2>/dev/null
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name"
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.child"
}

# The cluster topology (npm run up -- --cluster; docs/adr/0012): Temporal's own server on
# PostgreSQL, its four services as separate supervised processes, visibility on PostgreSQL.
TEMPORAL_SERVICES="history matching frontend worker"

start_cluster_temporal() { # temporal CLI
  local cli="$1" dir schema
  dir="$(temporal_server_dir)"
  schema="$(temporal_schema_dir)"
  [ -d "$schema" ] || die "Temporal's schema files are missing from the Go module cache ($schema)."
  if [ -n "${TEMPORAL_DB_HOST:-}" ]; then
    [ -n "${TEMPORAL_DB_USER:-}" ] && [ -n "${TEMPORAL_DB_PASSWORD:-}" ] \
      || die "TEMPORAL_DB_HOST needs TEMPORAL_DB_USER and TEMPORAL_DB_PASSWORD (and TEMPORAL_DB_PORT)."
  else
    # The machine's PostgreSQL (ensure_postgres): a role and two databases of Temporal's own.
    ensure_secret TEMPORAL_DB_PASSWORD "$(random_secret 18 hex)"
    set -a; . "$ENV_FILE"; set +a
    local port; port="$(node -p 'new URL(process.env.DATABASE_URL).port || 5432')"
    as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtA -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal') THEN
    CREATE ROLE temporal LOGIN PASSWORD '$TEMPORAL_DB_PASSWORD';
  ELSE
    ALTER ROLE temporal LOGIN PASSWORD '$TEMPORAL_DB_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE temporal OWNER temporal' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal')
\gexec
SELECT 'CREATE DATABASE temporal_visibility OWNER temporal' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility')
\gexec
SQL
    export TEMPORAL_DB_HOST=127.0.0.1 TEMPORAL_DB_PORT="$port" TEMPORAL_DB_USER=temporal
  fi
  export TEMPORAL_DB_PORT="${TEMPORAL_DB_PORT:-5432}" TEMPORAL_DB_PASSWORD TEMPORAL_FRONTEND_PORT="$TEMPORAL_PORT"
  local db sub sql_args
  for db in temporal:temporal temporal_visibility:visibility; do
    sub="${db#*:}"; db="${db%%:*}"
    sql_args=(--plugin postgres12 --ep "$TEMPORAL_DB_HOST" -p "$TEMPORAL_DB_PORT" -u "$TEMPORAL_DB_USER" --pw "$TEMPORAL_DB_PASSWORD" --db "$db")
    # setup-schema once (it refuses a database that has one), then every newer version.
    if ! PGPASSWORD="$TEMPORAL_DB_PASSWORD" psql -h "$TEMPORAL_DB_HOST" -p "$TEMPORAL_DB_PORT" -U "$TEMPORAL_DB_USER" -d "$db" -qtAc \
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'" | grep -q 1; then
      "$dir/sql" "${sql_args[@]}" setup-schema -v 0.0 >>"$LOG_DIR/temporal-schema.log" 2>&1 \
        || die "Temporal schema setup of $db failed; see $LOG_DIR/temporal-schema.log"
    fi
    "$dir/sql" "${sql_args[@]}" update-schema -d "$schema/$sub/versioned" >>"$LOG_DIR/temporal-schema.log" 2>&1 \
      || die "Temporal schema update of $db failed; see $LOG_DIR/temporal-schema.log"
  done
  local i=0 svc
  for svc in $TEMPORAL_SERVICES; do
    TEMPORAL_METRICS_PORT=$((8000 + i)) start_bg "temporal-$svc" "$dir/server" --root "$ROOT" \
      --config deploy/temporal --env cluster --allow-no-auth start --service "$svc"
    i=$((i + 1))
  done
  wait_for "Temporal's frontend" 120 "$cli" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT"
  local t="--address 127.0.0.1:$TEMPORAL_PORT"
  # shellcheck disable=SC2086
  "$cli" operator namespace describe $t --namespace default >/dev/null 2>&1 \
    || "$cli" operator namespace create $t --namespace default --retention 720h >&2 \
    || die "could not create the namespace 'default'"
  local pair
  for pair in $(node -e 'const sa=require(process.argv[1]);process.stdout.write(Object.entries(sa).map(([k,t])=>k+"="+t).join(" "))' "$ROOT/libs/contracts/src/search-attributes.json"); do
    # shellcheck disable=SC2086
    "$cli" operator search-attribute list $t --namespace default 2>/dev/null | grep -q "${pair%%=*}" \
      || wait_for "search attribute ${pair%%=*}" 30 "$cli" operator search-attribute create $t --namespace default --name "${pair%%=*}" --type "${pair#*=}"
  done
}

# The staff web application (apps/web/dist), rebuilt only when a source is newer than the build.
build_web() {
  local stamp="apps/web/dist/index.html"
  if [ -f "$stamp" ] && [ -z "$(find apps/web/src apps/web/index.html apps/web/vite.config.mjs package-lock.json -newer "$stamp" -print -quit)" ]; then
    log "Web application up to date."
    return
  fi
  log "Building the web application…"
  mkdir -p "$LOG_DIR"
  npm run --silent build:web >"$LOG_DIR/web-build.log" 2>&1 || { cat "$LOG_DIR/web-build.log" >&2; die "vite build failed"; }
}

cmd_up() {
  local t0=$SECONDS
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js >= 20.19 is needed (found $(node -v))."
  ensure_node_modules
  ensure_postgres
  local cli; cli="$(temporal_cli)"
  local mailpit; mailpit="$(mailpit_bin)"
  log "Building…"
  npm run --silent build >&2
  build_web
  log "Migrating the database…"
  node dist/libs/persistence/src/migrate.js >&2
  log "Seeding demo organisations and users…"
  mkdir -p "$DATA_DIR"
  node dist/libs/persistence/src/identity/seed-demo.js >"$DATA_DIR/demo-accounts.txt"
  chmod 600 "$DATA_DIR/demo-accounts.txt"

  if [ "$CLUSTER" = 1 ]; then
    start_cluster_temporal "$cli"
  else
    mkdir -p "$DATA_DIR/temporal"
    # shellcheck disable=SC2046
    start_bg temporal "$cli" server start-dev \
      --db-filename "$DATA_DIR/temporal/temporal.db" \
      --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
      --namespace default --log-level warn $(search_attribute_flags)
    wait_for "Temporal" 60 "$cli" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT"
  fi

  # Mail goes to the embedded Mailpit unless ARIADNE_SMTP_URL names a real server. It drops a
  # repeated Message-ID, so a message re-sent after a crash shows once (docs/adr/0008-outbox-and-mail.md).
  if [ -z "${ARIADNE_SMTP_URL:-}" ]; then
    mkdir -p "$DATA_DIR/mailpit"
    start_bg mailpit "$mailpit" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" --listen "127.0.0.1:$MAILPIT_UI_PORT" \
      --database "$DATA_DIR/mailpit/mailpit.db" --ignore-duplicate-ids --disable-version-check
    wait_for "Mailpit" 30 node -e "fetch('http://127.0.0.1:$MAILPIT_UI_PORT/api/v1/info').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
    export ARIADNE_SMTP_URL="smtp://127.0.0.1:$MAILPIT_SMTP_PORT"
  fi

  export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" API_PORT
  if [ "$CLUSTER" = 1 ] && [ -z "${ARIADNE_WORKER_BUILD_ID:-}" ]; then
    # The cluster's workers poll as a version of the worker deployment (docs/adr/0014): the build
    # id names the compiled code (package version + a hash of dist/), so changed code is a new
    # version that makes itself current, and running cases move to it at their next task.
    ARIADNE_WORKER_BUILD_ID="$(node -p 'require("./package.json").version')+$(find dist -name '*.js' -type f | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)"
    export ARIADNE_WORKER_BUILD_ID
    log "Worker build $ARIADNE_WORKER_BUILD_ID"
  fi
  # The audit chain's head is anchored here (ship it elsewhere: docs/api.md, "Audit").
  export ARIADNE_AUDIT_ANCHOR_FILE="${ARIADNE_AUDIT_ANCHOR_FILE:-$DATA_DIR/audit-anchors.log}"
  start_bg worker node dist/apps/worker/src/main.js
  start_bg api node dist/apps/api/src/main.js
  if [ "$CLUSTER" = 1 ]; then
    # The production shape: a second worker and a second API (port API_PORT+1) on the same
    # database and cluster; put a load balancer in front of both APIs.
    WORKER_METRICS_LISTEN=127.0.0.1:9467 start_bg worker-2 node dist/apps/worker/src/main.js
    API_PORT=$((API_PORT + 1)) METRICS_LISTEN=127.0.0.1:9466 start_bg api-2 node dist/apps/api/src/main.js
    wait_for "The second API" 90 node -e "fetch('http://127.0.0.1:$((API_PORT + 1))/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
  fi
  wait_for "The API" 90 node -e "fetch('http://127.0.0.1:$API_PORT/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
  cat >&2 <<MSG

  Ariadne is running (${SECONDS}s after start; data in .data/):
    Web application  http://127.0.0.1:$API_PORT/
    API              http://127.0.0.1:$API_PORT/api/v1
    OpenAPI (UI)     http://127.0.0.1:$API_PORT/api/docs   (JSON: /api/openapi.json)
    Health           http://127.0.0.1:$API_PORT/health
    Metrics          http://127.0.0.1:9464/metrics (API) · http://127.0.0.1:9465/metrics (worker)
    $(if [ "$CLUSTER" = 1 ]; then echo "Cluster          Temporal server $TEMPORAL_SERVER_VERSION (4 services), 2 workers (build $ARIADNE_WORKER_BUILD_ID), APIs on :$API_PORT and :$((API_PORT + 1))"; else echo "Temporal Web UI  http://127.0.0.1:$TEMPORAL_UI_PORT"; fi)
    Temporal gRPC    127.0.0.1:$TEMPORAL_PORT   ($cli workflow list)
    Mail (Mailpit)   http://127.0.0.1:$MAILPIT_UI_PORT   (SMTP 127.0.0.1:$MAILPIT_SMTP_PORT; unless ARIADNE_SMTP_URL is set)
  Demo accounts (sign in at http://127.0.0.1:$API_PORT/; also in .data/demo-accounts.txt):
$(sed 's/^/    /' "$DATA_DIR/demo-accounts.txt")
  Stop with: npm run down
MSG
  : "$t0"
}

ALL_PROCESSES="api api-2 worker worker-2 temporal $(printf 'temporal-%s ' $TEMPORAL_SERVICES) mailpit"

cmd_down() {
  for n in $ALL_PROCESSES; do stop_one "$n"; done
}

cmd_status() {
  for n in $ALL_PROCESSES; do
    case "$n" in api-2|worker-2|temporal-*) [ -f "$RUN_DIR/$n.pid" ] || continue ;; esac
    if pid_alive "$n"; then
      echo "$n: running (pid $(cat "$RUN_DIR/$n.child" 2>/dev/null || echo '?'), supervisor $(cat "$RUN_DIR/$n.pid"), restarts $(cat "$RUN_DIR/$n.restarts" 2>/dev/null || echo 0))"
    else
      echo "$n: stopped"
    fi
  done
}

CLUSTER=0
case "${1:-}" in
  up)
    for a in "${@:2}"; do
      case "$a" in
        --cluster) CLUSTER=1 ;;
        *) die "usage: scripts/ariadne.sh up [--cluster]" ;;
      esac
    done
    cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) die "usage: scripts/ariadne.sh up|down|status" ;;
esac
