#!/bin/bash
# Interleaved wrk runs against the sample app with retention off and on.
JAR=${JAR:-sample-app/target/sample-app-0.1.0-SNAPSHOT.jar}; PORT=18091; ROUNDS=${ROUNDS:-3}
for r in $(seq 1 $ROUNDS); do
  for mode in false true; do
    java -Xmx512m -jar $JAR --server.port=$PORT --memory.audit.retention.enabled=$mode > /tmp/bench-app.log 2>&1 &
    PID=$!
    for i in $(seq 1 60); do curl -s -o /dev/null localhost:$PORT/actuator/health && break; sleep 1; done
    wrk -t2 -c16 -d10s http://127.0.0.1:$PORT/leak/shapes > /dev/null
    OUT=$(wrk -t2 -c16 -d20s --latency http://127.0.0.1:$PORT/leak/shapes)
    RPS=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
    P99=$(echo "$OUT" | awk '$1=="99%" {print $2}')
    P50=$(echo "$OUT" | awk '$1=="50%" {print $2}')
    echo "round=$r retention=$mode rps=$RPS p50=$P50 p99=$P99 load=$(cut -d' ' -f1-3 /proc/loadavg)"
    kill $PID; wait $PID 2>/dev/null
  done
done
