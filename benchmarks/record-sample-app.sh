#!/usr/bin/env bash
# Records traces from the packaged sample app under wrk on loopback into benchmarks/traces/sample-app/: for G1 and
# Parallel (-Xmx256m), leak off and leak on from tick 60 at 1 % and 5 % of heap max per 60 ticks, 240 snapshots taken
# 2 s apart (time compressed 30×: written one minute apart). Two recordings run at a time (~9 minutes each, ~27 in all).
# Run from the repository root (needs wrk, e.g. the Debian package):
#   benchmarks/record-sample-app.sh                # all six
#   benchmarks/record-sample-app.sh g1:1.0 parallel:0   # chosen ones (collector:leak %)
# Environment: TICKS (240), LEAK_START (60), THINK_MS (wrk think time per request and connection, 10), OUT_DIR
# (benchmarks/traces/sample-app), SKIP_BUILD=1 (reuse the jars).
# CONFIRM=1 runs the app with memory.audit.confirmation.mode=live-histogram and every time setting compressed 30x like
# the ticks (confirmation after 5 ticks, at most every 20 s; warm-up 20 s; leak warm-up 120 s; window 12 min; histograms
# at most every 10 s), reads the app's own verdict from /actuator/memorytrend after every tick and writes, into OUT_DIR
# (default benchmarks/traces/sample-app-confirm), NAME.tsv (one row per tick, summary and confirmations in the
# comments) and NAME.trace.txt (the trace, not named .csv so that AccuracyMain does not replay it), and appends each
# run's summary line to summary.tsv there.
set -euo pipefail
confirm="${CONFIRM:-}"
ticks="${TICKS:-240}"
leak_start="${LEAK_START:-60}"
think="${THINK_MS:-10}"
if [[ "$confirm" == 1 ]]; then
  out_dir="${OUT_DIR:-benchmarks/traces/sample-app-confirm}"
else
  out_dir="${OUT_DIR:-benchmarks/traces/sample-app}"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -q -o install -DskipTests
  ./mvnw -q -o -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
app_jar=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
bench_jar=benchmarks/target/benchmarks.jar
commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain -- . ':!benchmarks/traces') ]]; then commit+=" (with uncommitted changes)"; fi
java_version=$(java -version 2>&1 | head -1)
app_args=(--server.port=0 --server.address=127.0.0.1 --memory.audit.snapshot.interval=2s
  --memory.audit.snapshot.initial-delay=2s --memory.audit.histogram.interval=0)
app_note="its 8 MiB/s garbage workload on; histograms off; confirmation mode none, the default"
if [[ "$confirm" == 1 ]]; then
  # every time setting compressed 30x like the ticks (defaults: 10m, 10m, 1h, 6h, 5m)
  app_args+=(--memory.audit.confirmation.mode=live-histogram --memory.audit.confirmation.after=5
    --memory.audit.confirmation.min-interval=20s --memory.audit.trend.warmup=20s --memory.audit.trend.leak-warmup=120s
    --memory.audit.trend.window=12m --memory.audit.histogram.min-interval=10s
    --management.endpoints.web.exposure.include=health,memorytrend,memorysnapshots)
  app_note="its 8 MiB/s garbage workload on; scheduled histograms off; confirmation live-histogram, times compressed 30x"
fi

