#!/usr/bin/env bash
# Traffic validation benchmark: openapi-conform against openapi-core on the labelled traffic of the four seed APIs
# (CORPUS/traffic/<api>.jsonl checked against CORPUS/traffic/<api>.openapi.yaml), then the memory check on a
# generated HAR of 500 MB.
#
# usage: Sources/openapi-conform-bench/Peers/compare-traffic.sh [CORPUS] [--runs N] [--size MB] [--memory-apis LIST] [--no-build]
#
# CORPUS defaults to ../shared/corpus beside the repository root. Everything generated goes to $OC_BENCH_DIR
# (default /tmp/oc-bench): the virtualenv with openapi-core (venv-traffic, python3 -m venv + pip), each tool's raw
# output and verdicts (traffic-results/), and the large HAR, which is deleted on exit. The Swift benchmark is built
# in release with `swift build -c release --product openapi-conform-bench` from the repository root
# ($SWIFT_BUILD_ARGS is appended, e.g. "--scratch-path .build-bench"); --no-build uses the binary already built.
#
# Prints Markdown: exchanges per second for each API (openapi-conform on one thread and through the parallel
# pipeline, openapi-core on one thread, and the ratio of the single-thread figures), verdict agreement with the
# labels and between the tools, then the peak RSS and throughput of checking the large HAR (under /usr/bin/time -v).
# Exits 1 when an aim is missed (ratio under 50× on any API, or peak RSS of 200 MB or more); the tables are printed
# all the same.
set -euo pipefail

RUNS=5
SIZE=500
MEMORY_APIS=asset
BUILD=1
CORPUS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --size) SIZE="$2"; shift 2 ;;
        --memory-apis) MEMORY_APIS="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -*) echo "usage: $0 [CORPUS] [--runs N] [--size MB] [--memory-apis LIST] [--no-build]" >&2; exit 2 ;;
        *) CORPUS="$1"; shift ;;
    esac
done

PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$PEERS/../../.." && pwd)"
CORPUS="$(cd "${CORPUS:-$ROOT/../shared/corpus}" && pwd)"
TRAFFIC="$CORPUS/traffic"
WORK="${OC_BENCH_DIR:-/tmp/oc-bench}"
VENV="$WORK/venv-traffic"
RESULTS="$WORK/traffic-results"
BIG="$WORK/traffic-big-$$.har"
APIS=(cadana asset codat qonto)
mkdir -p "$WORK"
trap 'rm -f "$BIG"' EXIT

echo "== virtualenv $VENV: openapi-core" >&2
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check openapi-core >&2
PY="$VENV/bin/python"

if [ ! -x /usr/bin/time ]; then
    echo "== installing GNU time (apt-get)" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q time >&2; else sudo apt-get install -y -q time >&2; fi
fi

if [ "$BUILD" = 1 ]; then
    echo "== swift build -c release --product openapi-conform-bench ${SWIFT_BUILD_ARGS:-}" >&2
    # shellcheck disable=SC2086  # SWIFT_BUILD_ARGS is a list of flags
    (cd "$ROOT" && swift build -c release --product openapi-conform-bench ${SWIFT_BUILD_ARGS:-} >&2)
fi
# shellcheck disable=SC2086
BENCH="$(cd "$ROOT" && swift build -c release ${SWIFT_BUILD_ARGS:-} --show-bin-path)/openapi-conform-bench"
[ -x "$BENCH" ] || { echo "no benchmark binary at $BENCH" >&2; exit 2; }

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
echo "== checking the labelled traffic (median of $RUNS runs each)" >&2
for api in "${APIS[@]}"; do
    spec="$TRAFFIC/$api.openapi.yaml"
    traffic="$TRAFFIC/$api.jsonl"
    "$BENCH" traffic --spec "$spec" --traffic "$traffic" --runs "$RUNS" --verdicts "$RESULTS/$api.conform.verdicts" \
        >"$RESULTS/$api.txt" 2>"$RESULTS/$api.stderr"
    PYTHONWARNINGS=ignore "$PY" "$PEERS/traffic_peer.py" --spec "$spec" --traffic "$traffic" --runs "$RUNS" \
        --verdicts "$RESULTS/$api.core.verdicts" >>"$RESULTS/$api.txt" 2>>"$RESULTS/$api.stderr"
    cat "$RESULTS/$api.txt" >&2
