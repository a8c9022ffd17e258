#!/usr/bin/env bash
# A CSV file through Connect and back: CsvSourceConnector reads it into a topic, CsvSinkConnector
# writes the topic back to CSV files, and the output must be the input, byte for byte.
#
#   bench/connect-csv.sh [ROWS] [VARIANTS]
#
# ROWS (default 1,000,000) data rows from bench/connect-csv/gen_csv.py (deterministic: id, name
# with commas/quotes/UTF-8, amount, timestamp, country, note; some cells empty). VARIANTS (default
# "json-schemas json-plain"): the worker's converters, each run on its own topic and worker:
#   json-schemas  JsonConverter, schemas.enable=true (Kafka's default: every record carries its schema)
#   json-plain    JsonConverter, schemas.enable=false (values are JSON objects, read back as maps)
#
# One broker (temp dir, free ports) for everything. Per variant: a topic of 1 partition (order is
# kept), a standalone worker (`pipeline connect standalone`, bench/connect-csv/*.properties) with
# both connectors, the file moved into the source's input dir once both run (the clock starts
# there). Measured: until the source has moved the file to finished.path (it does that only after
# every row was acknowledged by the broker) = rows/s into the topic; until the sink's files hold
# every row = end-to-end rows/s. The source's time includes up to one empty.poll.wait.ms (500 ms)
# before it sees the file, and its cleanup at the poll after the last acknowledgement. The
# end-to-end time is exact when ROWS is a multiple of rotate.row.count (100,000: the last file
# closes on its last row); otherwise the open file's buffered tail shows at the next offset flush
# (10 s). Then the worker stops (SIGTERM) and the output is checked: no .tmp left, every file
# starts with the input's header, the data rows of the files in name (= offset) order equal the
# input's data rows byte for byte, and the topic holds exactly ROWS records.
#
# Peers in the same run, on the same broker: `pipeline bench produce` of ROWS records as large as
# the variant's average record value, 1 partition, the same producer settings as the worker's
# (acks=all, idempotent, 5 in flight, the client's batch.size/linger.ms); `pipeline bench consume`
# of the variant's topic (the sink's reading floor); and the file's read floor: `cat` and Python's
# csv module over the input (page cache warm).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/connect-csv"
ROWS="${1:-1000000}"
VARIANTS="${2:-json-schemas json-plain}"
PROGRESS_EVERY=5          # seconds between progress lines (each costs one `pipeline topics describe`)
STALL_LIMIT=180           # seconds without progress before giving up

