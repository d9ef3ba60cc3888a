#!/usr/bin/env python3
"""openapi-core checking the same recorded exchanges as `openapi-conform-bench traffic`.

usage: traffic_peer.py --spec SPEC --traffic FILE.jsonl [--runs N] [--verdicts OUT]

Reads a JSONL recording (the format of ../shared/corpus/traffic/README.md: one exchange a line, bodies as JSON
values, strings with an optional "bodyEncoding", or null), builds openapi-core request and response objects
(openapi_core.testing MockRequest / MockResponse) with the bodies as bytes (JSON values serialized with
json.dumps), then times `OpenAPI.validate_request` + `OpenAPI.validate_response` over every exchange on one
thread: the median of N runs after a warm-up, in wall time and in this thread's CPU time (which a loaded machine
does not inflate). Building the objects is not timed, like reading on the Swift side.

An exchange passes when neither call raises. Prints stable lines that Peers/compare-traffic.sh reads:

    openapi-core traffic FILE: exchanges N, pass N, fail N, unreadable N, bodies X MB
    openapi-core single-thread: X exchanges/s, X us/exchange, X MB/s of bodies, CPU time X exchanges/s (median of N runs)
    openapi-core verdicts: fnv1a:HEX
    openapi-core version: X
"""
import argparse
import base64
import json
import statistics
import sys
import time
from importlib.metadata import version
from urllib.parse import parse_qsl, unquote, urlsplit

from openapi_core import Config, OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse


def is_json_media_type(content_type):
    essence = (content_type or "").split(";", 1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def header_pairs(headers):
    """The recording's headers ({name: value} or a list of {name, value}) as (name, value) pairs."""
    pairs = []
    if isinstance(headers, dict):
        for name, value in headers.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((name, str(item)))
    elif isinstance(headers, list):
        for item in headers:
            pairs.append((item["name"], str(item["value"])))
    return pairs


def header(pairs, wanted):
    wanted = wanted.lower()
    for name, value in pairs:
        if name.lower() == wanted:
            return value
    return None


def body_bytes(message, content_type):
    """The body as sent: what openapi-conform's JSONL reader makes of it, serialized back to bytes."""
    body = message.get("body")
    if body is None:
        return None
    if not isinstance(body, str):
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    encoding = (message.get("bodyEncoding") or "").lower()
    if encoding == "base64":
        return base64.b64decode(body + "=" * (-len(body) % 4))
    if encoding == "text" or not is_json_media_type(content_type):
        return body.encode("utf-8")
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def cookies(pairs):
    jar = {}
    for name, value in pairs:
        if name.lower() != "cookie":
            continue
        for part in value.split(";"):
            key, sep, val = part.strip().partition("=")
            if sep:
                jar[key] = val
    return jar


def build(exchange):
    """(id, MockRequest, MockResponse or None, body byte count) for one JSONL exchange."""
    request = exchange["request"]
    url = urlsplit(request["url"])
    host_url = f"{url.scheme}://{url.netloc}" if url.scheme else ""
    request_headers = header_pairs(request.get("headers") or {})
    request_type = header(request_headers, "Content-Type") or ""
    request_body = body_bytes(request, request_type)
    mock_request = MockRequest(
        host_url,
        request["method"],
        unquote(url.path),
        args=parse_qsl(url.query, keep_blank_values=True),
        headers=request_headers,
        cookies=cookies(request_headers),
        data=request_body,
        content_type=request_type.lower(),
    )
    size = len(request_body or b"")
    mock_response = None
    response = exchange.get("response")
    if response is not None:
        response_headers = header_pairs(response.get("headers") or {})
        response_type = header(response_headers, "Content-Type") or ""
        response_body = body_bytes(response, response_type)
        mock_response = MockResponse(
            response_body or b"",
            status_code=int(response["status"]),
            headers=response_headers,
            content_type=response_type.lower(),
        )
        size += len(response_body or b"")
    return exchange.get("id"), mock_request, mock_response, size


def load_openapi(spec):
    try:
        return OpenAPI.from_file_path(spec)
    except Exception as error:  # a description openapi-spec-validator rejects: check traffic all the same
        print(f"openapi-core: {spec}: spec check failed ({type(error).__name__}: {str(error)[:200]}); "
              "validating without the spec check", file=sys.stderr)
        return OpenAPI.from_file_path(spec, config=Config(spec_validator_cls=None))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", required=True)
    parser.add_argument("--traffic", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--verdicts")
    args = parser.parse_args()

    openapi = load_openapi(args.spec)
    exchanges = []
    unreadable = 0
    with open(args.traffic, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            try:
                exchanges.append(build(json.loads(line)))
            except Exception as error:
                unreadable += 1
                print(f"openapi-core peer: unreadable exchange: {error}", file=sys.stderr)
    if not exchanges:
        print(f"openapi-core peer: {args.traffic} holds no exchanges", file=sys.stderr)
        return 2
    body_mb = sum(item[3] for item in exchanges) / 1e6

    unexpected = {}

    def judge(mock_request, mock_response):
        ok = True
        try:
            openapi.validate_request(mock_request)
        except OpenAPIError:
            ok = False
        except Exception as error:  # not a validation error: counted as a failure, reported once per kind
            unexpected.setdefault(f"request {type(error).__name__}: {str(error)[:160]}", 0)
            ok = False
        if mock_response is not None:
            try:
                openapi.validate_response(mock_request, mock_response)
            except OpenAPIError:
                ok = False
            except Exception as error:
                unexpected.setdefault(f"response {type(error).__name__}: {str(error)[:160]}", 0)
                ok = False
        return ok

    # Verdicts once (also the warm-up), outside the timing.
    verdict_hash = 0xCBF29CE484222325
    passed = 0
    lines = []
    for number, (ident, mock_request, mock_response, _) in enumerate(exchanges):
        ok = judge(mock_request, mock_response)
        passed += ok
        verdict_hash = ((verdict_hash ^ (0x31 if ok else 0x30)) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        lines.append(f"{ident if ident is not None else number} {'pass' if ok else 'fail'}\n")
    if args.verdicts:
        with open(args.verdicts, "w", encoding="utf-8") as out:
            out.writelines(lines)
    for message in sorted(unexpected):
        print(f"openapi-core peer: unexpected exception (counted as fail): {message}", file=sys.stderr)

    times, cpu_times = [], []
    for _ in range(max(1, args.runs)):
        cpu_start = time.thread_time()
        start = time.perf_counter()
        count = 0
        for _, mock_request, mock_response, _ in exchanges:
            count += judge(mock_request, mock_response)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.thread_time() - cpu_start)
    seconds = statistics.median(times)
    cpu_seconds = statistics.median(cpu_times)
    n = len(exchanges)
    name = args.traffic.rsplit("/", 1)[-1]
    print(f"openapi-core traffic {name}: exchanges {n}, pass {passed}, fail {n - passed}, unreadable {unreadable}, "
          f"bodies {body_mb:.3f} MB")
    print(f"openapi-core single-thread: {n / seconds:.0f} exchanges/s, {seconds / n * 1e6:.2f} us/exchange, "
          f"{body_mb / seconds:.2f} MB/s of bodies, CPU time {n / cpu_seconds:.0f} exchanges/s (median of {args.runs} runs)")
    print(f"openapi-core verdicts: fnv1a:{verdict_hash:016x}")
    print(f"openapi-core version: {version('openapi-core')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
