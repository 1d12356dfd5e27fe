#!/usr/bin/env bash
# Run a web server (the command given) with the background worker beside it, and stop both
# together, whatever stops one of them (Ctrl+C, kill, the server failing to start).
#   scripts/with-worker.sh .venv/bin/vinhdanh runserver 127.0.0.1:8000
# The worker (`vinhdanh db_worker`) runs long imports and province-wide candidate lists.
set -uo pipefail
cd "$(dirname "$0")/.."
VINHDANH=${VINHDANH:-.venv/bin/vinhdanh}
server=""
# In a session of its own: a Ctrl+C or a kill of the whole group reaches the worker only
# through stop() below, once, so that it finishes the task it runs instead of dropping it.
setsid "$VINHDANH" db_worker --no-reload --interval 1 &
worker=$!
stop() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null
  if kill -0 "$worker" 2>/dev/null; then
    kill -TERM "$worker" 2>/dev/null
    # The task being run may finish; after 20 s it is stopped (an import then rolls back whole).
    for _ in $(seq 1 20); do kill -0 "$worker" 2>/dev/null || break; sleep 1; done
    kill -KILL "$worker" 2>/dev/null
  fi
  wait 2>/dev/null
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
"$@" &
server=$!
wait "$server"
