#!/usr/bin/env bash
# Records traces from the packaged sample app under wrk on loopback into benchmarks/traces/sample-app-v3/, with the
# starter's defaults (exact live-set sources on, confirmation auto within its pause budget) except for the time
# settings, compressed 30x like the ticks: snapshots 2 s apart (written one minute apart), warm-up 20 s (10 min),
# leak warm-up 120 s (1 h); scheduled class histograms are off (memory.audit.histogram.interval=0), so the only pauses
# of ours are the confirmations. Every run also logs the app's own verdict after every tick (NAME.tsv).
# Run from the repository root (needs wrk, e.g. the Debian package; JDK 25 under JAVA25 or /usr/lib/jvm):
#   benchmarks/record-sample-app.sh                       # all 20: 5 collectors x 4 scenarios, one at a time (~3 h)
#   benchmarks/record-sample-app.sh g1:0.5 zgc25:cache    # chosen ones (collector:scenario)
# The jars are copied to a private directory first, so a build during the recordings does not change what they run.
# Collectors: g1 (JDK 17), g1-25, parallel (JDK 17), zgc25 (generational ZGC, JDK 25), shenandoah (JDK 17).
# Scenarios: 0 (no leak), cache (a bounded 48 MiB cache filling from the start, then churning at its cap; no leak),
# or a leak rate in % of heap max per compressed hour starting at tick LEAK_START (e.g. 0.5, 2.0).
# The leak starts at tick LEAK_START = 120 of 240 (4 minutes of real time): the sample app's live set settles for its first
# 1-4 real minutes under load (JIT, tenuring, the garbage workload's pools), which time compression stretches into
# 30-120 ticks of decline; a leak started inside that (the first v2 recordings started it at tick 60) is masked by a
# settling that a real service does within its first few one-minute ticks.
# Environment: TICKS (240), LEAK_START (120), THINK_MS (10), CATALOG_EVERY (25: one catalog write every N requests per
# wrk thread in the cache scenario; the cache is full in about 30 ticks), OUT_DIR (benchmarks/traces/sample-app-v3),
# NAME_PREFIX (sample-app-v3), SKIP_BUILD=1 (reuse the jars), PARALLEL (1 recording at a time: two at a time on 2
# cores slow the live histograms past max-pause, and the engine then stays passive).
set -euo pipefail
ticks="${TICKS:-240}"
leak_start="${LEAK_START:-120}"
think="${THINK_MS:-10}"
catalog_every="${CATALOG_EVERY:-25}"
out_dir="${OUT_DIR:-benchmarks/traces/sample-app-v3}"
prefix="${NAME_PREFIX:-sample-app-v3}"
parallel="${PARALLEL:-1}"
java17=$(command -v java)
java25="${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2> /dev/null | head -1)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -q -o install -DskipTests
  ./mvnw -q -o -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
cp sample-app/target/sample-app-0.1.0-SNAPSHOT.jar benchmarks/target/benchmarks.jar "$work"/
app_jar=$work/sample-app-0.1.0-SNAPSHOT.jar
bench_jar=$work/benchmarks.jar
commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain -- . ':!benchmarks/traces') ]]; then commit+=" (with uncommitted changes)"; fi
app_args=(--server.port=0 --server.address=127.0.0.1 --memory.audit.snapshot.interval=2s
  --memory.audit.snapshot.initial-delay=2s --memory.audit.histogram.interval=0 --memory.audit.trend.warmup=20s
  --memory.audit.trend.leak-warmup=120s --management.endpoints.web.exposure.include=health,memorytrend,memorysnapshots)
app_note="its 8 MiB/s garbage workload on; defaults but time compressed 30x (warm-up 20 s, leak warm-up 120 s, confirmation min-interval 10 ticks = 20 s) and scheduled histograms off"

