#!/usr/bin/env bash
# Host overhead: the sample app under wrk (loopback) with the starter enabled vs disabled, interleaved rounds in one
# run. Prints one markdown row per run and the CPU time of the starter's own threads (memory-audit-*).
# Run from the repository root after `./mvnw -q install -DskipTests`: benchmarks/overhead.sh [rounds] [seconds]
set -euo pipefail
rounds="${1:-3}"
seconds="${2:-20}"
jar=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
port=18931
echo "| round | starter | requests/s | p50 | p99 | starter threads CPU | process CPU |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for enabled in true false; do
    java -Xmx512m -XX:+UseG1GC -jar "$jar" --server.port=$port --memory.audit.enabled=$enabled \
      --memory.audit.snapshot.interval=1s --memory.audit.snapshot.initial-delay=1s \
      --sample.garbage.enabled=false --logging.level.root=WARN > /dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/garbage" > /dev/null 2>&1 && break; sleep 0.5; done
    wrk -t2 -c16 -d5s "http://127.0.0.1:$port/garbage" > /dev/null            # warm-up (JIT)
    ticks_before=$(awk '{print $14+$15}' /proc/$pid/stat)
    audit_before=$(for t in /proc/$pid/task/*; do if grep -q '^memory-audit' "$t/comm" 2>/dev/null; then awk '{print $14+$15}' "$t/stat"; fi; done | awk '{s+=$1} END {print s+0}')
    result=$(wrk -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:$port/garbage")
    ticks_after=$(awk '{print $14+$15}' /proc/$pid/stat)
    audit_after=$(for t in /proc/$pid/task/*; do if grep -q '^memory-audit' "$t/comm" 2>/dev/null; then awk '{print $14+$15}' "$t/stat"; fi; done | awk '{s+=$1} END {print s+0}')
    hz=$(getconf CLK_TCK)
    rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$result" | awk '$1=="50%" {print $2}')
    p99=$(echo "$result" | awk '$1=="99%" {print $2}')
    audit_ms=$(( (audit_after - audit_before) * 1000 / hz ))
    proc_ms=$(( (ticks_after - ticks_before) * 1000 / hz ))
    echo "| $round | $enabled | $rps | $p50 | $p99 | ${audit_ms} ms in ${seconds} s | ${proc_ms} ms in ${seconds} s |"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
