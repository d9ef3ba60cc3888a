#!/usr/bin/env bash
# Probes APIs written with the Python frameworks that generate most OpenAPI 3.x descriptions in the wild, each
# serving the description its framework generates: FastAPI (pydantic), Litestar (msgspec), Django REST framework
# (drf-spectacular), Flask with flask-smorest (marshmallow, apispec), BlackSheep, Sanic with sanic-ext, Django Ninja,
# Quart with quart-schema, Falcon with spectree, APIFlask and flask-openapi3; and Connexion and Pyramid with
# pyramid_openapi3 (whose openapi-core validates requests and responses), which serve a hand-written description
# (spec-first) under a server base path. Each app is written as the framework's users write them, with a few defects
# such apps commonly have (its docstring lists them); the probe must find exactly those, and nothing that is the
# tool's own misreading of the framework's description or of the framework's reading of requests.
#
#   Tests/Live/frameworks/run.sh [MAX_EXAMPLES]     (default 8 generated requests per operation)
#   OPENAPI_CONFORM=/path/to/openapi-conform Tests/Live/frameworks/run.sh
#
# Installs the frameworks (pinned) in a virtualenv under .build/ (needs python3 with venv and PyPI), builds the
# tool, serves each app with uvicorn on a loopback port it picks, probes it with the credentials its description's
# security schemes ask for, and prints per app the error findings by rule and operation against
# expected/<app>.txt. Exit status 0 when every app's findings are the expected ones.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
repo="$PWD"
examples="${1:-8}"
venv=".build/frameworks-venv"
packages=(fastapi==0.165.0 uvicorn==0.55.0 pydantic==2.14.4 email-validator==2.4.0 python-multipart==0.0.34
    litestar==2.25.0 msgspec==0.23.0 Django==5.2.20 djangorestframework==3.18.3 drf-spectacular==0.30.0
    flask-smorest==0.47.0 marshmallow==4.4.0 apispec==6.10.1 Flask==3.1.3
    blacksheep==2.6.4 essentials-openapi==1.4.0 essentials==1.1.9 guardpost==1.1.0 rodi==2.0.8
    sanic==25.12.1 sanic-ext==25.12.0 sanic-routing==23.12.0 django-ninja==1.7.3
    Quart==0.22.0 quart-schema==0.25.0 Werkzeug==3.1.9 spectree==3.0.0 falcon==4.4.0
    connexion[flask,uvicorn]==3.3.0 a2wsgi==1.10.10 asgiref==3.13.0 inflection==0.5.1 jsonschema==4.26.0 PyYAML==6.0.4
    requests==2.34.2 urllib3==2.8.0 certifi==2026.10.19.post1 charset-normalizer==3.5.3
    APIFlask==2.4.0 webargs==8.7.1 flask-marshmallow==1.5.0 Flask-HTTPAuth==4.8.1 flask-openapi3==4.3.2
    pyramid==2.1 WebOb==1.8.11 openapi-core==0.23.1 openapi-schema-validator==0.8.1 openapi-spec-validator==0.8.5
    jsonschema-path==0.4.6 pyramid-openapi3==0.22.0)
if [[ ! -x "$venv/bin/uvicorn" ]] || ! "$venv/bin/pip" freeze 2>/dev/null | grep -q '^pyramid_openapi3==0.22.0$'; then
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

