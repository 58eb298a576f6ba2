java -Xmx512m -Xlog:safepoint:file=/tmp/final-safepoint.log -jar sample-app/target/sample-app-0.1.0-SNAPSHOT.jar --server.port=18092 --memory.audit.retention.recording=always --management.endpoint.memoryretention.access=unrestricted --memory.audit.retention.min-interval=0s --spring.profiles.active=demo > /tmp/final-app.log 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -s -o /dev/null localhost:18092/actuator/health && break; sleep 1; done
curl -s -XPOST "localhost:18092/leak/start?bytesPerSecond=1048576" > /dev/null
for s in listeners map threadlocal; do curl -s -XPOST "localhost:18092/leak/$s/start?bytesPerSecond=1048576" > /dev/null; done
sleep 40
curl -s localhost:18092/leak/shapes; echo
for i in 1 2 3; do curl -s -XPOST localhost:18092/actuator/memoryretention | python3 -c 'import json,sys; d=json.load(sys.stdin); r=d["report"]; print("dump", r["dumpMillis"], "ms", r["fileBytes"], "bytes; read", r["analyzeMillis"], "ms;", r["samples"], "samples,", r["samplesWithRoot"], "rooted")'; sleep 5; done
curl -s localhost:18092/actuator/memorytrend | python3 -c 'import json,sys; d=json.load(sys.stdin); print("verdict", d["verdict"])'
curl -s -H 'Accept: text/markdown' localhost:18092/actuator/memoryretention > /tmp/final-ret.md
curl -s localhost:18092/actuator/memoryretention > /tmp/final-ret.json
curl -s -H 'Accept: text/markdown' localhost:18092/actuator/memorytrend > /tmp/final-trend.md
kill $PID; wait $PID
