#!/usr/bin/env bash
# Reproduces every table of docs/performance.md. Run from the repository root: benchmarks/run-all.sh [output-dir]
# Takes about 10 minutes on 2 cores; needs ~3.5 GB of free memory and ~5 GB of free disk for the heap dumps.
set -euo pipefail
out="${1:-benchmarks/target/results}"
mkdir -p "$out"
./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
{ echo "## Machine"; echo; echo "- nproc: $(nproc)"; echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)";
  echo "- memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"; echo "- java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"; } | tee "$out/machine.md"
java -cp "$jar" dev.memoryaudit.benchmarks.AccuracyMain | tee "$out/accuracy.md"
java -jar "$jar" CostBenchmarks -rf json -rff "$out/jmh.json" | tee "$out/jmh.txt"
java -Xmx3g -XX:+UseG1GC -cp "$jar" dev.memoryaudit.benchmarks.PauseMain | tee "$out/pause-g1.md"
java -Xmx256m -cp "$jar" dev.memoryaudit.benchmarks.FootprintMain | tee "$out/footprint.md"
echo "results in $out"
