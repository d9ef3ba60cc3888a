#!/usr/bin/env bash
# Schema validation benchmark: openapi-conform against jsonschema-rs and fastjsonschema, on the JSON body schemas
# of the bundled specs (specs/*/openapi.yaml) and generated payloads.
#
# usage: Sources/openapi-conform-bench/Peers/compare-schemas.sh [--runs N] [--count N] [--no-build]
#
# Everything generated goes to $OC_BENCH_DIR (default /tmp/oc-bench): the virtualenv with the peers
# (python3 -m venv + pip), the exported schemas, the payloads, each tool's raw output. The Swift benchmark is
# built in release with `swift build -c release --product openapi-conform-bench` from the repository root
# ($SWIFT_BUILD_ARGS is appended, e.g. "--scratch-path .build-bench"). Prints Markdown tables: the fast
# validity check over every payload, the error-collecting pass over the invalid payloads, and compile times.
# --no-build uses the benchmark binary already built. Exits 1 if the three tools disagree on any verdict (the tables are printed all the same).
set -euo pipefail

RUNS=7
COUNT=2000
BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --count) COUNT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        *) echo "usage: $0 [--runs N] [--count N] [--no-build]" >&2; exit 2 ;;
    esac
done

PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$PEERS/../../.." && pwd)"
WORK="${OC_BENCH_DIR:-/tmp/oc-bench}"
VENV="$WORK/venv"
mkdir -p "$WORK"

echo "== virtualenv $VENV: jsonschema-rs, fastjsonschema, pyyaml, jsonschema" >&2
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check jsonschema-rs fastjsonschema pyyaml jsonschema >&2
PY="$VENV/bin/python"

if [ "$BUILD" = 1 ]; then
    echo "== swift build -c release --product openapi-conform-bench ${SWIFT_BUILD_ARGS:-}" >&2
    # shellcheck disable=SC2086  # SWIFT_BUILD_ARGS is a list of flags
    (cd "$ROOT" && swift build -c release --product openapi-conform-bench ${SWIFT_BUILD_ARGS:-} >&2)
fi
# shellcheck disable=SC2086
BENCH="$(cd "$ROOT" && swift build -c release ${SWIFT_BUILD_ARGS:-} --show-bin-path)/openapi-conform-bench"
[ -x "$BENCH" ] || { echo "no benchmark binary at $BENCH" >&2; exit 2; }

echo "== exporting schemas, generating payloads ($COUNT per schema)" >&2
rm -rf "$WORK/schemas" "$WORK/payloads" "$WORK/results"
mkdir -p "$WORK/results"
"$PY" "$PEERS/export_schemas.py" "$WORK/schemas" "$ROOT/specs" >&2
"$PY" "$PEERS/generate_payloads.py" "$WORK/schemas" "$WORK/payloads" --count "$COUNT" >&2