record() { # record <collector> <scenario>
  local collector=$1 scenario=$2 flag java_bin name log port app wrk_pid wrk_out csv pct=0 lua_args trace_scenario
  case "$collector" in
    g1) java_bin=$java17; flag=-XX:+UseG1GC ;;
    g1-25) java_bin=$java25; flag=-XX:+UseG1GC ;;
    parallel) java_bin=$java17; flag=-XX:+UseParallelGC ;;
    zgc25) java_bin=$java25; flag=-XX:+UseZGC ;;
    shenandoah) java_bin=$java17; flag=-XX:+UseShenandoahGC ;;
    *) echo "unknown collector $collector (g1, g1-25, parallel, zgc25, shenandoah)" >&2; return 1 ;;
  esac
  [[ -x "$java_bin" ]] || { echo "$collector: no java at '$java_bin' (set JAVA25)" >&2; return 1; }
  lua_args=("$think")
  case "$scenario" in
    0) name="$prefix-$collector-no-leak"; trace_scenario=no-leak ;;
    cache) name="$prefix-$collector-cache-fill-churn"; trace_scenario=cache-fill-churn
      lua_args+=("$catalog_every") ;;
    *) pct=$scenario; name="$prefix-$collector-leak-$(printf '%.1f' "$pct")pct"; trace_scenario=leak ;;
  esac
  csv="$out_dir/$name.csv"
  log="$work/$name.log"
  wrk_out="$work/$name.wrk"
  local java_version
  java_version=$("$java_bin" -version 2>&1 | head -1)
  "$java_bin" -Xmx256m "$flag" -jar "$app_jar" "${app_args[@]}" > "$log" 2>&1 &
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
  wrk -t2 -c16 -d1h --latency -s benchmarks/wrk-sample-app.lua "http://127.0.0.1:$port" -- "${lua_args[@]}" > "$wrk_out" 2>&1 &
  wrk_pid=$!
  java -cp "$bench_jar" dev.memoryaudit.benchmarks.SampleAppTraceMain --url "http://127.0.0.1:$port" --out "$csv" \
    --regime "$collector-sample-app-wrk" --scenario "$trace_scenario" --ticks "$ticks" --leak-start "$leak_start" \
    --leak-pct "$pct" --tick-millis 2000 --verdicts "$out_dir/$name.tsv" \
    --comment "recorded=$(date -u +%Y-%m-%dT%H:%MZ) on commit $commit by benchmarks/record-sample-app.sh" \
    --comment "jvm=$java_version, -Xmx256m $flag" \
    --comment "app=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar ${app_args[*]} ($app_note)" \
    --comment "load=wrk -t2 -c16 --latency -s benchmarks/wrk-sample-app.lua http://127.0.0.1:$port -- ${lua_args[*]}, from start-up to the last snapshot" \
    --comment "time=compressed 30x: snapshots 2 s apart in real time, written 60 s apart (epoch and uptime x30); leak rate in % of heap max per compressed hour (120 s real)" \
    > "$work/$name.out" || { kill "$wrk_pid" "$app" 2> /dev/null; cat "$work/$name.out" "$log" >&2; return 1; }
  cat "$work/$name.out"
  kill -INT "$wrk_pid"
  wait "$wrk_pid" || true
  kill "$app"
  wait "$app" 2> /dev/null || true
  local rps p50 p99 total errors load_line
  rps=$(awk '/Requests\/sec/ {print $2}' "$wrk_out")
  total=$(awk '/requests in/ {print $1}' "$wrk_out")
  p50=$(awk '$1=="50%" {print $2}' "$wrk_out")
  p99=$(awk '$1=="99%" {print $2}' "$wrk_out")
  errors=$(awk '/Non-2xx|Socket errors/ {$1=$1; printf "%s%s", sep, $0; sep="; "}' "$wrk_out")
  load_line="# load_result=$total requests, $rps requests/s, p50 $p50, p99 $p99${errors:+, $errors}; load average $load_before at start, $(cut -d' ' -f1-3 /proc/loadavg) at end"
  sed -i "1i $load_line" "$csv"
  sed -i "1i $load_line" "$out_dir/$name.tsv"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(date -u +%Y-%m-%dT%H:%MZ)" "$commit" \
    "$(sed -n 's/^summary //p' "$work/$name.out")" "$rps requests/s, p99 $p99" \
    "load $load_before -> $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out_dir/summary.tsv"
  echo "$name: $rps requests/s, p99 $p99"
}

runs=("$@")
if [[ ${#runs[@]} -eq 0 ]]; then
  for s in 0.5 2.0 0 cache; do
    for c in g1 g1-25 parallel zgc25 shenandoah; do runs+=("$c:$s"); done
  done
fi
mkdir -p "$out_dir"
status=0
for ((i = 0; i < ${#runs[@]}; i += parallel)); do
  pids=()
  for run in "${runs[@]:i:parallel}"; do
    record "${run%%:*}" "${run##*:}" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
done
exit $status
