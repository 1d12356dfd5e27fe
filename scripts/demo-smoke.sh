#!/usr/bin/env bash
# The README's first command on this clone: `make demo` on a spare port with a small province,
# wait for the login page, log in as a demo user, then stop the server this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8765}
PEOPLE=${DEMO_PEOPLE:-150}
log=$(mktemp)
jar=$(mktemp)
base="http://127.0.0.1:$PORT"
setsid make demo PORT="$PORT" DEMO_PEOPLE="$PEOPLE" >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$jar"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "$base/login/" 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "make demo stopped before serving:"; cat "$log"; exit 1
  fi
  sleep 1
done
curl -fsS -o /dev/null "$base/login/" || { echo "login page never answered:"; cat "$log"; exit 1; }
user=vanphong
# demo_logins prints a table (user, password, role, unit) in the interface's language.
password=$(awk -v u="$user" '$1 == u && NF >= 2 { print $2; exit }' "$log")
[ -n "$password" ] || { echo "make demo printed no demo password:"; cat "$log"; exit 1; }
token=$(curl -fsS -c "$jar" -b "$jar" "$base/login/" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -n1)
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -e "$base/login/" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$user" \
  --data-urlencode "password=$password" "$base/login/")
[ "$code" = 302 ] || { echo "login as $user answered $code, expected a redirect"; exit 1; }
home=$(curl -fsS -c "$jar" -b "$jar" "$base/")
grep -q "$user\|Đăng xuất" <<<"$home" || { echo "home page after login does not show a signed-in user"; exit 1; }
echo "demo smoke: make demo served on :$PORT and $user logged in"
