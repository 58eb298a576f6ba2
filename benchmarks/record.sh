#!/usr/bin/env bash
# Records real traces in-process (G1 and Parallel, leak off and 5 %/h from tick 60; 240 ticks of 2 s, written one
# minute apart) into benchmarks/traces/legacy/recorded/. About 8 minutes. Run from the repository root after building:
#   ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests && benchmarks/record.sh
set -euo pipefail
jar=benchmarks/target/benchmarks.jar
mkdir -p benchmarks/traces/legacy/recorded
pids=()
for gc in G1GC ParallelGC; do
  for pct in 0 5; do
    java -Xmx256m -XX:+Use$gc -cp "$jar" dev.memoryaudit.benchmarks.RecordMain \
      "benchmarks/traces/legacy/recorded/in-process-$gc-leak-${pct}pct.csv" 240 2000 "$pct" &
    pids+=($!)
  done
done
for pid in "${pids[@]}"; do wait "$pid"; done
