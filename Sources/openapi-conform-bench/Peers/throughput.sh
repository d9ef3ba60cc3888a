#!/usr/bin/env bash
# Throughput acceptance benchmark: the whole `openapi-conform validate` process (start, spec loading, reading the
# traffic, checking it, writing the report to /dev/null) on generated traffic of the four seed APIs, JSONL and HAR,
# text and json reports, against openapi-core on the same exchanges.
#
# usage: Sources/openapi-conform-bench/Peers/throughput.sh [CORPUS] [--exchanges N] [--runs R] [--peer-exchanges M]
#            [--peer-runs P] [--apis LIST] [--binary PATH] [--no-build] [--check]
#
# CORPUS defaults to ../shared/corpus beside the repository root; per API it needs traffic/<api>.openapi.yaml,
# <api>.jsonl and <api>.har (600 labelled exchanges each, about 40% failing on purpose). --apis is a comma list
# (default cadana,asset,codat,qonto). Everything goes to $OC_BENCH_DIR (default /tmp/oc-bench):
# - traffic-generated/<api>-<N>.jsonl and .har: N exchanges (default 100000) made by Peers/generate_traffic.py,
#   the seed's exchanges round after round, each copy with its own id (`<id>-r<round>`). They are kept and reused
#   by later runs with the same N (remade when older than the seed or the generator); delete them by hand.
# - throughput-results/: each run's stderr, the text report of the first run, the measurements, openapi-core's
#   output (overwritten by the next run).
# - venv-traffic: the virtualenv with openapi-core (python3 -m venv + pip; shared with compare-traffic.sh).
# The binary is --binary PATH, or else built in release with `swift build -c release --product openapi-conform`
# in the repository root ($SWIFT_BUILD_ARGS is appended, e.g. "--scratch-path .build-bench"); --no-build uses the
# binary already built there.
#
# Per API, file (JSONL, HAR) and report format (text, json): `openapi-conform validate --spec SPEC FILE --format
# FMT >/dev/null`, first once untimed (warm-up; its text report must count N exchanges), then --runs R times
# (default 5), text and json in turn run by run (pairs, in alternating order, since the machine's speed drifts).
# Each run's wall time and user+sys CPU time come from a small Python wrapper (perf_counter around posix_spawn
# and wait4, the child's own rusage). Exit status 0 or 1 (findings: expected) is fine; anything else stops the
# script. openapi-core: Peers/traffic_peer.py on the first M exchanges (--peer-exchanges, default 5000) of the same
# generated JSONL, --peer-runs P times after its warm-up (default 3; it checks about 400 exchanges/s).
#
# Prints Markdown: the machine (nproc, load average at start and end), a table of exchanges/s per API and for all
# (N / median wall; all = total exchanges / summed median walls), json÷text (median of the pairs' wall ratios),
# CPU÷wall (median of the runs' ratios), openapi-core and the ratio; then each aim and whether it holds
# (JSONL text ≥ 140,000 exchanges/s and ≥ 300× openapi-core, HAR text ≥ 100,000 exchanges/s, json÷text ≤ 1.15,
# CPU÷wall ≥ 1.8, on every API), the runs in detail, and the generated files' verdicts against the seeds'.
# Exits 0 whether the aims hold or not, unless --check is given: then 1 when an aim is missed. Exits 2 on errors
# (missing corpus, a run exiting other than 0 or 1, a file not counting N exchanges).
#
# A smoke run: throughput.sh --binary PATH --apis qonto --exchanges 5000 --runs 3 --peer-exchanges 500
set -Eeuo pipefail
# Any failing command stops the script with exit status 2 (1 is kept for missed aims under --check).
on_error() {
    echo "throughput: failed (line $1): ${BASH_COMMAND%%$'\n'*}" >&2
    exit 2
}
trap 'on_error $LINENO' ERR

