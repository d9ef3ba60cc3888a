#!/usr/bin/env bash
# Streaming payload benchmark: `openapi-conform payload` on a generated JSON Lines file (1 GiB by default) checked
# against an OpenAPI 3.2 itemSchema (Tests/ConformChecksTests/Fixtures/oas32/streams.yaml, POST /logs). The file
# is read a chunk at a time, so peak memory must not grow with the file: the script exits 1 when the peak RSS
# reaches 100 MB or the run does not find the file valid.
#
# usage: Sources/openapi-conform-bench/Peers/payload-stream.sh [--mib N] [--no-build]
#
# Prints Markdown: file size, items, wall time, throughput (MB/s and items/s), peak RSS (from /usr/bin/time -v).
set -euo pipefail

MIB=1024
BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --mib) MIB="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="${OC_BENCH_DIR:-/tmp/oc-bench}"
mkdir -p "$work"
spec="$root/Tests/ConformChecksTests/Fixtures/oas32/streams.yaml"
file="$work/logs-${MIB}m.jsonl"

if [ "$BUILD" = 1 ]; then
    (cd "$root" && swift build -c release --product openapi-conform >&2)
fi
tool="$(cd "$root" && swift build -c release --show-bin-path)/openapi-conform"

# One log entry a line, the level and message varying so that no two lines are alike.
if [ ! -f "$file" ]; then
    python3 - "$file" "$MIB" <<'PY'
import sys
path, mib = sys.argv[1], int(sys.argv[2])
target = mib << 20
with open(path, "w") as out:
    written, n, lines = 0, 0, []
    while written < target:
        line = '{"level":%d,"message":"entry %d of the generated log, padded to look like a real one"}\n' % (n % 7, n)
        lines.append(line)
        written += len(line)
        n += 1
        if len(lines) == 10000:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))
PY
fi

bytes=$(stat -c %s "$file")
items=$(wc -l < "$file")
log="$work/payload-stream.time"
status=0
/usr/bin/time -v "$tool" payload --spec "$spec" --operation uploadLogs --request "$file" > "$work/payload-stream.out" 2> "$log" || status=$?
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
seconds=$(python3 -c "import sys; p = sys.argv[1].split(':'); print(sum(float(x) * 60 ** i for i, x in enumerate(reversed(p))))" "$wall")
python3 - "$bytes" "$items" "$seconds" "$rss_kb" "$status" <<'PY'
import sys
size, items, seconds, rss_kb, status = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print("| file | items | wall | throughput | peak RSS | exit |")
print("|---|---|---|---|---|---|")
print(f"| {size / 2**20:,.0f} MiB JSON Lines | {items:,} | {seconds:.1f} s | {size / 1e6 / seconds:,.0f} MB/s, {items / seconds:,.0f} items/s | {rss_kb / 1024:,.1f} MiB | {status} |")
PY
rss_mb=$((rss_kb * 1024 / 1000000))
if [ "$status" != 0 ] || [ "$rss_mb" -ge 100 ]; then
    echo "payload-stream: exit $status, peak RSS ${rss_mb} MB (must be 0 and < 100 MB)" >&2
    exit 1
fi