done

echo "== generating a ${SIZE} MB HAR ($MEMORY_APIS) in $WORK" >&2
"$PY" "$PEERS/generate_traffic.py" "$BIG" --size-mb "$SIZE" --corpus "$CORPUS" --apis "$MEMORY_APIS" >"$RESULTS/generate.txt"
cat "$RESULTS/generate.txt" >&2
MEMORY_SPEC="$TRAFFIC/${MEMORY_APIS%%,*}.openapi.yaml"
echo "== checking it with --memory under /usr/bin/time -v (spec $(basename "$MEMORY_SPEC"))" >&2
/usr/bin/time -v "$BENCH" traffic --spec "$MEMORY_SPEC" --traffic "$BIG" --memory \
    >"$RESULTS/memory.txt" 2>"$RESULTS/memory.time"
cat "$RESULTS/memory.txt" >&2
rm -f "$BIG"

"$PY" - "$RESULTS" "$TRAFFIC" "$SIZE" "${APIS[@]}" <<'PYTHON'
import json, os, re, sys

results, traffic, size, apis = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
AIM_RATIO, AIM_RSS_MB = 50.0, 200.0
NUMBER = r"([\d.]+)"
missed = []

def grab(pattern, text, name):
    match = re.search(pattern, text, re.M)
    if not match:
        sys.exit(f"compare-traffic: no '{name}' line in the output (see {results}/*.stderr)")
    return match

def verdicts(path):
    table = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            ident, verdict = line.split()
            table[ident] = verdict == "pass"
    return table

def expected(api):
    """Label verdicts as openapi-conform should give them with the default config (corpus README)."""
    table = {}
    with open(os.path.join(traffic, f"{api}.labels.jsonl"), encoding="utf-8") as lines:
        for line in lines:
            label = json.loads(line)
            valid = label["verdict"] == "valid"
            if label.get("strict_only") and label.get("defect") == "response-custom-format":
                valid = True
            table[label["id"]] = valid
    return table

rows, agreement = [], []
total = {"n": 0}
for api in apis:
    text = open(os.path.join(results, f"{api}.txt"), encoding="utf-8").read()
    n = int(grab(r"^openapi-conform traffic \S+: exchanges (\d+)", text, "openapi-conform traffic")[1])
    single = float(grab(rf"^openapi-conform single-thread: {NUMBER} exchanges/s", text, "single-thread")[1])
    pipeline = float(grab(rf"^openapi-conform pipeline: {NUMBER} exchanges/s", text, "pipeline")[1])
    mbs = float(grab(rf"^openapi-conform single-thread: .* {NUMBER} MB/s of bodies", text, "single-thread")[1])
    core = float(grab(rf"^openapi-core single-thread: {NUMBER} exchanges/s", text, "openapi-core single-thread")[1])
    single_cpu = float(grab(rf"^openapi-conform single-thread: .* CPU time {NUMBER} exchanges/s", text, "single-thread")[1])
    core_cpu = float(grab(rf"^openapi-core single-thread: .* CPU time {NUMBER} exchanges/s", text, "openapi-core single-thread")[1])
    ratio = single / core if core else float("inf")
    ratio_cpu = single_cpu / core_cpu if core_cpu else float("inf")
    if ratio < AIM_RATIO:
        missed.append(f"{api}: ratio {ratio:.0f}× (wall time; {ratio_cpu:.0f}× in CPU time) is under the aim of {AIM_RATIO:.0f}×")
    rows.append((api, n, single, pipeline, core, ratio, ratio_cpu))
    total["n"] += n
    for key, rate in (("single", single), ("pipeline", pipeline), ("core", core), ("single_cpu", single_cpu), ("core_cpu", core_cpu)):
        total[key] = total.get(key, 0.0) + n / rate  # seconds

    ours, theirs, labels = (verdicts(os.path.join(results, f"{api}.conform.verdicts")),
                            verdicts(os.path.join(results, f"{api}.core.verdicts")), expected(api))
    ids = [ident for ident in labels if ident in ours and ident in theirs]
    agreement.append((
        api, len(ids), sum(labels[i] for i in ids), sum(ours[i] for i in ids), sum(theirs[i] for i in ids),
        sum(ours[i] == labels[i] for i in ids), sum(theirs[i] == labels[i] for i in ids),
        sum(ours[i] == theirs[i] for i in ids),
        sum(ours[i] and not theirs[i] for i in ids), sum(theirs[i] and not ours[i] for i in ids)))