USAGE="usage: $0 [CORPUS] [--exchanges N] [--runs R] [--peer-exchanges M] [--peer-runs P] [--apis LIST] [--binary PATH] [--no-build] [--check]"
EXCHANGES=100000
RUNS=5
PEER_EXCHANGES=5000
PEER_RUNS=3
APIS_LIST=cadana,asset,codat,qonto
BINARY=""
BUILD=1
CHECK=0
CORPUS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --exchanges) EXCHANGES="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --peer-exchanges) PEER_EXCHANGES="$2"; shift 2 ;;
        --peer-runs) PEER_RUNS="$2"; shift 2 ;;
        --apis) APIS_LIST="$2"; shift 2 ;;
        --binary) BINARY="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --check) CHECK=1; shift ;;
        -*) echo "$USAGE" >&2; exit 2 ;;
        *) CORPUS="$1"; shift ;;
    esac
done
for number in "$EXCHANGES" "$RUNS" "$PEER_EXCHANGES" "$PEER_RUNS"; do
    [[ "$number" =~ ^[1-9][0-9]*$ ]] || { echo "throughput: '$number' is not a positive whole number" >&2; echo "$USAGE" >&2; exit 2; }
done
# openapi-core runs on the first M exchanges of the generated file: never more than there are.
[ "$PEER_EXCHANGES" -le "$EXCHANGES" ] || PEER_EXCHANGES="$EXCHANGES"

PEERS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$PEERS/../../.." && pwd)"
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
if [ ! -d "$CORPUS/traffic" ]; then
    echo "throughput: no corpus at $CORPUS (expected $CORPUS/traffic/<api>.openapi.yaml, .jsonl, .har);" \
        "pass its folder as the first argument" >&2
    exit 2
fi
CORPUS="$(cd "$CORPUS" && pwd)"
TRAFFIC="$CORPUS/traffic"
IFS=, read -r -a APIS <<<"$APIS_LIST"
[ "${#APIS[@]}" -gt 0 ] || { echo "throughput: --apis names no API" >&2; exit 2; }
for api in "${APIS[@]}"; do
    for file in "$api.openapi.yaml" "$api.jsonl" "$api.har"; do
        [ -f "$TRAFFIC/$file" ] || { echo "throughput: the corpus has no $TRAFFIC/$file" >&2; exit 2; }
    done
done
WORK="${OC_BENCH_DIR:-/tmp/oc-bench}"
VENV="$WORK/venv-traffic"
GENERATED="$WORK/traffic-generated"
RESULTS="$WORK/throughput-results"
mkdir -p "$GENERATED" "$RESULTS"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== virtualenv $VENV: openapi-core" >&2
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import openapi_core' 2>/dev/null ||
    "$VENV/bin/pip" install -q --disable-pip-version-check openapi-core >&2
PY="$VENV/bin/python"

if [ -z "$BINARY" ]; then
    if [ "$BUILD" = 1 ]; then
        echo "== swift build -c release --product openapi-conform ${SWIFT_BUILD_ARGS:-}" >&2
        # shellcheck disable=SC2086  # SWIFT_BUILD_ARGS is a list of flags
        (cd "$ROOT" && swift build -c release --product openapi-conform ${SWIFT_BUILD_ARGS:-} >&2)
    fi
    # shellcheck disable=SC2086
    BINARY="$(cd "$ROOT" && swift build -c release ${SWIFT_BUILD_ARGS:-} --show-bin-path)/openapi-conform"
fi
[ -x "$BINARY" ] || { echo "throughput: no executable openapi-conform at $BINARY" >&2; exit 2; }
BINARY="$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")"
VERSION="$("$BINARY" --version 2>/dev/null || echo "version unknown")"

echo "== generated traffic ($EXCHANGES exchanges per API and format) in $GENERATED" >&2
for api in "${APIS[@]}"; do
    for form in jsonl har; do
        file="$GENERATED/$api-$EXCHANGES.$form"
        if [ -s "$file" ] && [ "$file" -nt "$TRAFFIC/$api.$form" ] && [ "$file" -nt "$PEERS/generate_traffic.py" ]; then
            echo "reusing $file" >&2
        else
            python3 "$PEERS/generate_traffic.py" "$file.partial" --exchanges "$EXCHANGES" --format "$form" \
                --corpus "$CORPUS" --apis "$api" >&2
            mv "$file.partial" "$file"
        fi
    done
