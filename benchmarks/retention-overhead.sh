#!/usr/bin/env bash
# Cost of retention paths (the JFR old-object recording) under load, against the starter disabled, measured alone.
# Arms, each a fresh JVM (-Xmx512m, G1, the sample's 8 MiB/s garbage workload on, no leak running), in an order that
# rotates every round (against drift in the host's load):
#   off          memory.audit.enabled=false
#   defaults     the starter's defaults: retention on, recording only while a leak is suspected (none here: no leak
#                runs, so no recording starts; jcmd JFR.check is asked after each such run and must list none)
#   no-retention the defaults and memory.audit.retention.enabled=false
#   retention    the defaults and memory.audit.retention.recording=always (our recording from start-up, as it runs
#                while a leak is suspected)
#   jfr-startup  the starter disabled, the same JFR event (jdk.OldObjectSample, cutoff 5 s, stack traces) from
#                -XX:StartFlightRecording, for comparison with a recording that starts with the JVM
#   jfr-runtime  the starter disabled, the same recording started once the app is up, with jcmd JFR.start (as our
#                recording starts: after the JVM, not with it)
#   defaults-jfr-runtime  the starter's defaults and that jcmd recording
#   jfr-early    the starter disabled, the same recording started with jcmd as soon as the JVM accepts it
# Load: wrk -t2 -c16 on GET /leak/shapes (loopback), WARMUP seconds of warm-up then SECONDS measured.
# Prints one markdown row per run (requests/s, p50, p99, app CPU per request, JFR recordings running at the end of the
# run as jcmd JFR.check lists them, load average before the run) and, per
# round, each arm's throughput and p99 as a ratio to the "off" run of the same round.
# Run from the repository root, alone on the machine, after `./mvnw -q install -DskipTests`:
#   benchmarks/retention-overhead.sh [rounds] [seconds] [warmup] [arms...]
#   e.g. benchmarks/retention-overhead.sh 4 30 20
set -euo pipefail
rounds="${1:-4}"
seconds="${2:-30}"
warmup="${3:-20}"
shift $(( $# >= 3 ? 3 : $# ))
arms=("$@")
if [[ ${#arms[@]} -eq 0 ]]; then arms=(off defaults no-retention retention); fi
jar="${JAR:-sample-app/target/sample-app-0.1.0-SNAPSHOT.jar}"
java="${JAVA:-java}"
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the event our recording enables, as a settings file for -XX:StartFlightRecording
cat > "$work/oldobject.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="old-object samples only">
  <event name="jdk.OldObjectSample">
    <setting name="enabled">true</setting>
    <setting name="stackTrace">true</setting>
    <setting name="cutoff">5 s</setting>
  </event>
</configuration>
JFC

process_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }

echo "$("$java" -version 2>&1 | head -1); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| round | arm | requests/s | p50 | p99 | app CPU per request | JFR recordings at the end | load before |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
declare -A rps_of p99_of
for round in $(seq 1 "$rounds"); do
  n=${#arms[@]}
  shift_by=$(( (round - 1) % n ))
  order=("${arms[@]:shift_by}" "${arms[@]:0:shift_by}")
  for arm in "${order[@]}"; do
    jvm=(-Xmx512m -XX:+UseG1GC)
    app=(--server.port=0 --server.address=127.0.0.1 --logging.level.root=WARN
      --logging.level.org.springframework.boot.tomcat=INFO)
    case "$arm" in
      off) app+=(--memory.audit.enabled=false) ;;
      defaults) ;;
      no-retention) app+=(--memory.audit.retention.enabled=false) ;;
      retention) app+=(--memory.audit.retention.recording=always) ;;
      jfr-startup) app+=(--memory.audit.enabled=false)
        jvm+=("-XX:StartFlightRecording=settings=$work/oldobject.jfc,maxsize=16m,maxage=30m,disk=true") ;;
      jfr-runtime | jfr-early) app+=(--memory.audit.enabled=false) ;;
      defaults-jfr-runtime) ;;
      *) echo "unknown arm $arm (allowed: off defaults no-retention retention jfr-startup jfr-runtime" \
        "defaults-jfr-runtime jfr-early)" >&2; exit 2 ;;
    esac
    log="$work/app-$round-$arm.log"
    "$java" "${jvm[@]}" -jar "$jar" "${app[@]}" > "$log" 2>&1 &
    pid=$!
    if [[ $arm == jfr-early ]]; then
      for _ in $(seq 1 100); do
        "${JCMD:-jcmd}" "$pid" JFR.start name=bench settings="$work/oldobject.jfc" maxsize=16m maxage=30m disk=true \
          > /dev/null 2>&1 && break
        sleep 0.05
      done
    fi
    port=
    for _ in $(seq 1 240); do
      port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
      [[ -n "$port" ]] && break
      sleep 0.5
    done
    [[ -n "$port" ]] || { echo "the sample app did not start, see:" >&2; cat "$log" >&2; exit 1; }
    url="http://127.0.0.1:$port/leak/shapes"
    if [[ $arm == jfr-runtime || $arm == defaults-jfr-runtime ]]; then
      "${JCMD:-jcmd}" "$pid" JFR.start name=bench settings="$work/oldobject.jfc" maxsize=16m maxage=30m disk=true \
        > /dev/null
    fi
    wrk -t2 -c16 -d"${warmup}s" "$url" > /dev/null
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    ticks_before=$(process_ticks "$pid")
    result=$(wrk -t2 -c16 -d"${seconds}s" --latency "$url")
    ticks_after=$(process_ticks "$pid")
    # the JFR recordings running at the end of the run (after the measurement, so that jcmd does not disturb it)
    recordings=$("${JCMD:-jcmd}" "$pid" JFR.check 2> /dev/null | grep -c '^Recording ' || true)
    kill "$pid"; wait "$pid" 2> /dev/null || true
    rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
    total=$(echo "$result" | awk '/requests in/ {print $1}')
    p50=$(echo "$result" | awk '$1=="50%" {print $2}')
    p99=$(echo "$result" | awk '$1=="99%" {print $2}')
    cpu_per_request=$(awk -v t=$(( ticks_after - ticks_before )) -v hz="$hz" -v n="$total" \
      'BEGIN { printf "%.1f µs", (n > 0) ? t / hz / n * 1e6 : 0 }')
    echo "| $round | $arm | $rps | $p50 | $p99 | $cpu_per_request | $recordings | $load |"
    rps_of[$round,$arm]=$rps
    p99_of[$round,$arm]=$p99
  done
done

# p99 in milliseconds, from wrk's unit-suffixed figure
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }
if [[ " ${arms[*]} " == *" off "* ]]; then
  echo
  echo "Ratio to the \"off\" run of the same round (throughput; p99):"
  echo
  echo "| arm | $(seq -s ' | ' 1 "$rounds" | sed 's/[0-9]\+/round &/g') |"
  echo "|---|$(for _ in $(seq 1 "$rounds"); do printf -- '---:|'; done)"
  for arm in "${arms[@]}"; do
    [[ $arm == off ]] && continue
    row="| $arm |"
    for round in $(seq 1 "$rounds"); do
      row+=$(awk -v a="${rps_of[$round,$arm]}" -v b="${rps_of[$round,off]}" -v pa="$(ms "${p99_of[$round,$arm]}")" \
        -v pb="$(ms "${p99_of[$round,off]}")" 'BEGIN { printf " %.3f; %.2f |", a / b, pa / pb }')
    done
    echo "$row"
  done
fi
