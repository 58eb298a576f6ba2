#!/usr/bin/env bash
# Reproduces every table of benchmarks/NOTEBOOK.md. Run from the repository root: benchmarks/run-all.sh [output-dir]
# Replays the committed traces; re-recording them is separate (benchmarks/record.sh, benchmarks/record-sample-app.sh).
# Takes about 25 minutes on 2 cores (10 without wrk, or with QUICK=1: the wrk-based host overhead and scrape latency
# need the wrk command); needs ~3.5 GB of free memory and ~5 GB of free disk for the heap dumps.
set -euo pipefail
out="${1:-benchmarks/target/results}"
mkdir -p "$out"
./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
{ echo "## Machine"; echo; echo "- nproc: $(nproc)"; echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)";
  echo "- memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"; echo "- java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"; } | tee "$out/machine.md"
java -cp "$jar" dev.memoryaudit.benchmarks.AccuracyMain | tee "$out/accuracy.md"
# the same synthetic scenarios drawn with seeds the rules were not built on
java -cp "$jar" dev.memoryaudit.benchmarks.AccuracyMain --seeds 3-12 --no-recorded | tee "$out/accuracy-heldout.md"
java -jar "$jar" CostBenchmarks -rf json -rff "$out/jmh.json" | tee "$out/jmh.txt"
java -Xmx3g -XX:+UseG1GC -cp "$jar" dev.memoryaudit.benchmarks.PauseMain | tee "$out/pause-g1.md"
java -Xmx256m -cp "$jar" dev.memoryaudit.benchmarks.FootprintMain | tee "$out/footprint.md"
# what G1's liveness log (the exact-point source) adds to remark and cleanup, JDK 17 and, where installed, JDK 25
java25="${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2> /dev/null | head -1)}"
for java_bin in java ${java25:+"$java25"}; do
  for spec in "256 512m" "1024 1536m" "2048 3g"; do
    set -- $spec
    "$java_bin" -Xmx"$2" -Xms"$2" -XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent -cp "$jar" \
      dev.memoryaudit.benchmarks.MarkingLogPauseMain "$1" 12
  done
done | tee "$out/marking-log-pause.md"
if [[ "${QUICK:-}" != 1 ]] && command -v wrk > /dev/null; then
  ./mvnw -q install -DskipTests
  benchmarks/overhead.sh 4 60 | tee "$out/overhead.md"
  benchmarks/scrape-latency.sh 3 200 | tee "$out/scrape-latency.md"
else
  echo "skipped host overhead and scrape latency (QUICK=1 or no wrk)" | tee "$out/skipped.md"
fi
echo "results in $out"
