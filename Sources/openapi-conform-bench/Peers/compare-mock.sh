#!/usr/bin/env bash
# Mock server benchmark: `openapi-conform mock` against connexion's mock (uvicorn, one worker per core), both
# serving mock-bench.yaml on loopback, each hit by wrk for SECONDS with 64 connections and 2 threads: a GET whose
# path parameter is checked against its pattern, and a POST whose JSON body is validated. Runs alternate between
# the tools, RUNS times per request kind, and the medians are compared.
#
# usage: Sources/openapi-conform-bench/Peers/compare-mock.sh [--runs N] [--seconds S] [--no-build]
#
# Needs wrk (Debian package) and python3 with venv (connexion and uvicorn are installed in $OC_BENCH_DIR/venv-mock,
# default /tmp/oc-bench). Prints Markdown: requests/s, p50 and p99 latency for each tool and the ratio; socket
# errors and non-2xx answers, which should be none; the mock's peak RSS. Exits 1 when openapi-conform serves fewer
# than 20,000 requests/s on either request kind.
set -euo pipefail

RUNS=3
SECONDS_EACH=30
BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --seconds) SECONDS_EACH="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="${OC_BENCH_DIR:-/tmp/oc-bench}"
mkdir -p "$work"
venv="$work/venv-mock"
if [ ! -x "$venv/bin/uvicorn" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "connexion[uvicorn]==3.3.0"
fi
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
if [ "$BUILD" = 1 ]; then (cd "$root" && swift build -c release --product openapi-conform ${SWIFT_BUILD_ARGS:-} >/dev/null); fi
tool="$root/.build/release/openapi-conform"
spec="$here/mock-bench.yaml"
port=4790
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"amount": 1999, "currency": "eur", "email": "ada@example.com", "note": null, "metadata": {"order": "6735"}}'
wrk.headers["Content-Type"] = "application/json"
LUA

server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
}
trap stop_server EXIT

start() { # tool name
    if [ "$1" = conform ]; then
        "$tool" mock --spec "$spec" --port "$port" --quiet >/dev/null 2>"$work/mock-conform.err" &
    else
        MOCK_SPEC="$spec" "$venv/bin/uvicorn" --app-dir "$here" connexion_mock:app --port "$port" --workers "$(nproc)" \
            --log-level warning >/dev/null 2>"$work/mock-connexion.err" &
    fi
    server_pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/orders/ord_1NvX" && return; sleep 0.1; done
    echo "$1 did not start" >&2; exit 2
}

measure() { # kind -> "rps p50 p99 errors non2xx"
    local args=("http://127.0.0.1:$port/v1/orders/ord_1NvX")
    [ "$1" = post ] && args=(-s "$work/post.lua" "http://127.0.0.1:$port/v1/orders")
    wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency "${args[@]}" | awk '
        function ms(text) {
            if (text ~ /us$/) return substr(text, 1, length(text) - 2) / 1000
            if (text ~ /ms$/) return substr(text, 1, length(text) - 2) + 0
            return substr(text, 1, length(text) - 1) * 1000
        }
        /Requests\/sec/ {rps=$2} / 50%/ {p50=ms($2)} / 99%/ {p99=ms($2)}
        /Socket errors/ {errors=$0} /Non-2xx/ {non2xx=$NF}
        END {printf "%s %s %s %s %s\n", rps, p50, p99, (errors=="" ? "none" : "\"" errors "\""), (non2xx=="" ? 0 : non2xx)}'
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

failed=0
echo "| request | openapi-conform mock | connexion mock (uvicorn, $(nproc) workers) | ratio |"
echo "| --- | --- | --- | --- |"
for kind in get post; do
    : >"$work/runs-conform-$kind" ; : >"$work/runs-connexion-$kind"
    for run in $(seq "$RUNS"); do
        for name in conform connexion; do
            start "$name"
            result="$(measure "$kind")"
            [ "$name" = conform ] && rss="$(grep VmHWM /proc/$server_pid/status | awk '{print $2}')"
            stop_server
            echo "$result" >>"$work/runs-$name-$kind"
            read -r _ _ _ errors non2xx <<<"$result"
            if [ "$errors" != none ] || [ "$non2xx" != 0 ]; then echo "run $run $name $kind: socket errors $errors, non-2xx $non2xx" >&2; fi
        done
    done
    c_rps="$(cut -d' ' -f1 "$work/runs-conform-$kind" | median)"
    x_rps="$(cut -d' ' -f1 "$work/runs-connexion-$kind" | median)"
    c_lat="$(cut -d' ' -f2 "$work/runs-conform-$kind" | median) / $(cut -d' ' -f3 "$work/runs-conform-$kind" | median) ms"
    x_lat="$(cut -d' ' -f2 "$work/runs-connexion-$kind" | median) / $(cut -d' ' -f3 "$work/runs-connexion-$kind" | median) ms"
    ratio="$(awk -v a="$c_rps" -v b="$x_rps" 'BEGIN {printf "%.0f×", a / b}')"
    label="GET (path pattern)"; [ "$kind" = post ] && label="POST (JSON body)"
    printf "| %s | %.0f req/s, p50/p99 %s, peak RSS %s MB | %.0f req/s, p50/p99 %s | %s |\n" \
        "$label" "$c_rps" "$c_lat" "$((rss / 1024))" "$x_rps" "$x_lat" "$ratio"
    if awk -v a="$c_rps" 'BEGIN {exit !(a < 20000)}'; then failed=1; fi
done
exit $failed
