#!/usr/bin/env bash
# run.sh <java> <gc flag> <leak true|false> <out file>: boots the app, drives it with wrk for the whole run, polls
# memorytrend every 2 s for 330 s after the load starts and writes one line per poll: seconds verdict evidence
set -euo pipefail
java_bin=$1; gc=$2; leak=$3; out=$4
port=$((20000 + RANDOM % 20000))
"$java_bin" -Xmx192m "$gc" -jar target/notify-1.0.0.jar --server.port=$port --server.address=127.0.0.1 \
  --notify.leak=$leak --memory.audit.snapshot.interval=2s --memory.audit.trend.warmup=20s \
  --memory.audit.trend.leak-warmup=2m > "$out.app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; kill $wrk 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health" && break; sleep 0.5; done
wrk -t2 -c8 -d400s -s notify.lua "http://127.0.0.1:$port" > "$out.wrk" 2>&1 &
wrk=$!
start=$(date +%s)
: > "$out"
while (( $(date +%s) - start < 330 )); do
  now=$(( $(date +%s) - start ))
  curl -s "http://127.0.0.1:$port/actuator/memorytrend" | python3 -c '
import json,sys
d=json.load(sys.stdin); ls=d.get("liveSet",{})
exact=[p for p in ls.get("reclaimedFloor",[]) if p.get("source") in ("g1-marking","zgc-marking","shenandoah-marking","full-collection","live-histogram")]
conf=ls.get("confirmations",[])
print(sys.argv[1], d["verdict"], "unconf=%d exact=%d conf=%d |" % (len(d.get("unconfirmedGrowth",[])), len(exact), len(conf)), ls.get("reason",""), "|", ls.get("confirmationStatus",""))
' "$now" >> "$out" || echo "$now POLL_FAILED" >> "$out"
  sleep 2
done
kill -INT $wrk; wait $wrk || true
