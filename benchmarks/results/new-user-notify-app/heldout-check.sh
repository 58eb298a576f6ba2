#!/usr/bin/env bash
# A short check that the app starts, exports memory_audit_* meters and answers memorytrend: $1 java, $2 GC flag, $3 label.
# $1 java, $2 gc flag, $3 label
set -u
java="$1"; gc="$2"; label="$3"
log=/tmp/heldout-$label.log
"$java" -Xmx192m $gc -jar ${JAR:-target/notify-1.0.0.jar} --server.port=0 --notify.leak=true \
  --memory.audit.snapshot.interval=2s --memory.audit.trend.warmup=20s --memory.audit.trend.leak-warmup=2m > $log 2>&1 &
pid=$!
for _ in $(seq 1 120); do port=$(grep -o 'Tomcat started on port [0-9]*' $log | grep -o '[0-9]*$' | head -1); [[ -n "$port" ]] && break; sleep 0.5; done
echo "$label: $("$java" -version 2>&1 | head -1); port $port; $(grep -o 'Spring Boot ::.*' $log | head -1)"
wrk -t2 -c8 -d45s -s notify.lua "http://127.0.0.1:$port" | grep Requests/sec
prom=$(curl -s "http://127.0.0.1:$port/actuator/prometheus")
echo "memory_audit samples: $(echo "$prom" | grep -c '^memory_audit_'), names: $(echo "$prom" | grep -o '^memory_audit_[a-z_]*' | sort -u | wc -l)"
echo "$prom" | grep -E '^memory_audit_(pause_seconds_count|ticks_total|tick_seconds_count|live_bytes|build_info)' | head -8
curl -s -H 'Accept: application/json' "http://127.0.0.1:$port/actuator/memorytrend" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("memorytrend verdict:", d.get("verdict"), "| liveSet source:", json.dumps(d.get("liveSet", {}))[:300])'
kill $pid; wait $pid 2>/dev/null
grep -E "ERROR|WARN" $log | head -5