echo "== validating (median of $RUNS runs each)" >&2
for schema in "$WORK"/schemas/*.json; do
    name="$(basename "$schema" .json)"
    [ "$name" = index ] && continue
    payloads="$WORK/payloads/$name.jsonl"
    # A tool that fails or hangs (10 minutes) leaves no line for this schema; the summary reports it and exits 1.
    timeout 600 "$BENCH" schemas --schema "$schema" --payloads "$payloads" --runs "$RUNS" \
        >"$WORK/results/$name.txt" 2>"$WORK/results/$name.stderr" \
        || echo "openapi-conform-bench failed on $name (exit $?): see $WORK/results/$name.stderr" >&2
    timeout 600 "$PY" "$PEERS/bench_peers.py" --schema "$schema" --payloads "$payloads" --runs "$RUNS" \
        >>"$WORK/results/$name.txt" 2>>"$WORK/results/$name.stderr" \
        || echo "bench_peers.py failed on $name (exit $?): see $WORK/results/$name.stderr" >&2
    cat "$WORK/results/$name.txt" >&2
done

"$PY" - "$WORK" <<'PYTHON'
import glob, json, os, re, sys

work = sys.argv[1]
LINE = re.compile(
    r"^(?:schemas|peer (?P<tool>\S+)) (?P<file>\S+): (?P<n>\d+) payloads, (?P<mb>[\d.]+) MB, compile (?P<compile>[\d.]+) ms, "
    r"isValid (?P<ns>\d+) ns/payload (?P<rate>\d+)/s (?P<mbs>[\d.]+) MB/s, "
    r"validate\(invalid\) (?:(?P<inv>\d+) payloads (?P<invns>\d+) ns/payload (?P<fails>\d+) failures|n/a), "
    r"valid (?P<valid>\d+)/\d+, verdicts (?P<hash>\S+)$")
TOOLS = ["openapi-conform", "jsonschema-rs", "fastjsonschema"]

rows, problems = [], []
for path in sorted(glob.glob(os.path.join(work, "results", "*.txt"))):
    name = os.path.basename(path)[:-4]
    found = {}
    for line in open(path, encoding="utf-8"):
        match = LINE.match(line.strip())
        if match:
            found[match["tool"] or "openapi-conform"] = match.groupdict()
    meta = json.load(open(os.path.join(work, "payloads", name + ".meta.json")))
    missing = [tool for tool in TOOLS if tool not in found]
    if missing:
        problems.append(f"{name}: no result from {', '.join(missing)} (see results/{name}.stderr)")
        continue
    valids = {tool: int(found[tool]["valid"]) for tool in TOOLS}
    hashes = {found[tool]["hash"] for tool in TOOLS}
    if len(set(valids.values())) != 1 or len(hashes) != 1:
        problems.append(f"{name}: verdicts differ: valid counts " + ", ".join(f"{t} {v}" for t, v in valids.items())
                        + f" (generator intended {meta['valid']}); verdict hashes {'same' if len(hashes) == 1 else 'differ'}")
    elif valids["openapi-conform"] != meta["valid"]:
        problems.append(f"{name}: all tools count {valids['openapi-conform']} valid, the generator intended {meta['valid']}")
    rows.append((name, found, meta))

def ratio(peer, ours):
    return f"{peer / ours:.2f}×" if ours else "–"

def fmt(ns):
    return f"{ns:,.0f}"

print(f"### isValid over every payload (ns per validation, median of runs)\n")
print("Ratio = peer time ÷ openapi-conform time: above 1× openapi-conform is faster.\n")
print("| schema | payloads | MB | openapi-conform ns/validation | jsonschema-rs ns | fastjsonschema ns | ratio vs jsonschema-rs | ratio vs fastjsonschema | openapi-conform validations/s | openapi-conform MB/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
totals = {tool: 0.0 for tool in TOOLS}
count = size = 0
for name, found, meta in rows:
    n, mb = int(found["openapi-conform"]["n"]), float(found["openapi-conform"]["mb"])
    ns = {tool: int(found[tool]["ns"]) for tool in TOOLS}
    for tool in TOOLS:
        totals[tool] += ns[tool] * n
    count += n
    size += mb
    oc = found["openapi-conform"]
    print(f"| {name} | {n} | {mb:.2f} | {fmt(ns['openapi-conform'])} | {fmt(ns['jsonschema-rs'])} | {fmt(ns['fastjsonschema'])} | "
          f"{ratio(ns['jsonschema-rs'], ns['openapi-conform'])} | {ratio(ns['fastjsonschema'], ns['openapi-conform'])} | "
          f"{int(oc['rate']):,} | {float(oc['mbs']):.1f} |")
if count:
    seconds = totals["openapi-conform"] / 1e9
    print(f"| **total ({len(rows)} schemas)** | {count} | {size:.2f} | {totals['openapi-conform'] / 1e6:,.1f} ms | "
          f"{totals['jsonschema-rs'] / 1e6:,.1f} ms | {totals['fastjsonschema'] / 1e6:,.1f} ms | "
          f"{ratio(totals['jsonschema-rs'], totals['openapi-conform'])} | {ratio(totals['fastjsonschema'], totals['openapi-conform'])} | "
          f"{count / seconds:,.0f} | {size / seconds:.1f} |")

print(f"\n### Error collection over the invalid payloads (openapi-conform validate vs jsonschema-rs iter_errors)\n")
print("| schema | invalid payloads | openapi-conform ns/payload | jsonschema-rs ns/payload | ratio vs jsonschema-rs | openapi-conform failures | jsonschema-rs errors |")
print("|---|---:|---:|---:|---:|---:|---:|")
total_oc = total_rs = invalid = 0
for name, found, meta in rows:
    oc, rs = found["openapi-conform"], found["jsonschema-rs"]
    if not oc["inv"] or int(oc["inv"]) == 0:
        continue
    m = int(oc["inv"])
    total_oc += int(oc["invns"]) * m
    total_rs += int(rs["invns"]) * int(rs["inv"])
    invalid += m
    print(f"| {name} | {m} | {fmt(int(oc['invns']))} | {fmt(int(rs['invns']))} | {ratio(int(rs['invns']), int(oc['invns']))} | {oc['fails']} | {rs['fails']} |")
if invalid:
    print(f"| **total** | {invalid} | {total_oc / 1e6:,.1f} ms | {total_rs / 1e6:,.1f} ms | {ratio(total_rs, total_oc)} | | |")

print(f"\n### Compile (ms, median)\n")
print("| schema | openapi-conform | jsonschema-rs | fastjsonschema |")
print("|---|---:|---:|---:|")
for name, found, meta in rows:
    print(f"| {name} | " + " | ".join(f"{float(found[t]['compile']):.3f}" for t in TOOLS) + " |")

print()
if problems:
    print("**VERDICTS DISAGREE:**\n")
    for problem in problems:
        print(f"- {problem}")
        print(f"VERDICT DISAGREEMENT: {problem}", file=sys.stderr)
    sys.exit(1)
print(f"Verdicts: all three tools agree on every payload of all {len(rows)} schemas "
      "(same valid counts, same per-payload verdict hash, and the counts the generator intended).")
PYTHON