# The description an app's framework generates, as it serves it; the app's name ends with its framework's.
describe() {
    (cd "$here" && "$repo/$venv/bin/python" - "$1" <<'PY'
import asyncio, importlib, json, logging, sys, tempfile, warnings
warnings.simplefilter("ignore")
module = importlib.import_module(sys.argv[1])
framework = sys.argv[1].rsplit("_", 1)[1]
if framework == "drf":
    from drf_spectacular.generators import SchemaGenerator
    document = SchemaGenerator().get_schema(request=None, public=True)
elif framework == "smorest":
    with module.app.app_context():
        document = module.api.spec.to_dict()
elif framework == "litestar":
    document = module.app.openapi_schema.to_schema()
elif framework == "blacksheep":
    # BlackSheep builds the description as the application starts; save_spec writes what it serves.
    asyncio.run(module.app.start())
    with tempfile.TemporaryDirectory() as folder:
        module.docs.save_spec(f"{folder}/openapi.json")
        with open(f"{folder}/openapi.json") as file:
            document = json.load(file)
elif framework == "sanic":
    # sanic-ext builds the description as the server starts: start the app as Sanic's ASGI lifespan does.
    from sanic_ext.extensions.openapi.builders import SpecificationBuilder
    logging.disable(logging.INFO)
    async def start():
        module.app.asgi = True
        await module.app._startup()
        await module.app._server_event("init", "before")
    asyncio.run(start())
    document = SpecificationBuilder().build(module.app).serialize()
elif framework == "ninja":
    document = module.api.get_openapi_schema()
elif framework == "quart":
    document = module.app.extensions["QUART_SCHEMA"].openapi_provider.schema()
elif framework == "spectree":
    document = module.spec.spec
elif framework in ("connexion", "pyramid"):
    # Spec-first: the app serves and validates against the description written beside it.
    import yaml
    with open(f"{sys.argv[1]}.yaml") as file:
        document = yaml.safe_load(file)
elif framework == "apiflask":
    document = module.app.spec
elif framework == "flaskopenapi3":
    document = module.app.api_doc
else:
    document = module.app.openapi()
json.dump(document, sys.stdout, indent=1, default=str)
PY
    )
}

status=0
for app in billing_fastapi inventory_fastapi shipments_litestar tickets_drf library_smorest \
        shop_blacksheep invoices_sanic tracker_ninja payouts_quart bookings_spectree payments_connexion billing_apiflask \
        billing_flaskopenapi3 orders_pyramid; do
    describe "$app" > "$work/$app.json"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    serve=("$app:app")
    [[ "$app" == tickets_drf ]] && serve=("$app:application")
    [[ "$app" == library_smorest ]] && serve=("$app:app" --interface wsgi)
    [[ "$app" == tracker_ninja ]] && serve=("$app:application")
    [[ "$app" == billing_apiflask || "$app" == billing_flaskopenapi3 ]] && serve=("$app:app" --interface wsgi)
    [[ "$app" == orders_pyramid ]] && serve=("$app:app" --interface wsgi)
    # Where the API runs: its description's server has a base path.
    base=""
    [[ "$app" == payments_connexion || "$app" == orders_pyramid ]] && base="/v1"
    # The credentials the app takes, by security scheme of its description (the first five take none).
    auth=()
    [[ "$app" == shop_blacksheep ]] && auth=(--auth ApiKey=sk_test_blacksheep)
    [[ "$app" == invoices_sanic ]] && auth=(--auth bearerAuth=sk_test_123 --auth apiKey=key_test_456)
    [[ "$app" == tracker_ninja ]] && auth=(--auth BearerAuth=secret-token)
    [[ "$app" == payouts_quart ]] && auth=(--auth bearerAuth=sk_test_abc --auth apiKey=key_abc)
    [[ "$app" == bookings_spectree ]] && auth=(--auth ApiKey=key_abc)
    [[ "$app" == payments_connexion ]] && auth=(--auth bearerAuth=sk_test_4eC39HqLyjWDarjtT1zdp7dc --auth apiKey=pk_test_TYooMQauvdEDq54NiTphI7jx)
    [[ "$app" == billing_apiflask ]] && auth=(--auth BearerAuth=sk_test_apiflask --auth BasicAuth=sk_test_apiflask:)
    [[ "$app" == billing_flaskopenapi3 ]] && auth=(--auth bearerAuth=sk_test_4eC39HqLyjWDarjtT1zdp7dc --auth apiKey=key_live_abc123)
    [[ "$app" == orders_pyramid ]] && auth=(--auth bearerAuth=sk_test_pyramid_51Hx --auth apiKey=key_test_pyramid_9f2)
    (cd "$here" && exec "$repo/$venv/bin/uvicorn" "${serve[@]}" --host 127.0.0.1 --port "$port" --log-level warning) > "$work/$app.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
        sleep 0.1
    done
    "$tool" probe --spec "$work/$app.json" --base-url "http://127.0.0.1:$port$base" --max-examples "$examples" \
        ${auth[@]+"${auth[@]}"} --format json --output "$work/$app.report.json" --record "$work/$app.har" > /dev/null 2>&1 || true
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
