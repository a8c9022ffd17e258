#!/usr/bin/env bash
# Pipeline's .NET client (`pipeline bench`) side by side with librdkafka (bench/rdkperf), both
# against the same broker in the same run, with the same producer settings, for 100-byte and
# 1 KB records: the difference is the clients' own speed. Produce (at full speed and at a fixed
# rate), consume (both read the same records from the log start) and, for our client, end to end.
#
#   bench/client-compare.sh [RECORDS] [RUNS] [RATE]
#
# RECORDS of 100 bytes (default 2,000,000; the 1 KB workload sends a fifth as many), RUNS per
# workload (default 3, median reported), RATE records/s for the latency-below-saturation runs
# (default 50,000). Needs gcc and librdkafka-dev (apt-get install gcc librdkafka-dev).
#
# Both clients: acks=all, enable.idempotence=true, linger.ms=5, batch.size=1000000 (librdkafka's
# default; Kafka's is 16384), max.in.flight.requests.per.connection=5, no compression, 6 partitions.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RECORDS="${1:-2000000}"
RUNS="${2:-3}"
RATE="${3:-50000}"
PARTITIONS=6
SETTINGS=(acks=all enable.idempotence=true linger.ms=5 batch.size=1000000 max.in.flight.requests.per.connection=5)

command -v gcc >/dev/null || { echo "bench: gcc missing: apt-get install gcc librdkafka-dev" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 missing: apt-get install python3" >&2; exit 1; }
[ -f /usr/include/librdkafka/rdkafka.h ] || { echo "bench: librdkafka-dev missing: apt-get install librdkafka-dev" >&2; exit 1; }

mkdir -p "$ROOT/.build"
RDK="$ROOT/.build/rdkperf"
if [ ! -x "$RDK" ] || [ "$ROOT/bench/rdkperf/rdkperf.c" -nt "$RDK" ]; then
    gcc -O2 -Wall -o "$RDK" "$ROOT/bench/rdkperf/rdkperf.c" -lrdkafka
fi
"$ROOT/pipeline" --help >/dev/null   # builds pipeline if needed
PIPELINE=(dotnet "$ROOT/.build/pipeline/pipeline.dll")

WORK="$(mktemp -d)"
BROKER_PID=""
cleanup() { [ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

cat > "$WORK/server.properties" <<PROPS
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0
controller.listener.names=CONTROLLER
log.dirs=$WORK/data
num.partitions=$PARTITIONS
PROPS
"${PIPELINE[@]}" broker --config "$WORK/server.properties" --log-level Warning > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 1 100); do
    grep -q "listening on PLAINTEXT" "$WORK/broker.log" 2>/dev/null && break
    sleep 0.2
done
BOOTSTRAP="$(grep -o 'listening on PLAINTEXT://[^ ]*' "$WORK/broker.log" | head -1 | sed 's|listening on PLAINTEXT://||')"
[ -n "$BOOTSTRAP" ] || { echo "bench: broker did not start:"; cat "$WORK/broker.log"; exit 1; }

rdk_x=(); net_x=()
for s in "${SETTINGS[@]}"; do rdk_x+=(-X "$s"); net_x+=(-X "$s"); done

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# rdkperf produce: "rec/s MB/s p50 p99 p99.9"
rdk_produce() {
    local out
    out="$("$RDK" produce -b "$BOOTSTRAP" -t "$1" -n "$2" -s "$3" -p "$PARTITIONS" -a all -L "${@:4}" "${rdk_x[@]}" 2>/dev/null)"
    echo "$(echo "$out" | grep '^produce ' | field rec_per_s) $(echo "$out" | grep '^produce ' | field mb_per_s)" \
        "$(echo "$out" | field p50_ms) $(echo "$out" | field p99_ms) $(echo "$out" | field p999_ms)"
}
# pipeline bench produce: the same five numbers
net_produce() {
    "${PIPELINE[@]}" bench produce -b "$BOOTSTRAP" -t "$1" -n "$2" -s "$3" -p "$PARTITIONS" --output json "${@:4}" 2>/dev/null |
        json "d['records_per_sec'], d['mb_per_sec'], d['latency_ms']['p50_ms'], d['latency_ms']['p99_ms'], d['latency_ms']['p999_ms']" | tr -d '(),'
}
# rdkperf consume / pipeline bench consume: "rec/s MB/s"
rdk_consume() {
    "$RDK" consume -b "$BOOTSTRAP" -t "$1" -n "$2" -p "$PARTITIONS" 2>/dev/null | grep '^consume ' | { read -r l; echo "$(echo "$l" | field rec_per_s) $(echo "$l" | field mb_per_s)"; }
}
net_consume() {
    "${PIPELINE[@]}" bench consume -b "$BOOTSTRAP" -t "$1" -n "$2" --warmup-records 300000 --output json "${@:3}" 2>/dev/null |
        json "d['records_per_sec'], d['mb_per_sec']" | tr -d '(),'
}
net_e2e() {
    "${PIPELINE[@]}" bench e2e -b "$BOOTSTRAP" -t "$1" -n "$2" -s "$3" -p "$PARTITIONS" --throughput "$4" --output json 2>/dev/null |
        json "d['records_per_sec'], d['mb_per_sec'], d['latency_ms']['p50_ms'], d['latency_ms']['p99_ms'], d['latency_ms']['p999_ms']" | tr -d '(),'
}
col() { awk -v c="$1" '{print $c}'; }
row2() { # label, then lines of "rec/s MB/s"
    printf '| %-58s | %10.0f | %7.1f | %8s | %8s | %8s |\n' "$1" "$(echo "$2" | col 1 | median)" "$(echo "$2" | col 2 | median)" - - -
}
row() { # label, then lines of "rec/s MB/s p50 p99 p99.9" (one per run): medians of each column
    local label="$1" lines="$2"
    printf '| %-58s | %10.0f | %7.1f | %8.2f | %8.2f | %8.2f |\n' "$label" \
        "$(echo "$lines" | col 1 | median)" "$(echo "$lines" | col 2 | median)" \
        "$(echo "$lines" | col 3 | median)" "$(echo "$lines" | col 4 | median)" "$(echo "$lines" | col 5 | median)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r)"
echo "librdkafka $(dpkg-query -W -f='${Version}' librdkafka1 2>/dev/null || echo '?'), $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /')"
echo "settings (both clients): ${SETTINGS[*]}, $PARTITIONS partitions, $RUNS runs (median)"
echo "warming up (broker page cache; each pipeline run also sends 300k warm-up records for the JIT)..." >&2
"$RDK" produce -b "$BOOTSTRAP" -t warmup -n 1000000 -s 100 -p "$PARTITIONS" >/dev/null 2>&1

printf '| %-58s | %10s | %7s | %8s | %8s | %8s |\n' "workload / client" "records/s" "MB/s" "p50 ms" "p99 ms" "p99.9 ms"
printf '| %-58s | %10s | %7s | %8s | %8s | %8s |\n' "---" "---:" "---:" "---:" "---:" "---:"
for size in 100 1024; do
    n=$RECORDS
    [ "$size" -gt 100 ] && n=$((RECORDS / 5))
    R=""; N=""; D=""; RC=""; NC=""; NW=""
    for run in $(seq 1 "$RUNS"); do
        echo "size $size, run $run/$RUNS..." >&2
        R+="$(rdk_produce "rdk-$size-$run" "$n" "$size")"$'\n'
        N+="$(net_produce "net-$size-$run" "$n" "$size" --warmup-records 300000 "${net_x[@]}")"$'\n'
        # Both consumers read the same records: the ones rdkperf just wrote, from the log start.
        RC+="$(rdk_consume "rdk-$size-$run" "$n")"$'\n'
        NC+="$(net_consume "rdk-$size-$run" "$n")"$'\n'
        # One fetch in flight per broker: a fetch of partitions already at their end waits
        # fetch.max.wait.ms (500) while the others' data is not asked for; 10 ms shows the rest.
        NW+="$(net_consume "rdk-$size-$run" "$n" -X fetch.max.wait.ms=10)"$'\n'
    done
    # Our client with Kafka's default batch.size (16384): what `pipeline bench produce` does unless told otherwise.
    D="$(net_produce "netdef-$size" "$n" "$size" --warmup-records 300000 -X acks=all)"
    # Below saturation: RATE records/s for 5 s, where latency is the client's and the broker's, not the queue's.
    rn=$((RATE * 5))
    RR="$(rdk_produce "rdk-rate-$size" "$rn" "$size" -r "$RATE")"
    NR="$(net_produce "net-rate-$size" "$rn" "$size" --warmup-records 100000 --throughput "$RATE" "${net_x[@]}")"
    row "produce $size B: librdkafka (rdkperf)" "${R%$'\n'}"
    row "produce $size B: Pipeline.Client (pipeline bench)" "${N%$'\n'}"
    row "produce $size B: Pipeline.Client, Kafka's batch.size=16384" "$D"
    row "produce $size B at $RATE rec/s: librdkafka" "$RR"
    row "produce $size B at $RATE rec/s: Pipeline.Client" "$NR"
    row2 "consume $size B: librdkafka (rdkperf)" "${RC%$'\n'}"
    row2 "consume $size B: Pipeline.Client (pipeline bench)" "${NC%$'\n'}"
    row2 "consume $size B: Pipeline.Client, fetch.max.wait.ms=10" "${NW%$'\n'}"
    row "e2e $size B at $RATE rec/s: Pipeline.Client (bench e2e)" "$(net_e2e "e2e-$size" "$rn" "$size" "$RATE")"
done
