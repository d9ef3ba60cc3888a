#!/usr/bin/env bash
# Runs schemathesis against `openapi-conform mock` for each bundled description: schemathesis generates valid and
# invalid requests from the description and checks the answers (no 5xx, documented statuses, headers and bodies
# that match their schemas, invalid requests refused, missing credentials refused, ...).
#
#   Tests/Live/schemathesis-mock.sh [MAX_EXAMPLES] [SPEC ...]     (default 25 per operation; specs/*/openapi.yaml)
#
# Given descriptions (the shared corpus's public ones, say), it runs against a mock of each instead, and prints
# what schemathesis found by check: their authors wrote no baseline, so a finding there is to be read, not
# counted as a failure of this tool (see README, "schemathesis against the mock").
#
# Installs schemathesis in a virtualenv under .build/ (pinned; needs python3 with venv and PyPI), builds the tool,
# and prints one line per description. Exit status: 0 when schemathesis found nothing on every description beyond
# the failures accepted in schemathesis-baseline/<api>.json, each of which no server could avoid:
#   cadana.json  status_code_conformance, 401 to a request without credentials: Cadana requires a bearer token
#                but documents no 401 (nor 4XX or default) response. The mock answers 401 as RFC 9110 says (and
#                as schemathesis's own ignored_auth check demands), so the status is undocumented.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
examples="${1:-25}"
shift || true
if [[ $# -gt 0 ]]; then specs=("$@"); else specs=(specs/*/openapi.yaml); fi
version="4.32.5"
venv=".build/schemathesis-venv"
if [[ ! -x "$venv/bin/schemathesis" ]] || ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "schemathesis==$version"
fi
swift build -c release --product openapi-conform >/dev/null
tool=".build/release/openapi-conform"
work="$(mktemp -d)"
mock_pid=""
cleanup() {
    if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then kill -TERM "$mock_pid"; wait "$mock_pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The formats openapi-conform checks that schemathesis would otherwise fill with any string.
export PYTHONPATH="$PWD/Tests/Live${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=schemathesis_formats
token="schemathesis-token"
failed=0
for spec in "${specs[@]}"; do
    spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
    api="$(basename "$(dirname "$spec")")"
    [[ "$spec" == "$repo/specs/"* ]] || api="$(basename "$(dirname "$spec")")-$(basename "$spec" | sed 's/\.[a-z]*$//')"
    # --credential: schemathesis also sends wrong credentials and expects 401 (its ignored_auth check).
    "$tool" mock --spec "$spec" --port 0 --quiet --credential "$token" --report "json=$work/$api-mock.json" >"$work/$api.out" 2>"$work/$api.err" &
    mock_pid=$!
    for _ in $(seq 100); do grep -q "^mock: serving" "$work/$api.err" 2>/dev/null && break; sleep 0.1; done
    port="$(sed -n 's/^mock: serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$api.err")"
    base="$(sed -n 's/.*(base paths: \([^,)]*\).*/\1/p' "$work/$api.err")"
    [[ "$base" == "/" ]] && base=""
    if [[ -z "$port" ]]; then
        echo "$api: the mock did not start: $(cat "$work/$api.err")"
        failed=1
        continue
    fi
    baseline=()
    [[ -f "Tests/Live/schemathesis-baseline/$api.json" ]] && baseline=(--baseline "$repo/Tests/Live/schemathesis-baseline/$api.json")
    set +e
    # From the scratch folder: schemathesis keeps a .schemathesis cache in its working directory.
    (cd "$work" && "$repo/$venv/bin/schemathesis" run "$spec" --url "http://127.0.0.1:$port${base}" \
        --max-examples "$examples" --seed 1 --checks all --workers 2 \
        --header "Authorization: Bearer $token" \
        "${baseline[@]}" --report junit --report-junit-path "$work/$api-junit.xml" --no-color >"$work/$api-st.log" 2>&1)
    status=$?
    set -e
    kill -TERM "$mock_pid"
    wait "$mock_pid" || true
    mock_pid=""
    summary="$(grep -A1 '^Test cases:' "$work/$api-st.log" | tail -1 | sed 's/^ *//')"
    requests="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['exchanges'])" "$work/$api-mock.json" 2>/dev/null || echo "?")"
    if [[ $status -eq 0 ]]; then
        echo "$api: schemathesis found nothing${baseline:+ beyond its baseline} ($requests requests to the mock): $summary"
    else
        echo "$api: schemathesis exit $status ($requests requests to the mock): $summary"
        if [[ "$spec" == "$repo/specs/"* ]]; then
            sed -n '/FAILURES/,$p' "$work/$api-st.log" | head -80
        else
            # By check, to read: a given description's gaps (statuses it does not document) come first.
            grep '^- ST' "$work/$api-st.log" | sort | uniq -c | sort -rn | sed 's/^/    /' || true
            cp "$work/$api-st.log" ".build/schemathesis-$api.log"
            echo "    (schemathesis's log: .build/schemathesis-$api.log)"
        fi
        failed=1
    fi
done
exit $failed
