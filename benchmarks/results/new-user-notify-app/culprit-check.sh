#!/usr/bin/env bash
# culprit-check.sh <java> <gc flag> <out prefix> [extra app args...]: the app with its listener leak and the retention
# defaults (recording on-leak: it starts on LEAK_SUSPECTED; sample-for the default 10m unless SAMPLE_FOR says otherwise,
# in seconds or minutes: 20s, 3m), driven by wrk until memorytrend reads LEAK_SUSPECTED (at most 360 s), then until its
# retention section names a culprit (at most sample-for + 120 s; written to <out>.first.json), then until the recording
# stopped (at most 3 x sample-for + 180 s; <out>.json and <out>.md).
set -euo pipefail
java_bin=$1; gc=$2; out=$3; shift 3
port=$((20000 + RANDOM % 20000))
sample_for=${SAMPLE_FOR:-10m}
case $sample_for in *m) sample_seconds=$(( ${sample_for%m} * 60 ));; *s) sample_seconds=${sample_for%s};; *) echo "SAMPLE_FOR: 20s or 3m" >&2; exit 2;; esac
"$java_bin" -Xmx192m "$gc" -jar target/notify-1.0.0.jar --server.port=$port --server.address=127.0.0.1 \
  --notify.leak=true --memory.audit.snapshot.interval=2s --memory.audit.trend.warmup=20s \
  --memory.audit.trend.leak-warmup=2m --memory.audit.retention.sample-for="$sample_for" "$@" > "$out.app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; kill $wrk 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/actuator/health" && break; sleep 0.5; done
wrk -t2 -c8 -d$(( 360 + 3 * sample_seconds + 300 ))s -s notify.lua "http://127.0.0.1:$port" > "$out.wrk" 2>&1 &
wrk=$!
start=$(date +%s)
while (( $(date +%s) - start < 360 )); do
  verdict=$(curl -s "http://127.0.0.1:$port/actuator/memorytrend" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"])')
  [[ $verdict == LEAK_SUSPECTED ]] && break
  sleep 2
done
echo "verdict $verdict after $(( $(date +%s) - start )) s of load"
waited=0
while (( waited < sample_seconds + 120 )) && ! curl -s "http://127.0.0.1:$port/actuator/memorytrend" | grep -q '"culprits":\[{'; do
  sleep 1; waited=$((waited + 1))
done
echo "a culprit in memorytrend $waited s after it first read LEAK_SUSPECTED"
curl -s -H 'Accept: application/json' "http://127.0.0.1:$port/actuator/memorytrend" > "$out.first.json"
# then until the recording stopped (a dump named every suspect's culprit, or its third dump)
while (( waited < 3 * sample_seconds + 180 )) && ! curl -s "http://127.0.0.1:$port/actuator/memorytrend" | grep -q '"recording":"stopped at'; do
  sleep 1; waited=$((waited + 1))
done
echo "the recording stopped $waited s after LEAK_SUSPECTED"
curl -s -H 'Accept: application/json' "http://127.0.0.1:$port/actuator/memorytrend" > "$out.json"
curl -s -H 'Accept: text/markdown' "http://127.0.0.1:$port/actuator/memorytrend" > "$out.md"
python3 - "$out.first.json" "$out.json" <<'PY'
import json, sys
for name in sys.argv[1:]:
  print("==", name)
  d = json.load(open(name))
  for s in d.get("sections", []):
    if s.get("name") == "retention":
        b = s.get("body", {})
        print("recording:", b.get("recording"))
        print("dumped:", b.get("dumpedAt"), "trigger:", b.get("trigger"))
        for c in b.get("culprits", [])[:3]:
            print(json.dumps({k: c[k] for k in ("displayName", "holder", "allocatedAt", "samples")}))
PY
