#!/usr/bin/env bash
# The newcomer path, as CI walks it: `npm start` with no DATABASE_URL (nothing points at 5432) on a
# fresh DATA_DIR until /health answers; then SIGTERM, and the portal must exit and stop its database.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$(mktemp -d)
chmod 755 "$folder" # as root the embedded server runs as `postgres`, which must reach it
port=${CHECK_PORT:-3917}
started=$(date +%s.%N)
env -u DATABASE_URL -u TEST_DATABASE_URL DATA_DIR="$folder/data" PORT="$port" npm start >"$folder/start.log" 2>&1 &
npm_pid=$!
healthy=""
for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then healthy=yes; break; fi
  if ! kill -0 "$npm_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$healthy" ]; then
  echo "the portal did not become healthy; its output:"; tail -50 "$folder/start.log"; kill "$npm_pid" 2>/dev/null || true; exit 1
fi
echo "healthy $(echo "$(date +%s.%N) - $started" | bc) s after npm start"
portal=$(pgrep -n -f "node dist/apps/portal/apps/portal/src/main.js")
echo "portal RSS $(($(ps -o rss= -p "$portal") / 1024)) MB"
kill -TERM "$portal"
wait "$npm_pid" || true
if [ -e "$folder/data/postgres/postmaster.pid" ]; then
  echo "the embedded database still runs after the portal stopped"; tail -20 "$folder/data/postgres/server.log"; exit 1
fi
grep -q "database system is shut down" "$folder/data/postgres/server.log"
echo "stopped cleanly"
rm -rf "$folder"