done

# measure API FORM: the seed's verdicts, the untimed warm-up and the timed pairs of runs of one generated file;
# writes RESULTS/API.FORM.json.
measure() {
    python3 - "$BINARY" "$TRAFFIC/$1.openapi.yaml" "$GENERATED/$1-$EXCHANGES.$2" "$TRAFFIC/$1.$2" \
        "$EXCHANGES" "$RUNS" "$RESULTS/$1.$2" <<'PYTHON'
import json, os, re, subprocess, sys, time

binary, spec, traffic, seed, n, runs, out = sys.argv[1:]
n, runs = int(n), int(runs)
name = os.path.basename(traffic)
stderr_path = f"{out}.stderr"

def fail(message):
    print(f"throughput: {message}", file=sys.stderr)
    sys.exit(2)

def run(form, stdout_path="/dev/null"):
    """One whole `validate` process: (wall s, user+sys CPU s) of the child alone."""
    argv = [binary, "validate", "--spec", spec, traffic, "--format", form]
    writing = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [(os.POSIX_SPAWN_OPEN, 1, stdout_path, writing, 0o644),
               (os.POSIX_SPAWN_OPEN, 2, stderr_path, writing, 0o644)]
    start = time.perf_counter()
    pid = os.posix_spawn(binary, argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        with open(stderr_path, encoding="utf-8", errors="replace") as errors:
            detail = errors.read()[-2000:]
        fail(f"`{' '.join(argv)}` exited {code} (0 or 1 expected):\n{detail}")
    return wall, usage.ru_utime + usage.ru_stime

# The seed's verdicts, one per exchange in file order: what the copies should give (untimed).
seed_run = subprocess.run([binary, "validate", "--spec", spec, seed, "--format", "json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
if seed_run.returncode not in (0, 1):
    fail(f"checking the seed {seed} exited {seed_run.returncode}:\n{seed_run.stderr.decode()[-2000:]}")
seed_exchanges = sorted(json.loads(seed_run.stdout)["exchanges"], key=lambda item: item["source"]["index"])
seed_pass = [item["verdict"] == "pass" for item in seed_exchanges]
expected_passed = (n // len(seed_pass)) * sum(seed_pass) + sum(seed_pass[: n % len(seed_pass)])

# Warm-up (page cache, first start), keeping the text report: its last line counts the exchanges.
run("text", f"{out}.text.txt")
with open(f"{out}.text.txt", encoding="utf-8") as report:
    lines = [line for line in report.read().splitlines() if line.strip()]
match = re.match(r"^([\d,]+) exchanges: ([\d,]+) passed, ([\d,]+) failed", lines[-1] if lines else "")
if not match:
    fail(f"no `N exchanges: P passed, F failed` line at the end of {out}.text.txt")
counted, passed, failed = (int(group.replace(",", "")) for group in match.groups())
if counted != n:
    fail(f"{traffic} is checked as {counted} exchanges, not {n}: delete it to have it made again")

pairs = []
for number in range(runs):
    order = ("text", "json") if number % 2 == 0 else ("json", "text")
    pair = {form: run(form) for form in order}
    pairs.append({form: {"wall": wall, "cpu": cpu} for form, (wall, cpu) in pair.items()})
    print(f"{name} run {number + 1}/{runs}: " + ", ".join(
        f"{form} {pair[form][0] * 1000:.0f} ms wall, {pair[form][1] * 1000:.0f} ms CPU" for form in order),
        file=sys.stderr)

with open(f"{out}.json", "w", encoding="utf-8") as result:
    json.dump({"file": traffic, "bytes": os.path.getsize(traffic), "exchanges": n, "passed": passed,
               "failed": failed, "seed_exchanges": len(seed_pass), "seed_passed": sum(seed_pass),
               "expected_passed": expected_passed, "pairs": pairs}, result)
PYTHON
}

for api in "${APIS[@]}"; do
    for form in jsonl har; do
        echo "== $api $form: openapi-conform validate, 1 warm-up + $RUNS text/json pairs" >&2
        measure "$api" "$form"
    done
    echo "== $api: openapi-core on the first $PEER_EXCHANGES exchanges, $PEER_RUNS runs after a warm-up" >&2
    head -n "$PEER_EXCHANGES" "$GENERATED/$api-$EXCHANGES.jsonl" >"$RESULTS/$api.peer.jsonl"
    PYTHONWARNINGS=ignore "$PY" "$PEERS/traffic_peer.py" --spec "$TRAFFIC/$api.openapi.yaml" \
        --traffic "$RESULTS/$api.peer.jsonl" --runs "$PEER_RUNS" >"$RESULTS/$api.peer.txt" 2>"$RESULTS/$api.peer.stderr"
    cat "$RESULTS/$api.peer.txt" >&2
done
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

STATUS=0
python3 - "$RESULTS" "$GENERATED" "$EXCHANGES" "$RUNS" "$PEER_EXCHANGES" "$PEER_RUNS" "$CHECK" "$(nproc)" \
    "$LOAD_START" "$LOAD_END" "$BINARY" "$VERSION" "${APIS[@]}" <<'PYTHON' || STATUS=$?
import json, os, re, statistics, sys

(results, generated, n, runs, peer_n, peer_runs, check, cpus, load_start, load_end, binary, version), apis = \
    sys.argv[1:13], sys.argv[13:]
n, runs, peer_n, peer_runs, check = int(n), int(runs), int(peer_n), int(peer_runs), check == "1"
AIM_JSONL, AIM_RATIO, AIM_HAR, AIM_JSON, AIM_CPU = 140_000, 300.0, 100_000, 1.15, 1.8

def fail(message):
    print(f"throughput: {message}", file=sys.stderr)
    sys.exit(2)

model = "unknown CPU"
try:
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
except (OSError, StopIteration):
    pass

def summary(api, form):
    with open(os.path.join(results, f"{api}.{form}.json"), encoding="utf-8") as source:
        data = json.load(source)
    pairs = data["pairs"]
    walls = {f: [pair[f]["wall"] for pair in pairs] for f in ("text", "json")}
    data["wall"] = {f: statistics.median(walls[f]) for f in walls}
    data["spread"] = {f: (min(walls[f]), max(walls[f])) for f in walls}
    data["cpu"] = {f: statistics.median(pair[f]["cpu"] for pair in pairs) for f in walls}
    data["rate"] = {f: data["exchanges"] / data["wall"][f] for f in walls}
    data["cpu_wall"] = {f: statistics.median(pair[f]["cpu"] / pair[f]["wall"] for pair in pairs) for f in walls}
    data["json_text"] = statistics.median(pair["json"]["wall"] / pair["text"]["wall"] for pair in pairs)
    return data

def peer(api):
    text = open(os.path.join(results, f"{api}.peer.txt"), encoding="utf-8").read()
    rate = re.search(r"^openapi-core single-thread: ([\d.]+) exchanges/s", text, re.M)
    counts = re.search(r"^openapi-core traffic \S+: exchanges (\d+), pass (\d+), fail (\d+)", text, re.M)
    if not rate or not counts:
        fail(f"no openapi-core rate in {results}/{api}.peer.txt (see {api}.peer.stderr)")
    with open(os.path.join(results, f"{api}.peer.stderr"), encoding="utf-8", errors="replace") as errors:
        unexpected = [line.split("unexpected exception (counted as fail): ", 1)[1].strip()
                      for line in errors if "unexpected exception (counted as fail): " in line]
    return {"rate": float(rate[1]), "exchanges": int(counts[1]), "passed": int(counts[2]), "unexpected": unexpected}

rows = [(api, summary(api, "jsonl"), summary(api, "har"), peer(api)) for api in apis]

def weighted(values_and_weights):
    total = sum(weight for _, weight in values_and_weights)
    return sum(value * weight for value, weight in values_and_weights) / total

count = n * len(rows)
walls = {(form, f): sum(row[1 if form == "jsonl" else 2]["wall"][f] for row in rows)
         for form in ("jsonl", "har") for f in ("text", "json")}
core_total = sum(row[3]["exchanges"] for row in rows)
core_rate = core_total / sum(row[3]["exchanges"] / row[3]["rate"] for row in rows)
everything = {
    "rate": {key: count / wall for key, wall in walls.items()},
    "json_text": weighted([(row[1]["json_text"], row[1]["wall"]["text"]) for row in rows]),
    "cpu_wall": weighted([(row[1]["cpu_wall"]["text"], row[1]["wall"]["text"]) for row in rows]),
    "core": core_rate,
}

print(f"### Throughput of `openapi-conform validate`, whole process ({n:,} exchanges per API and file)\n")
print(f"Machine: {cpus} CPUs (nproc), {model}; load average {load_start} at the start, {load_end} at the end.  ")
print(f"openapi-conform: `{binary}` ({version}).\n")
print(f"exchanges/s = {n:,} / the median wall time of {runs} runs of `openapi-conform validate --spec SPEC FILE "
      "--format FMT >/dev/null` (start, spec loading, reading, checking and the report, all included), text and json "
      "run in turn. json÷text: median over the pairs of json wall ÷ text wall. CPU÷wall: median over the runs of "
      "(user + sys CPU) ÷ wall. all: total exchanges ÷ summed median walls (json÷text and CPU÷wall weighted by the "
      "median text wall).\n")
peer_scope = (f"the first {peer_n:,} exchanges of the same generated JSONL, which repeats the 600 seed exchanges "
              "in order, so every seed exchange is in them" if peer_n >= 600 else
              f"the first {peer_n:,} exchanges of the same generated JSONL, i.e. the first {peer_n} of the 600 seed "
              "exchanges only (--peer-exchanges 600 or more covers them all)")
print(f"openapi-core ran on {peer_scope}: `validate_request` + `validate_response` on one thread, median wall of "
      f"{peer_runs} runs after a warm-up, request and response objects built beforehand (untimed), so its figure "
      "leaves out its start, spec loading and reading, which openapi-conform's includes.\n")
print("| api | exchanges | JSONL text /s | JSONL json /s | HAR text /s | HAR json /s | json÷text (JSONL) | "
      "CPU÷wall (JSONL text) | openapi-core /s | ratio (JSONL text ÷ openapi-core) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for api, jsonl, har, core in rows:
    print(f"| {api} | {n:,} | {jsonl['rate']['text']:,.0f} | {jsonl['rate']['json']:,.0f} | "
          f"{har['rate']['text']:,.0f} | {har['rate']['json']:,.0f} | {jsonl['json_text']:.3f} | "
          f"{jsonl['cpu_wall']['text']:.2f} | {core['rate']:,.0f} | {jsonl['rate']['text'] / core['rate']:,.0f}× |")
rate = everything["rate"]
print(f"| **all** | {count:,} | {rate['jsonl', 'text']:,.0f} | {rate['jsonl', 'json']:,.0f} | "
      f"{rate['har', 'text']:,.0f} | {rate['har', 'json']:,.0f} | {everything['json_text']:.3f} | "
      f"{everything['cpu_wall']:.2f} | {everything['core']:,.0f} | {rate['jsonl', 'text'] / everything['core']:,.0f}× |")

missed = []

def aim(title, values, holds, form, detail=""):
    """values: (api, value) per API; the aim holds when holds(value) on every API."""
    misses = [(api, value) for api, value in values if not holds(value)]
    shown = ", ".join(f"{api} {form(value)}" for api, value in values)
    verdict = "**met**" if not misses else "**missed** on " + ", ".join(api for api, _ in misses)
    print(f"- {title}: {verdict} ({shown}{detail})")
    if misses:
        missed.append(title)

print("\n### Aims (on every API)\n")
aim(f"JSONL text ≥ {AIM_JSONL:,} exchanges/s", [(api, j["rate"]["text"]) for api, j, _, _ in rows],
    lambda value: value >= AIM_JSONL, lambda value: f"{value:,.0f}/s")
aim(f"JSONL text ≥ {AIM_RATIO:.0f}× openapi-core", [(api, j["rate"]["text"] / c["rate"]) for api, j, _, c in rows],
    lambda value: value >= AIM_RATIO, lambda value: f"{value:,.0f}×")
aim(f"HAR text ≥ {AIM_HAR:,} exchanges/s", [(api, h["rate"]["text"]) for api, _, h, _ in rows],
    lambda value: value >= AIM_HAR, lambda value: f"{value:,.0f}/s",
    "; HAR json: " + ", ".join(f"{api} {h['rate']['json']:,.0f}/s" for api, _, h, _ in rows))
aim(f"JSON within 15% of text (json÷text ≤ {AIM_JSON}, JSONL)", [(api, j["json_text"]) for api, j, _, _ in rows],
    lambda value: value <= AIM_JSON, lambda value: f"{value:.3f}",
    "; HAR: " + ", ".join(f"{api} {h['json_text']:.3f}" for api, _, h, _ in rows))
aim(f"CPU÷wall ≥ {AIM_CPU} (JSONL text)", [(api, j["cpu_wall"]["text"]) for api, j, _, _ in rows],
    lambda value: value >= AIM_CPU, lambda value: f"{value:.2f}")

print(f"\n### Runs (median of {runs}; min–max wall)\n")
print("| api | file | MB | format | wall ms | min–max ms | CPU ms | CPU÷wall | exchanges/s | json÷text |")
print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|")
for api, jsonl, har, _ in rows:
    for form, data in (("JSONL", jsonl), ("HAR", har)):
        for f in ("text", "json"):
            low, high = data["spread"][f]
            print(f"| {api} | {form} | {data['bytes'] / 1e6:,.1f} | {f} | {data['wall'][f] * 1000:,.0f} | "
                  f"{low * 1000:,.0f}–{high * 1000:,.0f} | {data['cpu'][f] * 1000:,.0f} | {data['cpu_wall'][f]:.2f} | "
                  f"{data['rate'][f]:,.0f} | {data['json_text']:.3f} |")

print("\n### Generated traffic: verdicts against the seeds'\n")
print("expected passed: the seed file's own verdicts (checked by the same binary), repeated as the generated file "
      "repeats the exchanges. openapi-core's count is on its first exchanges only.\n")
print("| api | file | exchanges | passed | failed | expected passed | seed passed |")
print("|---|---|---:|---:|---:|---:|---:|")
surprises = []
for api, jsonl, har, core in rows:
    for form, data in (("JSONL", jsonl), ("HAR", har)):
        print(f"| {api} | {form} | {data['exchanges']:,} | {data['passed']:,} | {data['failed']:,} | "
              f"{data['expected_passed']:,} | {data['seed_passed']} of {data['seed_exchanges']} |")
        if data["passed"] != data["expected_passed"]:
            surprises.append(f"{api} {form}: {data['passed']:,} passed, {data['expected_passed']:,} expected from the seed")
    print(f"| {api} | first {core['exchanges']:,} (openapi-core) | {core['exchanges']:,} | {core['passed']:,} | "
          f"{core['exchanges'] - core['passed']:,} | | |")
    if jsonl["seed_passed"] != har["seed_passed"]:
        surprises.append(f"{api}: the seed JSONL and HAR differ ({jsonl['seed_passed']} and {har['seed_passed']} passed)")
    if core["passed"] == 0 or core["unexpected"]:
        kinds = "; ".join(f"`{kind}`" for kind in core["unexpected"][:3])
        surprises.append(
            f"{api}: openapi-core passed {core['passed']:,} of {core['exchanges']:,} exchanges"
            + (f" and raised exceptions that are not validation errors (counted as failures: {kinds}"
               f"{', …' if len(core['unexpected']) > 3 else ''}; see {results}/{api}.peer.stderr)"
               if core["unexpected"] else "")
            + ", so its rate there may be of giving up early rather than of a full check")
for item in surprises:
    print(f"\n**Warning:** {item}.")

print(f"\nGenerated files (kept for re-runs with --exchanges {n}): {generated}")
if missed:
    print(f"\n**Aims missed:** {'; '.join(missed)}.")
    sys.exit(1 if check else 0)
print("\nAll aims met.")
PYTHON
[ "$STATUS" -le 1 ] || exit 2
exit "$STATUS"
