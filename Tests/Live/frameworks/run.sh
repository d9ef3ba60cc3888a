#!/usr/bin/env bash
# Probes APIs written with the Python frameworks that generate most OpenAPI 3.x descriptions in the wild, each
# serving the description its framework generates: FastAPI (pydantic), Litestar (msgspec), Django REST framework
# (drf-spectacular) and Flask with flask-smorest (marshmallow, apispec). Each app is written as the framework's users write them, with a few defects such
# apps commonly have (its docstring lists them); the probe must find exactly those, and nothing that is the
# tool's own misreading of the framework's description or of the framework's reading of requests.
#
#   Tests/Live/frameworks/run.sh [MAX_EXAMPLES]     (default 8 generated requests per operation)
#   OPENAPI_CONFORM=/path/to/openapi-conform Tests/Live/frameworks/run.sh
#
# Installs the frameworks (pinned) in a virtualenv under .build/ (needs python3 with venv and PyPI), builds the
# tool, serves each app with uvicorn on a loopback port it picks, and prints per app the error findings by rule
# and operation against expected/<app>.txt. Exit status 0 when every app's findings are the expected ones.
set -euo pipefail
cd "$(dirname "$0")/../../.."
repo="$PWD"
here="$repo/Tests/Live/frameworks"
examples="${1:-8}"
venv=".build/frameworks-venv"
packages=(fastapi==0.165.0 uvicorn==0.55.0 pydantic==2.14.4 email-validator==2.4.0 python-multipart==0.0.34
    litestar==2.25.0 msgspec==0.23.0 Django==5.2.20 djangorestframework==3.18.3 drf-spectacular==0.30.0
    flask-smorest==0.47.0 marshmallow==4.4.0 apispec==6.10.1 Flask==3.1.3)
if [[ ! -x "$venv/bin/uvicorn" ]] || ! "$venv/bin/pip" freeze 2>/dev/null | grep -q '^flask-smorest==0.47.0$'; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "${packages[@]}"
fi
# OPENAPI_CONFORM names another build to probe with (an older one, to see what a change found).
if [[ -n "${OPENAPI_CONFORM:-}" ]]; then
    tool="$OPENAPI_CONFORM"
else
    swift build -c release --product openapi-conform >/dev/null
    tool="$repo/.build/release/openapi-conform"
fi
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The description an app's framework generates, as it serves it.
describe() {
    (cd "$here" && "$repo/$venv/bin/python" - "$1" <<'PY'
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
if hasattr(module, "application"):
    from drf_spectacular.generators import SchemaGenerator
    document = SchemaGenerator().get_schema(request=None, public=True)
elif hasattr(module, "api"):
    with module.app.app_context():
        document = module.api.spec.to_dict()
elif type(module.app).__module__.startswith("litestar"):
    document = module.app.openapi_schema.to_schema()
else:
    document = module.app.openapi()
json.dump(document, sys.stdout, indent=1, default=str)
PY
    )
}

status=0
for app in billing_fastapi inventory_fastapi shipments_litestar tickets_drf library_smorest; do
    describe "$app" > "$work/$app.json"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    serve=("$app:app")
    [[ "$app" == tickets_drf ]] && serve=("$app:application")
    [[ "$app" == library_smorest ]] && serve=("$app:app" --interface wsgi)
    (cd "$here" && exec "$repo/$venv/bin/uvicorn" "${serve[@]}" --host 127.0.0.1 --port "$port" --log-level warning) > "$work/$app.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
        sleep 0.1
    done
    "$tool" probe --spec "$work/$app.json" --base-url "http://127.0.0.1:$port" --max-examples "$examples" \
        --format json --output "$work/$app.report.json" --record "$work/$app.har" > /dev/null 2>&1 || true
    kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
    python3 - "$work/$app.report.json" > "$work/$app.found" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
found = {f"{finding['rule']} {exchange.get('operation', '-')}" for exchange in report["exchanges"]
         for finding in exchange["findings"] if finding["severity"] == "error"}
print("\n".join(sorted(found)))
PY
    if diff -u "$here/expected/$app.txt" "$work/$app.found" > "$work/$app.diff"; then
        echo "$app: $(wc -l < "$work/$app.found" | tr -d ' ') expected findings, nothing else"
    else
        echo "$app: findings differ from expected/$app.txt"
        sed 's/^/  /' "$work/$app.diff" | tail -n +3
        status=1
    fi
done
exit $status
