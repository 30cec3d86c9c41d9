#!/usr/bin/env bash
# The newcomer path, as CI walks it: `npm start` with no DATABASE_URL (nothing points at 5432) on a
# fresh DATA_DIR until /health answers; kill -9 of the portal and a second start that finds every
# lead; then SIGTERM, and the portal must exit 0 and stop its database cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$(mktemp -d)
chmod 755 "$folder" # as root the embedded server runs as `postgres`, which must reach it
port=${CHECK_PORT:-3917}
export DATA_DIR="$folder/data" PORT="$port"
unset DATABASE_URL TEST_DATABASE_URL

wait_healthy() { # <pid to watch> <log>
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then return 0; fi
    if ! kill -0 "$1" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "the portal did not become healthy; its output:"; tail -50 "$2"; exit 1
}
count_leads() { # through the embedded server's own pid file and password, like the CLI finds it
  node -e '
    const fs = require("fs"); const dir = process.env.DATA_DIR + "/postgres";
    const port = fs.readFileSync(dir + "/postmaster.pid", "utf8").split("\n")[3];
    const password = fs.readFileSync(dir + "/leadgate.password", "utf8").trim();
    const client = new (require("pg").Client)({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
    client.connect().then(() => client.query("SELECT count(*)::int AS n FROM leads")).then((r) => { console.log(r.rows[0].n); return client.end(); });'
}

started=$(date +%s.%N)
npm start >"$folder/start.log" 2>&1 &
npm_pid=$!
wait_healthy "$npm_pid" "$folder/start.log"
echo "healthy $(echo "$(date +%s.%N) - $started" | bc) s after npm start"
portal=$(pgrep -n -f "node scripts/start.js")
echo "portal RSS $(($(ps -o rss= -p "$portal") / 1024)) MB"
leads=$(count_leads)

kill -9 "$portal"
wait "$npm_pid" || true
node scripts/start.js >"$folder/restart.log" 2>&1 &
portal=$!
wait_healthy "$portal" "$folder/restart.log"
after=$(count_leads)
if [ "$after" != "$leads" ]; then echo "leads before kill -9: $leads, after: $after"; exit 1; fi
echo "after kill -9 of the portal the next start found all $leads leads"

kill -TERM "$portal"
code=0
wait "$portal" || code=$?
if [ "$code" != 0 ]; then echo "the portal exited with $code after SIGTERM"; tail -20 "$folder/restart.log"; exit 1; fi
if [ -e "$folder/data/postgres/postmaster.pid" ]; then
  echo "the embedded database still runs after the portal stopped"; tail -20 "$folder/data/postgres/server.log"; exit 1
fi
tail -1 "$folder/data/postgres/server.log" | grep -q "database system is shut down"
echo "stopped cleanly"
rm -rf "$folder"
