#!/usr/bin/env bash
# Reference-counting calls per exchange: how many times `openapi-conform validate` calls swift_retain,
# swift_release, swift_bridgeObjectRetain and swift_bridgeObjectRelease for each exchange it checks, counted with
# uprobes. Unlike a time, the count is the same run after run, so it tells a step that removes copies apart from
# the machine's drift (a shared host can vary by more than the step itself).
#
# usage: Sources/openapi-conform-bench/Peers/refcounts.sh BINARY [BINARY2] [--exchanges N] [--apis LIST] [--format FMT]
#
# Per API (default cadana,asset,codat,qonto), the first N lines (default 5000) of the generated JSONL that
# throughput.sh made ($OC_BENCH_DIR/traffic-generated/<api>-100000.jsonl, default /tmp/oc-bench) are checked once,
# and its first line alone once; (calls for N − calls for 1) ÷ (N − 1) is the figure per exchange, the loading of
# the description taken off. With BINARY2, both are counted and the ratio printed. Needs perf and root (uprobes
# are added to libswiftCore.so once, with `perf probe`, and left for later runs). Prints Markdown.
set -Eeuo pipefail
on_error() {
    echo "refcounts: failed (line $1): ${BASH_COMMAND%%$'\n'*}" >&2
    exit 2
}
trap 'on_error $LINENO' ERR

BINARIES=()
EXCHANGES=5000
APIS_LIST=cadana,asset,codat,qonto
FORMAT=text
while [ $# -gt 0 ]; do
    case "$1" in
        --exchanges) EXCHANGES="$2"; shift 2 ;;
        --apis) APIS_LIST="$2"; shift 2 ;;
        --format) FORMAT="$2"; shift 2 ;;
        -*) echo "refcounts: unknown option $1" >&2; exit 2 ;;
        *) BINARIES+=("$1"); shift ;;
    esac
done
[ ${#BINARIES[@]} -ge 1 ] || { echo "usage: $0 BINARY [BINARY2] [--exchanges N] [--apis LIST] [--format FMT]" >&2; exit 2; }
[ "$EXCHANGES" -ge 2 ] || { echo "refcounts: --exchanges must be at least 2" >&2; exit 2; }

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
CORPUS="$ROOT/../shared/corpus/traffic"
GENERATED="${OC_BENCH_DIR:-/tmp/oc-bench}/traffic-generated"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

LIBRARY="$(ldd "${BINARIES[0]}" | awk '/libswiftCore/ {print $3}')"
[ -n "$LIBRARY" ] || { echo "refcounts: ${BINARIES[0]} does not link libswiftCore.so" >&2; exit 2; }
FUNCTIONS=(swift_retain swift_release swift_bridgeObjectRetain swift_bridgeObjectRelease)
EVENTS=""
for function in "${FUNCTIONS[@]}"; do
    if ! perf probe -l 2>/dev/null | grep -q "probe_libswiftCore:$function "; then
        perf probe -q -x "$LIBRARY" -a "$function" >/dev/null 2>&1
    fi
    EVENTS="${EVENTS:+$EVENTS,}probe_libswiftCore:$function"
done

# The four counts of one run, summed. Exit status 0 or 1 (findings) is fine; anything else stops the script.
calls() {
    local status=0
    perf stat -x, -o "$WORK/stat" -e "$EVENTS" "$1" validate --spec "$2" "$3" --format "$FORMAT" >/dev/null 2>&1 || status=$?
    if [ "$status" -gt 1 ]; then
        echo "refcounts: $1 exited $status on $3" >&2
        exit 2
    fi
    awk -F, '$3 ~ /^probe_libswiftCore:/ {total += $1} END {print total + 0}' "$WORK/stat"
}

echo "### Reference-counting calls per exchange (retain, release and their bridge-object pair; $EXCHANGES exchanges, --format $FORMAT)"
echo
if [ ${#BINARIES[@]} -ge 2 ]; then
    echo "| api | \`${BINARIES[0]}\` | \`${BINARIES[1]}\` | ratio |"
    echo "|---|---:|---:|---:|"
else
    echo "| api | \`${BINARIES[0]}\` |"
    echo "|---|---:|"
fi
IFS=, read -r -a APIS <<<"$APIS_LIST"
for api in "${APIS[@]}"; do
    spec="$CORPUS/$api.openapi.yaml"
    source="$GENERATED/$api-100000.jsonl"
    [ -f "$spec" ] || { echo "refcounts: no $spec" >&2; exit 2; }
    [ -f "$source" ] || { echo "refcounts: no $source (run throughput.sh first)" >&2; exit 2; }
    head -n "$EXCHANGES" "$source" >"$WORK/$api.jsonl"
    head -n 1 "$source" >"$WORK/$api-1.jsonl"
    row="| $api"
    figures=()
    for binary in "${BINARIES[@]:0:2}"; do
        many=$(calls "$binary" "$spec" "$WORK/$api.jsonl")
        one=$(calls "$binary" "$spec" "$WORK/$api-1.jsonl")
        per=$(( (many - one) / (EXCHANGES - 1) ))
        figures+=("$per")
        row="$row | $per"
    done
    if [ ${#figures[@]} -ge 2 ]; then
        row="$row | $(awk -v a="${figures[0]}" -v b="${figures[1]}" 'BEGIN {printf "%.2f×", b / a}')"
    fi
    echo "$row |"
done
