#!/usr/bin/env bash
# Probes the mock of each bundled description: starts `openapi-conform mock` on a free port, runs `openapi-conform
# probe` against it (documented examples, generated requests, requests broken on purpose, and every documented
# response asked for with Prefer), and prints the probe's summary and coverage for each API.
#
#   Tests/Live/probe-mock.sh [MAX_EXAMPLES]     (default 3 generated requests per operation)
#
# Exit status: 0 when every probe conforms (no finding at the failing severity), 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
examples="${1:-3}"
swift build -c release --product openapi-conform >/dev/null
tool=".build/release/openapi-conform"
work="$(mktemp -d)"
mock_pid=""
cleanup() {
    if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then kill -TERM "$mock_pid"; wait "$mock_pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

failed=0
for spec in specs/*/openapi.yaml; do
    api="$(basename "$(dirname "$spec")")"
    "$tool" mock --spec "$spec" --port 0 --quiet >"$work/$api-mock.out" 2>"$work/$api-mock.err" &
    mock_pid=$!
    for _ in $(seq 100); do grep -q "^mock: serving" "$work/$api-mock.err" 2>/dev/null && break; sleep 0.1; done
    port="$(sed -n 's/^mock: serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$api-mock.err")"
    base="$(sed -n 's/.*(base paths: \([^,)]*\).*/\1/p' "$work/$api-mock.err")"
    set +e
    "$tool" probe --spec "$spec" --base-url "http://127.0.0.1:$port$base" --max-examples "$examples" --prefer-each-response \
        --quiet >"$work/$api-probe.out" 2>&1
    status=$?
    set -e
    kill -TERM "$mock_pid"; wait "$mock_pid" || true; mock_pid=""
    echo "$api (exit $status): $(grep -E '^coverage:' "$work/$api-probe.out" | head -1) · $(tail -1 "$work/$api-probe.out")"
    [[ $status -eq 0 ]] || { cat "$work/$api-probe.out"; failed=1; }
done
exit $failed