command -v python3 >/dev/null || { echo "bench: python3 missing: apt-get install python3" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl missing: apt-get install curl" >&2; exit 1; }
"$ROOT/pipeline" --help >/dev/null   # builds pipeline if needed
PIPELINE=(dotnet "$ROOT/.build/pipeline/pipeline.dll")

WORK="$(mktemp -d)"
PIDS=()
# Newest first (a worker before the broker it writes to); SIGTERM, then SIGKILL after 15 s.
cleanup()
{
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[$i]}
        kill -0 "$pid" 2>/dev/null || continue
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
fill() { sed -e "s|@BOOTSTRAP@|$BOOTSTRAP|g" -e "s|@WORK@|$2|g" -e "s|@TOPIC@|$3|g" -e "s|@SCHEMAS@|$4|g" "$1"; }
cpu_s() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat" 2>/dev/null || echo "?"; }   # utime+stime, 100 Hz ticks
end_offset() { "${PIPELINE[@]}" topics describe -b "$BOOTSTRAP" "$1" --output json 2>/dev/null | json "d[0]['partitions'][0]['log_end_offset']" 2>/dev/null || echo "?"; }
# Data rows in the sink's files, closed and open (.tmp; its tail may still sit in the writer's
# buffer), minus one header line per file. A closed file never changes: counted once (CLOSED_ROWS),
# so a poll reads only the open file.
declare -A CLOSED_ROWS
SINK_ROWS=0
count_sink_rows()
{
    local f n total=0
    for f in "$1"/*; do
        [ -f "$f" ] || continue
        case "$f" in
            # The sink may rename a .tmp between the glob and the read: count it as empty then.
            *.tmp) n=$(( $(wc -l < "$f" 2>/dev/null || echo 1) - 1 )); [ "$n" -lt 0 ] && n=0 ;;
            *) [ -n "${CLOSED_ROWS[$f]:-}" ] || CLOSED_ROWS[$f]=$(( $(wc -l < "$f") - 1 )); n=${CLOSED_ROWS[$f]} ;;
        esac
        total=$((total + n))
    done
    SINK_ROWS=$total
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generating $ROWS rows..." >&2
python3 "$HERE/gen_csv.py" "$ROWS" "$WORK/input.csv"
INPUT_BYTES=$(stat -c %s "$WORK/input.csv")
echo "input: $ROWS rows + header, $INPUT_BYTES bytes ($(awk -v b="$INPUT_BYTES" -v n="$ROWS" 'BEGIN { printf "%.1f", b / n }') bytes/row), sha256 $(sha256sum "$WORK/input.csv" | cut -c1-16)"

# --- broker ---------------------------------------------------------------------------------
cat > "$WORK/server.properties" <<PROPS
node.id=1
process.roles=broker,controller
listeners=PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0
controller.listener.names=CONTROLLER
log.dirs=$WORK/data
num.partitions=1
PROPS
"${PIPELINE[@]}" broker --config "$WORK/server.properties" --log-level Warning > "$WORK/broker.log" 2>&1 &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
for _ in $(seq 1 150); do
    grep -q "listening on PLAINTEXT" "$WORK/broker.log" 2>/dev/null && break
    sleep 0.2
done
BOOTSTRAP="$(grep -o 'listening on PLAINTEXT://[^ ]*' "$WORK/broker.log" | head -1 | sed 's|listening on PLAINTEXT://||')"
[ -n "$BOOTSTRAP" ] || { echo "bench: broker did not start:"; cat "$WORK/broker.log"; exit 1; }

# --- the file's read floor (page cache warm: the generator just wrote it) --------------------
t0=$(now); cat "$WORK/input.csv" > /dev/null; t1=$(now)
CAT_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
PARSE_S=$(python3 - "$WORK/input.csv" <<'PY'
import csv, sys, time
t = time.perf_counter()
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for _ in csv.reader(f):
        n += 1
print(f"{time.perf_counter() - t:.2f}")
PY
)

# --- one variant: worker + both connectors, timed, then verified ------------------------------
declare -A SRC_RATE E2E_RATE SRC_S E2E_S WARM_RATE VALUE_BYTES VERIFIED WORKER_CPU PRODUCE_RATE CONSUME_RATE
run_variant()
{
    local variant="$1" schemas dir topic worker_pid url t_start t_src="" t_sink="" last_progress last_rows rows topic_rows
    case "$variant" in
        json-schemas) schemas=true ;;
        json-plain) schemas=false ;;
        *) echo "bench: unknown variant $variant (json-schemas, json-plain)" >&2; exit 2 ;;
    esac
    dir="$WORK/$variant"
    topic="csv-$variant"
    mkdir -p "$dir/in" "$dir/out"
    "${PIPELINE[@]}" topics create -b "$BOOTSTRAP" "$topic" --partitions 1 --replication-factor 1 > /dev/null
    fill "$HERE/worker.properties" "$dir" "$topic" "$schemas" > "$dir/worker.properties"
    fill "$HERE/csv-source.properties" "$dir" "$topic" "$schemas" > "$dir/csv-source.properties"
    fill "$HERE/csv-sink.properties" "$dir" "$topic" "$schemas" > "$dir/csv-sink.properties"

    "${PIPELINE[@]}" connect standalone "$dir/worker.properties" "$dir/csv-source.properties" "$dir/csv-sink.properties" \
        --log-level Warning > "$dir/worker.log" 2>&1 &
    worker_pid=$!
    PIDS+=("$worker_pid")
    url=""
    for _ in $(seq 1 300); do
        url="$(grep -o 'listening on http://[^ ]*' "$dir/worker.log" 2>/dev/null | head -1 | sed 's|listening on ||')" || true
        [ -n "$url" ] && break
        kill -0 "$worker_pid" 2>/dev/null || break
        sleep 0.2
    done
    [ -n "$url" ] || { echo "bench: the Connect worker did not start:" >&2; cat "$dir/worker.log" >&2; exit 1; }
    # Both connectors and their tasks RUNNING before the file arrives.
    for _ in $(seq 1 300); do
        running=0
        for c in csv-source csv-sink; do
            curl -sf "$url/connectors/$c/status" 2>/dev/null | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if d['connector']['state']=='RUNNING' and d['tasks'] and all(t['state']=='RUNNING' for t in d['tasks']) else 1)" 2>/dev/null && running=$((running + 1))
        done
        [ "$running" = 2 ] && break
        kill -0 "$worker_pid" 2>/dev/null || { echo "bench: the worker exited:" >&2; cat "$dir/worker.log" >&2; exit 1; }
        sleep 0.2
    done
    [ "$running" = 2 ] || { echo "bench: connectors not RUNNING after 60 s:" >&2; curl -s "$url/connectors?expand=status" >&2; cat "$dir/worker.log" >&2; exit 1; }

    echo "[$variant] worker at $url, connectors running; dropping the file into the source's input dir" >&2
    cp "$WORK/input.csv" "$dir/input.csv.part"
    t_start=$(now)
    mv "$dir/input.csv.part" "$dir/in/input.csv"      # atomic: the source never sees a partial file
    last_progress=$t_start
    last_rows=-1
    local next_print=$PROGRESS_EVERY samples=""
    while :; do
        sleep 0.25
        local t
        t=$(now)
        if [ -z "$t_src" ] && [ -f "$dir/finished/input.csv" ]; then
            t_src=$t
            echo "[$variant] source done: file moved to finished.path after $(elapsed "$t_start" "$t_src") s" >&2
        fi
        count_sink_rows "$dir/out"
        rows=$SINK_ROWS
        samples+="$(elapsed "$t_start" "$t") $rows"$'\n'
        if [ -z "$t_sink" ] && [ "$rows" -ge "$ROWS" ]; then
            t_sink=$t
        fi
        [ -n "$t_src" ] && [ -n "$t_sink" ] && break
        [ "$rows" != "$last_rows" ] && last_progress=$t
        if awk -v a="$(elapsed "$t_start" "$t")" -v b="$next_print" 'BEGIN { exit !(a >= b) }'; then
            topic_rows=$(end_offset "$topic")
            [ "$topic_rows" != "${LAST_TOPIC_ROWS:-}" ] && last_progress=$t
            LAST_TOPIC_ROWS=$topic_rows
            echo "[$variant] $(elapsed "$t_start" "$t") s: topic $topic_rows rows, sink files $rows rows, worker cpu $(cpu_s "$worker_pid") s" >&2
            next_print=$((next_print + PROGRESS_EVERY))
        fi
        last_rows=$rows
        if ! kill -0 "$worker_pid" 2>/dev/null; then
            echo "bench: the worker exited during the run:" >&2; tail -50 "$dir/worker.log" >&2; exit 1
        fi
        if awk -v a="$(elapsed "$last_progress" "$t")" -v b="$STALL_LIMIT" 'BEGIN { exit !(a >= b) }'; then
            echo "bench: [$variant] no progress for $STALL_LIMIT s (topic ${LAST_TOPIC_ROWS:-?} rows, sink $rows rows); status:" >&2
            curl -s "$url/connectors?expand=status" >&2; echo >&2
            tail -50 "$dir/worker.log" >&2
            exit 1
        fi
    done
    WORKER_CPU[$variant]=$(cpu_s "$worker_pid")
    SRC_S[$variant]=$(elapsed "$t_start" "$t_src")
    E2E_S[$variant]=$(elapsed "$t_start" "$t_sink")
    SRC_RATE[$variant]=$(rate "$ROWS" "${SRC_S[$variant]}")
    E2E_RATE[$variant]=$(rate "$ROWS" "${E2E_S[$variant]}")
    # Warm end-to-end rate: rows in the sink's files between the first poll past 20% of the rows and
    # the last one below 90% (JIT warm-up and the end excluded).
    WARM_RATE[$variant]=$(printf '%s' "$samples" | awk -v n="$ROWS" '$2 ~ /^[0-9]+$/ && $2 >= 0.2 * n && $2 <= 0.9 * n { if (!t0) { t0 = $1; r0 = $2 } t1 = $1; r1 = $2 }
        END { if (t1 > t0) printf "%.0f", (r1 - r0) / (t1 - t0); else print "-" }')
    echo "[$variant] all $ROWS rows in the sink's files after ${E2E_S[$variant]} s; stopping the worker" >&2

    kill -TERM "$worker_pid"
    for _ in $(seq 1 300); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$worker_pid" 2>/dev/null; then
        echo "bench: [$variant] the worker did not stop within 60 s of SIGTERM" >&2; tail -30 "$dir/worker.log" >&2; exit 1
    fi
    wait "$worker_pid" 2>/dev/null || true

    # --- verification ---
    local ok=1 f header
    topic_rows=$(end_offset "$topic")
    if [ "$topic_rows" != "$ROWS" ]; then echo "bench: [$variant] topic holds $topic_rows records, expected $ROWS" >&2; ok=0; fi
    if compgen -G "$dir/out/*.tmp" > /dev/null; then echo "bench: [$variant] .tmp files left after stop: $(ls "$dir/out")" >&2; ok=0; fi
    header=$(head -1 "$WORK/input.csv")
    : > "$dir/rows.csv"
    for f in $(find "$dir/out" -maxdepth 1 -type f -name '*.csv' | LC_ALL=C sort); do
        if [ "$(head -1 "$f")" != "$header" ]; then echo "bench: [$variant] $(basename "$f") starts with '$(head -1 "$f")', not the input's header" >&2; ok=0; fi
        tail -n +2 "$f" >> "$dir/rows.csv"
    done
    if ! cmp -s <(tail -n +2 "$WORK/input.csv") "$dir/rows.csv"; then
        echo "bench: [$variant] output data rows differ from the input's:" >&2
        cmp <(tail -n +2 "$WORK/input.csv") "$dir/rows.csv" >&2 || true
        diff <(tail -n +2 "$WORK/input.csv") "$dir/rows.csv" 2>/dev/null | head -10 >&2 || true
        ok=0
    fi
    VERIFIED[$variant]=$([ "$ok" = 1 ] && echo "identical ($(find "$dir/out" -maxdepth 1 -name '*.csv' | wc -l) files)" || echo "DIFFERENT")
    echo "[$variant] output check: ${VERIFIED[$variant]}" >&2

    # Average record value size in the topic (the produce peer sends records this large).
    VALUE_BYTES[$variant]=$("${PIPELINE[@]}" consume -b "$BOOTSTRAP" -t "$topic" --partition 0 --offset 0 --max-messages $((ROWS < 2000 ? ROWS : 2000)) --timeout-ms 10000 2>/dev/null |
        awk '{ n++; b += length($0) } END { printf "%.0f", b / n }')
    rm -f "$dir/rows.csv"
}

for v in $VARIANTS; do run_variant "$v"; done

# --- peers: the client's own produce and consume speed, same broker, same sizes -------------
# Runs a command with its stdout in $1 and prints the CPU seconds (user + system) it used.
with_cpu()
{
    local out="$1"
    shift
    python3 -c 'import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.1f}")' "$out" "$@"
}
declare -A PRODUCE_CPU CONSUME_CPU
for v in $VARIANTS; do
    echo "peer for $v: bench produce of $ROWS x ${VALUE_BYTES[$v]} B, bench consume of csv-$v..." >&2
    PRODUCE_CPU[$v]=$(with_cpu "$WORK/produce.json" "${PIPELINE[@]}" bench produce -b "$BOOTSTRAP" -t "raw-$v" -n "$ROWS" -s "${VALUE_BYTES[$v]}" -p 1 --acks all \
        --warmup-records 100000 --output json)
    PRODUCE_RATE[$v]=$(json "round(d['records_per_sec'])" < "$WORK/produce.json")
    CONSUME_CPU[$v]=$(with_cpu "$WORK/consume.json" "${PIPELINE[@]}" bench consume -b "$BOOTSTRAP" -t "csv-$v" -n "$ROWS" --output json)
    CONSUME_RATE[$v]=$(json "round(d['records_per_sec'])" < "$WORK/consume.json")
done

echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
printf '| %-62s | %10s | %8s |\n' "measure ($ROWS rows)" "rows/s" "seconds"
printf '| %-62s | %10s | %8s |\n' "---" "---:" "---:"
printf '| %-62s | %10s | %8s |\n' "read floor: cat input.csv > /dev/null" "$(rate "$ROWS" "$CAT_S")" "$CAT_S"
printf '| %-62s | %10s | %8s |\n' "parse floor: Python csv.reader over input.csv" "$(rate "$ROWS" "$PARSE_S")" "$PARSE_S"
for v in $VARIANTS; do
    printf '| %-62s | %10s | %8s |\n' "$v: CSV source -> topic (file moved to finished.path)" "${SRC_RATE[$v]}" "${SRC_S[$v]}"
    printf '| %-62s | %10s | %8s |\n' "$v: CSV -> topic -> CSV sink (all rows in output files)" "${E2E_RATE[$v]}" "${E2E_S[$v]}"
    printf '| %-62s | %10s | %8s |\n' "$v: end to end, warm (20%..90% of the rows)" "${WARM_RATE[$v]}" "-"
    printf '| %-62s | %10s | %8s |\n' "$v peer: pipeline bench produce, ${VALUE_BYTES[$v]} B, 1 partition, acks=all" "${PRODUCE_RATE[$v]}" "-"
    printf '| %-62s | %10s | %8s |\n' "$v peer: pipeline bench consume of the topic" "${CONSUME_RATE[$v]}" "-"
done
for v in $VARIANTS; do
    echo "$v: output ${VERIFIED[$v]}; source at $(pct "${SRC_RATE[$v]}" "${PRODUCE_RATE[$v]}") of raw produce; end to end at $(pct "${E2E_RATE[$v]}" "${PRODUCE_RATE[$v]}") of raw produce"
    echo "$v: CPU seconds (start-up and JIT included): worker ${WORKER_CPU[$v]} s for source + sink; peers: bench produce ${PRODUCE_CPU[$v]} s (100k warm-up records more), bench consume ${CONSUME_CPU[$v]} s"
done
for v in $VARIANTS; do case "${VERIFIED[$v]}" in identical*) ;; *) exit 1 ;; esac; done