record() { # record <g1|parallel> <leak %>
  local gc=$1 pct=$2 flag name log port app wrk_pid wrk_out csv
  case "$gc" in
    g1) flag=-XX:+UseG1GC ;;
    parallel) flag=-XX:+UseParallelGC ;;
    *) echo "unknown collector $gc (g1 or parallel)" >&2; return 1 ;;
  esac
  name="sample-app-$gc-wrk-leak-$(printf '%.1f' "$pct")pct"
  csv="$out_dir/$name.csv"
  local verdict_args=()
  if [[ "$confirm" == 1 ]]; then
    csv="$out_dir/$name.trace.txt"
    verdict_args=(--verdicts "$out_dir/$name.tsv")
  fi
  log="$work/$name.log"
  wrk_out="$work/$name.wrk"
  java -Xmx256m "$flag" -jar "$app_jar" "${app_args[@]}" > "$log" 2>&1 &
  app=$!
  port=
  for _ in $(seq 1 240); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
    [[ -n "$port" ]] && break
    kill -0 "$app" 2> /dev/null || { echo "$name: the sample app exited, see below" >&2; cat "$log" >&2; return 1; }
    sleep 0.5
  done
  [[ -n "$port" ]] || { echo "$name: the sample app did not start in 2 minutes" >&2; kill "$app"; return 1; }
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  wrk -t2 -c16 -d1h --latency -s benchmarks/wrk-sample-app.lua "http://127.0.0.1:$port" -- "$think" > "$wrk_out" 2>&1 &
  wrk_pid=$!
  java -cp "$bench_jar" dev.memoryaudit.benchmarks.SampleAppTraceMain --url "http://127.0.0.1:$port" --out "$csv" \
    --regime "$gc-sample-app-wrk" --ticks "$ticks" --leak-start "$leak_start" --leak-pct "$pct" --tick-millis 2000 \
    "${verdict_args[@]}" --comment "recorded=$(date -u +%Y-%m-%dT%H:%MZ) on commit $commit by benchmarks/record-sample-app.sh" \
    --comment "jvm=$java_version, -Xmx256m $flag" \
    --comment "app=$app_jar ${app_args[*]} ($app_note)" \
    --comment "load=wrk -t2 -c16 --latency -s benchmarks/wrk-sample-app.lua http://127.0.0.1:$port -- $think, from start-up to the last snapshot (GET /garbage, /leak/shapes, /threads/leak and POST /caches/churn?entries=1 in turn, $think ms think time)" \
    --comment "time=compressed 30x: snapshots 2 s apart in real time, written 60 s apart (epoch and uptime x30); leak rate in % of heap max per compressed hour (120 s real)" \
    > "$work/$name.out" || { kill "$wrk_pid" "$app" 2> /dev/null; cat "$work/$name.out" "$log" >&2; return 1; }
  cat "$work/$name.out"
  kill -INT "$wrk_pid"
  wait "$wrk_pid" || true
  kill "$app"
  wait "$app" 2> /dev/null || true
  local rps p50 p99 total errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$wrk_out")
  total=$(awk '/requests in/ {print $1}' "$wrk_out")
  p50=$(awk '$1=="50%" {print $2}' "$wrk_out")
  p99=$(awk '$1=="99%" {print $2}' "$wrk_out")
  errors=$(awk '/Non-2xx|Socket errors/ {$1=$1; printf "%s%s", sep, $0; sep="; "}' "$wrk_out")
  local load_line
  load_line="# load_result=$total requests, $rps requests/s, p50 $p50, p99 $p99${errors:+, $errors}; load average $load_before at start, $(cut -d' ' -f1-3 /proc/loadavg) at end"
  sed -i "1i $load_line" "$csv"
  if [[ "$confirm" == 1 ]]; then
    sed -i "1i $load_line" "$out_dir/$name.tsv"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(date -u +%Y-%m-%dT%H:%MZ)" "$commit" \
      "$(sed -n 's/^summary //p' "$work/$name.out")" "$rps requests/s, p99 $p99" \
      "load $load_before -> $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out_dir/summary.tsv"
  fi
  echo "$name: $rps requests/s, p99 $p99"
}

runs=("$@")
if [[ ${#runs[@]} -eq 0 ]]; then
  runs=(g1:0 parallel:0 g1:1.0 parallel:1.0 g1:5.0 parallel:5.0)
fi
mkdir -p "$out_dir"
status=0
for ((i = 0; i < ${#runs[@]}; i += 2)); do
  pids=()
  for run in "${runs[@]:i:2}"; do
    record "${run%%:*}" "${run##*:}" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
done
exit $status
