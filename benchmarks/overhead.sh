#!/usr/bin/env bash
# Host overhead: the sample app under wrk (loopback) with the starter enabled vs disabled, interleaved rounds in one
# run (enabled first in odd rounds, disabled first in even ones). Prints two markdown tables:
#  1. throughput and latency per run (noisy on a shared machine: other tenants move them by far more than 1 %);
#  2. the direct measure, which does not depend on throughput: CPU time of the starter's own threads (memory-audit-*,
#     nanoseconds from /proc/<pid>/task/<tid>/schedstat; names are cut to 15 characters, memory-audit-sn is the
#     snapshot thread, memory-audit-la the lag thread) as % of the process's CPU and of one core, per thread, and the
#     snapshot thread's CPU per snapshot taken; the JVM's "Notification Thread" (delivers GC notifications, to our GcMonitor and to Micrometer's GC
#     meters alike) for comparison; and stop-the-world time from -Xlog:safepoint: the starter's own operations
#     (GC_HeapInspection = class histogram, HeapDumper = heap dump) over the whole run and in the measurement window.
# Stop-the-world cells read "sum (count, longest)". KEEP_LOGS=1 keeps the app and safepoint logs.
# Run from the repository root after `./mvnw -q install -DskipTests`:
#   benchmarks/overhead.sh [rounds] [seconds] [extra app arguments for the enabled runs...]
# e.g. benchmarks/overhead.sh 3 60
#      benchmarks/overhead.sh 1 60 --memory.audit.histogram.interval=15s --memory.audit.histogram.min-interval=15s
set -euo pipefail
rounds="${1:-3}"
seconds="${2:-20}"
shift $(( $# >= 2 ? 2 : $# ))
extra=("$@")
jar=sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
if [[ -n "${KEEP_LOGS:-}" ]]; then echo "app and safepoint logs kept in $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

# tid, name and on-CPU nanoseconds of every thread of a process, one line each
threads() {
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\t%s\n' "${t##*/}" "$(cat "$t/comm" 2> /dev/null)" "$(cut -d' ' -f1 "$t/schedstat" 2> /dev/null)"
  done
}
# process CPU (all threads, dead ones included) in clock ticks
process_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
# JVM uptime in seconds, from the process start time
jvm_uptime() { awk -v hz="$hz" -v start="$(awk '{print $22}' /proc/"$1"/stat)" '{printf "%.2f", $1 - start / hz}' /proc/uptime; }
last_snapshot_id() {
  curl -sf "http://127.0.0.1:$1/actuator/memorysnapshots" | grep -o '"id":[0-9]*' | tail -1 | cut -d: -f2 || echo 0
}

echo "| round | starter | requests/s | p50 | p99 | process CPU |" > "$work/table1"
echo "|---|---|---|---|---|---|" >> "$work/table1"
echo "| round | window | process CPU | starter threads CPU | % of process CPU | % of one core | snapshots | snapshot thread CPU per snapshot | per thread | Notification Thread CPU | starter STW in window | starter STW whole run | all safepoints in window |" > "$work/table2"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|" >> "$work/table2"
for round in $(seq 1 "$rounds"); do
  order="true false"
  if (( round % 2 == 0 )); then order="false true"; fi   # alternate which goes first, against drift in the host's load
  for enabled in $order; do
    log="$work/app-$round-$enabled.log"
    sp="$work/safepoint-$round-$enabled.log"
    args=(--server.port=0 --server.address=127.0.0.1 --memory.audit.enabled=$enabled
      --memory.audit.snapshot.interval=1s --memory.audit.snapshot.initial-delay=1s
      --sample.garbage.enabled=false --logging.level.root=WARN
      --logging.level.org.springframework.boot.tomcat=INFO)
    if [[ $enabled == true ]]; then args+=("${extra[@]}"); fi
    java -Xmx512m -XX:+UseG1GC "-Xlog:safepoint:file=$sp:uptime" -jar "$jar" "${args[@]}" > "$log" 2>&1 &
    pid=$!
    port=
    for _ in $(seq 1 240); do
      port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
      [[ -n "$port" ]] && break
      sleep 0.5
    done
    [[ -n "$port" ]] || { echo "the sample app did not start, see $log" >&2; cat "$log" >&2; exit 1; }
    wrk -t2 -c16 -d5s "http://127.0.0.1:$port/garbage" > /dev/null            # warm-up (JIT)
    threads "$pid" > "$work/before"
    ticks_before=$(process_ticks "$pid")
    up_before=$(jvm_uptime "$pid")
    id_before=$(last_snapshot_id "$port")
    wall_before=$(date +%s%N)
    result=$(wrk -t2 -c16 -d"${seconds}s" --latency "http://127.0.0.1:$port/garbage")
    wall_after=$(date +%s%N)
    id_after=$(last_snapshot_id "$port")
    up_after=$(jvm_uptime "$pid")
    ticks_after=$(process_ticks "$pid")
    threads "$pid" > "$work/after"
    kill "$pid"; wait "$pid" 2> /dev/null || true
    rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$result" | awk '$1=="50%" {print $2}')
    p99=$(echo "$result" | awk '$1=="99%" {print $2}')
    proc_ms=$(( (ticks_after - ticks_before) * 1000 / hz ))
    echo "| $round | $enabled | $rps | $p50 | $p99 | ${proc_ms} ms in ${seconds} s |" >> "$work/table1"
    # per-thread CPU deltas (threads started in the window count from 0; threads that ended in it are lost)
    deltas=$(awk -F'\t' 'NR == FNR {before[$1] = $3; next} {print $2 "\t" ($3 - before[$1])}' "$work/before" "$work/after")
    starter_ns=$(echo "$deltas" | awk -F'\t' '$1 ~ /^memory-audit/ {s += $2} END {print s + 0}')
    per_thread=$(echo "$deltas" | awk -F'\t' '$1 ~ /^memory-audit/ {s[$1] += $2} END {for (n in s) {printf "%s%s %.1f ms", sep, n, s[n] / 1e6; sep = ", "}}')
    snapshot_ns=$(echo "$deltas" | awk -F'\t' '$1 ~ /^memory-audit-sn/ {s += $2} END {print s + 0}')
    notif_ns=$(echo "$deltas" | awk -F'\t' '$1 ~ /^Notification/ {s += $2} END {print s + 0}')
    # safepoints: [12.345s] Safepoint "GC_HeapInspection", ... Total: 123456 ns
    stw() { # stw <from s> <to s> <regex of operations>
      awk -v from="$1" -v to="$2" -v ops="$3" '/Safepoint "/ {
          t = substr($1, 2) + 0; match($0, /Safepoint "[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12)
          match($0, /Total: [0-9]+ ns/); ns = substr($0, RSTART + 7, RLENGTH - 10) + 0
          if (t >= from && t <= to && op ~ ops) { s += ns; n++; if (ns > max) max = ns } }
        END {if (n == 0) printf "0 ms (0)"; else printf "%.1f ms (%d, longest %.1f ms)", s / 1e6, n, max / 1e6}' "$sp"
    }
    ops='^(GC_HeapInspection|HeapDumper)$'
    wall_ns=$(( wall_after - wall_before ))
    awk -v r="$round" -v e="$enabled" -v s="$seconds" -v p="$proc_ms" -v a="$starter_ns" -v w="$wall_ns" \
      -v n="$(( id_after - id_before ))" -v t="$per_thread" -v nt="$notif_ns" -v sn="$snapshot_ns" \
      -v sw="$(stw "$up_before" "$up_after" "$ops")" -v sa="$(stw 0 1e9 "$ops")" -v all="$(stw "$up_before" "$up_after" .)" \
      'BEGIN {printf "| %s | %s, %s s | %d ms | %.1f ms | %.3f %% | %.3f %% | %d | %s | %s | %.1f ms | %s | %s | %s |\n",
        r, (e == "true") ? "on" : "off", s, p, a / 1e6, (p > 0) ? 100 * a / 1e6 / p : 0, 100 * a / w, n,
        (n > 0) ? sprintf("%.2f ms", sn / 1e6 / n) : "—", (t == "") ? "—" : t, nt / 1e6, sw, sa, all}' >> "$work/table2"
  done
done
cat "$work/table1"
echo
cat "$work/table2"
