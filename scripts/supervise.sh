#!/usr/bin/env bash
# Keeps one process of the embedded default running: started by `npm run up` for Temporal,
# Mailpit, the worker and the API. When the process exits without being asked to (a crash,
# kill -9, an out-of-memory kill), it is started again after a short pause (1 s, growing to
# 10 s while it keeps failing at once). TERM or INT to the supervisor stops the process (TERM,
# then KILL after 30 s) and the supervisor with it.
#
#   scripts/supervise.sh <name> <run-dir> <log-file> <command> [args…]
#
# Writes <run-dir>/<name>.child (the process's pid) and <run-dir>/<name>.restarts (how many
# times it was started again); `npm run status` shows both.
set -u
name="$1" run_dir="$2" log_file="$3"
shift 3
mkdir -p "$run_dir"
echo 0 >"$run_dir/$name.restarts"
child=""
stopping=0

stop() {
  stopping=1
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$child" 2>/dev/null || break; sleep 1; done
    kill -KILL "$child" 2>/dev/null
  fi
  rm -f "$run_dir/$name.child"
  exit 0
}
trap stop TERM INT
trap '' HUP

restarts=0
pause=1
while :; do
  started=$SECONDS
  "$@" >>"$log_file" 2>&1 </dev/null &
  child=$!
  echo "$child" >"$run_dir/$name.child"
  wait "$child"
  rc=$?
  # A signal to the supervisor interrupts `wait`; its trap has run and exited by now.
  [ "$stopping" = 1 ] && exit 0
  restarts=$((restarts + 1))
  echo "$restarts" >"$run_dir/$name.restarts"
  # A process that ran for a while gets a quick restart; one that fails at once, a growing pause.
  if [ $((SECONDS - started)) -ge 30 ]; then pause=1; else pause=$((pause * 2 > 10 ? 10 : pause * 2)); fi
  printf '[supervise] %s %s exited (status %s); restart %s in %ss\n' \
    "$(date -u +%FT%TZ)" "$name" "$rc" "$restarts" "$pause" >>"$log_file"
  sleep "$pause" &
  wait $!
done
