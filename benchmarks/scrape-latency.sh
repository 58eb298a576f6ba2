#!/usr/bin/env bash
# Latency of GET /actuator/prometheus on the sample app with memory-audit enabled and disabled, interleaved.
# Usage: benchmarks/scrape-latency.sh [rounds] [requests-per-round]   (after ./mvnw -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
REQUESTS=${2:-200}
JAR=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
PORT=18190
run() {
  local enabled=$1
  java -Xmx512m -jar "$JAR" --server.port=$PORT --memory.audit.enabled="$enabled" \
    --memory.audit.snapshot.interval=1s --memory.audit.snapshot.initial-delay=0s > /tmp/scrape-app.log 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "localhost:$PORT/actuator/health" && break; sleep 0.5; done
  # warm-up
  for _ in $(seq 1 50); do curl -s -o /dev/null "localhost:$PORT/actuator/prometheus"; done
  local times=()
  for _ in $(seq 1 "$REQUESTS"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' "localhost:$PORT/actuator/prometheus")")
  done
  local lines
  lines=$(curl -s "localhost:$PORT/actuator/prometheus" | grep -vc '^#')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\n' "${times[@]}" | sort -n | awk -v e="$enabled" -v l="$lines" '{a[NR]=$1*1000} END {
    printf "| %s | %d | %.2f | %.2f | %.2f |\n", (e=="true"?"enabled":"disabled"), l, a[int(NR*0.5)], a[int(NR*0.95)], a[int(NR*0.99)] }'
}
echo "| memory-audit | samples exported | p50 ms | p95 ms | p99 ms |"
echo "|---|---|---|---|---|"
for _ in $(seq 1 "$ROUNDS"); do
  run true
  run false
done
