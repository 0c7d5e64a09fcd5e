#!/usr/bin/env bash
# The 30-minute soak of docs/benchmarks.md ("The soak, flat"), on PostgreSQL, server and load
# generator on this machine. Run it on a quiet machine: nothing else building or testing.
#
#   anshin-benchmarks/load/soak.sh prepare          # once: database anshin_soak_base with 100,000
#                                                   # registered cards, data folder /tmp/anshin-soak/base
#   NAME=a anshin-benchmarks/load/soak.sh run       # a fresh copy of both, then the soak
#
# Settings (environment): NAME (run name, required for run), JAVA_OPTS (server; default the
# launcher's), CARDS (100000), TERMINALS_PER_CARD (32), MINUTES (30), RATE (default 70 % of the
# fixed-rate maximum measured in the same run: steps of STEP (400)/s from STEP_FROM (2000) to
# STEP_TO (8000), 60 s each, the last with p99 under 500 ms and under 0.1 % past 1 s), WARMUP
# (150 s: every card's first authorization reads it from the database), PGURL (jdbc:postgresql://127.0.0.1:5432), PSQL (psql -h 127.0.0.1 -U postgres),
# REGISTER (prepare: the command that registers the cards, given BASE_URL and COUNT; default
# register-cards.sh, one curl per card, about 15 minutes for 100,000).
# Output in /tmp/anshin-soak/NAME: soak.txt (a line a minute), gc.log, server.log, the steps,
# the closed loop at 256 connections after the soak, a class histogram and the heap after a full
# collection.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$here/anshin-cli/target/anshin.jar"
work=/tmp/anshin-soak
key=load-test-key-0123456789abcdef
port=8114
url="http://127.0.0.1:$port"
cards=${CARDS:-100000}
psql_=${PSQL:-psql -h 127.0.0.1 -U postgres}
pgurl=${PGURL:-jdbc:postgresql://127.0.0.1:5432}
[ -f "$jar" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 2; }
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null' EXIT # never leave a server behind on port 8114
if curl -s -o /dev/null "$url/api/v1/ping"; then echo "something already listens on $url: stop it first" >&2; exit 2; fi

serve() { # data folder, database, GC log, server log
  ANSHIN_API_KEY=$key java ${JAVA_OPTS:--Xmx4g -XX:MaxTenuringThreshold=1 -XX:MaxGCPauseMillis=50} -Xlog:gc*:file="$3":uptime -jar "$jar" \
    serve --no-tls --port $port --data-dir "$1" --database-url "$pgurl/$2" \
    --anshin.limits.api-other-per-key=100000/s --anshin.limits.api-other-per-address=100000/s > "$4" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -s -o /dev/null -H "X-Api-Key: $key" "$url/api/v1/ping" && return 0
    kill -0 $server 2>/dev/null || { echo "the server stopped: $4" >&2; exit 1; }
    sleep 1
  done
  echo "the server did not start in 10 minutes: $4" >&2; exit 1
}

case "${1:-}" in
prepare)
  mkdir -p $work; rm -rf $work/base
  $psql_ -qc "drop database if exists anshin_soak_base" -c "create database anshin_soak_base"
  serve $work/base anshin_soak_base $work/base-gc.log $work/base-server.log
  ANSHIN_API_KEY=$key ${REGISTER:-"$here/anshin-benchmarks/load/register-cards.sh"} "$url" "$cards"
  kill $server; wait $server || true; server=
  ;;
run)
  name=${NAME:?set NAME}; out=$work/$name; db=anshin_soak_$name
  [[ $name =~ ^[a-z0-9_]+$ ]] || { echo "NAME: lower-case letters, digits and _ only" >&2; exit 2; }
  rm -rf "$out"; mkdir -p "$out"
  $psql_ -qc "drop database if exists $db" -c "create database $db template anshin_soak_base"
  cp -a $work/base "$out/data"
  serve "$out/data" $db "$out/gc.log" "$out/server.log"
  metrics=$(curl -s -X POST "$url/api/v1/api-clients" -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
    -d '{"name":"soak-metrics","roles":["METRICS"]}' | sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p')
  lt="java -XX:+UseSerialGC -Xmx256m -jar $jar loadtest --url $url --cards $cards --client-timeout 1000
      --terminals-per-card ${TERMINALS_PER_CARD:-32} --api-key $key"
  # a single error (a 503, a reset connection) makes loadtest exit 1: the soak goes on
  $lt --connections 32 --warmup 0 --duration "${WARMUP:-150}" > "$out/warmup.txt" 2>&1 || true
  # A closed loop's throughput, for the record: it overstates what the server sustains (its
  # connections wait for each answer, so the load eases whenever the server slows; a fixed rate
  # does not), 3,090-6,558/s on the same machine on different days.
  $lt --connections 32 --warmup 0 --duration 20 > "$out/closed-loop.txt" 2>&1 || true
  # The maximum: the highest fixed rate (64 connections, 60 s a step, STEP_FROM up by STEP) with p99
  # under 500 ms and under 0.1 % of requests past the client's 1-s timeout.
  max=0; r=${STEP_FROM:-2000}
  while [ -z "${RATE:-}" ] && [ "$r" -le "${STEP_TO:-8000}" ]; do
    $lt --connections 64 --rate "$r" --warmup 0 --duration 60 > "$out/step-$r.txt" 2>&1 || true
    p99=$(sed -n 's/^target=.* p99=\([0-9.]*\)ms.*/\1/p' "$out/step-$r.txt")
    late=$(sed -n 's/.*past 1000 ms client timeout=\([0-9.]*\)%.*/\1/p' "$out/step-$r.txt")
    echo "step $r/s: p99 ${p99:-?} ms, past the timeout ${late:-?} %" | tee -a "$out/steps.txt"
    awk -v p="${p99:-99999}" -v l="${late:-100}" 'BEGIN { exit !(p < 500 && l < 0.1) }' || break
    max=$r; r=$((r + ${STEP:-400}))
    sleep 10 # the queue of the step before drains
  done
  [ -n "${RATE:-}" ] || [ "$max" -gt 0 ] || { echo "no fixed rate held: $out/steps.txt" >&2; exit 1; }
  rate=${RATE:-$((max * 70 / 100))}
  echo "fixed-rate maximum ${max}/s (0 when RATE was given), soak at $rate/s" | tee "$out/info"
  sleep 30
  minutes=${MINUTES:-30}
  ( for m in $(seq 1 "$minutes"); do sleep 60
      curl -s -H "X-Api-Key: $metrics" "$url/actuator/prometheus" > "$out/metrics-$m.txt"; done ) &
  sampler=$!
  $lt --connections 64 --rate "$rate" --warmup 30 --duration $((minutes * 60)) --report-every 60 \
    --server-pid $server | tee "$out/soak.txt" || true
  kill $sampler 2>/dev/null || true
  $lt --connections 256 --warmup 0 --duration 30 --server-pid $server > "$out/closed-256.txt" 2>&1 || true
  jcmd $server GC.class_histogram > "$out/histogram.txt"
  jcmd $server GC.run > /dev/null
  jcmd $server GC.heap_info > "$out/heap-after-full-gc.txt"
  kill $server; wait $server || true; server=
  ;;
*)
  sed -n '2,18p' "$0" >&2; exit 2
  ;;
esac