print(f"### Exchanges per second on the labelled traffic (median of runs)\n")
print("openapi-conform (1 thread): every exchange in memory, `ExchangeValidator.validate` on one thread, JSON bodies "
      "as bytes (parsed in the timed loop). Pipeline: `TrafficValidation.run` over the file, reading included, on all "
      "cores. openapi-core: `validate_request` + `validate_response` on one thread, requests built beforehand. "
      "Rates are wall time. Ratio = openapi-conform (1 thread) ÷ openapi-core in wall time; the CPU-time ratio uses "
      "each tool's thread CPU time instead, which other load on the machine does not inflate.\n")
print("| api | exchanges | openapi-conform exchanges/s (1 thread) | openapi-conform exchanges/s (pipeline) | openapi-core exchanges/s | ratio | ratio (CPU time) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for api, n, single, pipeline, core, ratio, ratio_cpu in rows:
    print(f"| {api} | {n} | {single:,.0f} | {pipeline:,.0f} | {core:,.0f} | {ratio:,.0f}× | {ratio_cpu:,.0f}× |")
if rows:
    n = total["n"]
    print(f"| **all** | {n} | {n / total['single']:,.0f} | {n / total['pipeline']:,.0f} | {n / total['core']:,.0f} | "
          f"{total['core'] / total['single']:,.0f}× | {total['core_cpu'] / total['single_cpu']:,.0f}× |")

print(f"\n### Verdicts\n")
print("Expected = the labels, read as the corpus README says for the default config. "
      "`conform-only pass` = openapi-conform passes, openapi-core fails; `core-only pass` the reverse.\n")
print("| api | exchanges | expected valid | openapi-conform pass | openapi-core pass | openapi-conform = labels | openapi-core = labels | tools agree | conform-only pass | core-only pass |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for api, n, valid, ours, theirs, ours_ok, theirs_ok, same, ours_only, theirs_only in agreement:
    print(f"| {api} | {n} | {valid} | {ours} | {theirs} | {ours_ok}/{n} | {theirs_ok}/{n} | {same}/{n} | {ours_only} | {theirs_only} |")

memory = open(os.path.join(results, "memory.txt"), encoding="utf-8").read()
timing = open(os.path.join(results, "memory.time"), encoding="utf-8").read()
generated = open(os.path.join(results, "generate.txt"), encoding="utf-8").read().strip()
line = grab(r"^openapi-conform memory (\S+): exchanges (\d+), pass (\d+), fail (\d+), unreadable (\d+), findings (\d+), "
            rf"file {NUMBER} MB, {NUMBER} s, {NUMBER} exchanges/s, {NUMBER} MB/s, peak RSS {NUMBER} MB", memory, "memory")
maximum = int(grab(r"Maximum resident set size \(kbytes\): (\d+)", timing, "Maximum resident set size")[1]) / 1024
elapsed = grab(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", timing, "Elapsed")[1]
cpu = grab(r"Percent of CPU this job got: (\S+)", timing, "Percent of CPU")[1]
print(f"\n### Memory: a generated HAR of {size} MB\n")
print(f"`{generated}`\n")
print("| file MB | exchanges | fail | findings | exchanges/s | MB/s | wall (incl. load) | CPU | peak RSS (VmHWM) MB | max RSS (/usr/bin/time -v) MB |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print(f"| {float(line[7]):,.1f} | {int(line[2]):,} | {int(line[4]):,} | {int(line[6]):,} | {float(line[9]):,.0f} | "
      f"{float(line[10]):,.1f} | {elapsed} | {cpu} | {float(line[11]):,.1f} | {maximum:,.1f} |")
if maximum >= AIM_RSS_MB:
    missed.append(f"peak RSS {maximum:.1f} MB is not under {AIM_RSS_MB:.0f} MB")

print()
if missed:
    print("**Aims missed:**\n")
    for item in missed:
        print(f"- {item}")
    sys.exit(1)
print(f"Aims met: openapi-conform (1 thread) is at least {AIM_RATIO:.0f}× openapi-core on every API, and the "
      f"{size} MB HAR is checked with a peak RSS under {AIM_RSS_MB:.0f} MB.")
PYTHON
