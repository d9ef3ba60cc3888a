#!/usr/bin/env python3
"""Writes large traffic files (HAR or JSONL) by repeating the labelled traffic's exchanges.

usage: generate_traffic.py OUT (--exchanges N | --size-mb MB) [--format har|jsonl] [--corpus DIR]
                           [--apis cadana,asset,codat,qonto]

The one home of "repeat the corpus traffic": Peers/compare-traffic.sh makes its large HAR for the memory check with
it (--size-mb), Peers/throughput.sh its N-exchange JSONL and HAR files (--exchanges).

--format defaults to OUT's extension (.jsonl: JSONL, anything else: HAR). Exchanges come from
DIR/traffic/<api>.<format> (default DIR: ../shared/corpus beside the repository), in order, round after round;
the output ends after N exchanges (--exchanges) or at the first exchange past MB MiB (--size-mb, 2^20 bytes).
Each copy gets its own exchange id, `<id>-r<round>` (rounds count from 1: the JSONL `id` field, the HAR entry
`comment`), its own `X-Request-Id` response header when the exchange has one (the same value in both formats for
the same copy: a UUID from the copy's number), and in a HAR its own `startedDateTime`, so no two exchanges are
identical. Everything else (URLs, bodies, other headers) is kept, so each copy keeps the verdict its label gives
(no spec declares X-Request-Id). JSONL lines keep the corpus's layout (json.dumps defaults, UTF-8 kept); HAR
entries are written compact, one a line. The output is written exchange by exchange: memory is the sources, not
the output.

Prints one line: `generated OUT: N exchanges (FORMAT), X MB (rounds R, apis A)`.
"""
import argparse
import json
import os
import sys
import uuid
from datetime import datetime, timedelta, timezone

ID_MARK = "\u0000ID\u0000"
REQUEST_ID_MARK = "\u0000RID\u0000"
TIME_MARK = "\u0000TIME\u0000"
START = datetime(2025, 3, 1, 9, 0, 0, tzinfo=timezone.utc)


def marked_headers(headers):
    """The headers (a HAR list of {name, value} or a JSONL {name: value}) with X-Request-Id's value marked."""
    if isinstance(headers, list):
        result, marked = [], False
        for header in headers:
            if isinstance(header, dict) and str(header.get("name", "")).lower() == "x-request-id":
                header = dict(header, value=REQUEST_ID_MARK)
                marked = True
            result.append(header)
        return result, marked
    if isinstance(headers, dict):
        result, marked = {}, False
        for name, value in headers.items():
            if name.lower() == "x-request-id":
                value = REQUEST_ID_MARK
                marked = True
            result[name] = value
        return result, marked
    return headers, False


def marked(exchange, id_key, dumps):
    """One source exchange serialized once, with markers where the varied values go: (has X-Request-Id, text)."""
    exchange = dict(exchange)
    exchange[id_key] = ID_MARK
    if id_key == "comment":
        exchange["startedDateTime"] = TIME_MARK
    has_request_id = False
    response = exchange.get("response")
    if isinstance(response, dict) and "headers" in response:
        response = dict(response)
        response["headers"], has_request_id = marked_headers(response["headers"])
        exchange["response"] = response
    return has_request_id, dumps(exchange)


def templates(corpus, apis, form):
    """(base id, has X-Request-Id, text) for each source exchange, in order."""
    result = []
    for api in apis:
        path = os.path.join(corpus, "traffic", f"{api}.{form}")
        with open(path, encoding="utf-8") as source:
            if form == "har":
                exchanges = json.load(source)["log"]["entries"]
            else:
                exchanges = [json.loads(line) for line in source if line.strip()]
        for exchange in exchanges:
            if form == "har":
                base_id = exchange.get("comment") or f"{api}-{len(result)}"
                has_request_id, text = marked(
                    exchange, "comment", lambda value: json.dumps(value, separators=(",", ":"), ensure_ascii=False))
            else:
                base_id = exchange.get("id") or f"{api}-{len(result)}"
                has_request_id, text = marked(exchange, "id", lambda value: json.dumps(value, ensure_ascii=False))
            result.append((base_id, has_request_id, text))
    return result


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    limit = parser.add_mutually_exclusive_group(required=True)
    limit.add_argument("--exchanges", type=int, help="write exactly N exchanges")
    limit.add_argument("--size-mb", type=float, help="stop at the first exchange past MB MiB")
    parser.add_argument("--format", choices=("har", "jsonl"))
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    parser.add_argument("--apis", default="cadana,asset,codat,qonto")
    args = parser.parse_args()

    form = args.format or ("jsonl" if args.out.endswith(".jsonl") else "har")
    apis = [api for api in args.apis.split(",") if api]
    sources = templates(args.corpus, apis, form)
    if not sources:
        print("generate_traffic.py: no exchanges in the sources", file=sys.stderr)
        return 2
    escaped = {mark: json.dumps(mark)[1:-1] for mark in (ID_MARK, REQUEST_ID_MARK, TIME_MARK)}
    wanted = args.exchanges if args.exchanges is not None else sys.maxsize
    limit_bytes = int(args.size_mb * (1 << 20)) if args.size_mb is not None else sys.maxsize
    if form == "har":
        header = ('{"log":{"version":"1.2","creator":{"name":"openapi-conform generate_traffic.py","version":"1",'
                  f'"comment":"labelled traffic of {",".join(apis)} repeated with varied ids"}},"pages":[],"entries":[\n')
        footer, separator = "\n]}}\n", ",\n"
    else:
        header, footer, separator = "", "\n", "\n"
    count = 0
    rounds = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(header)
        written = len(header.encode("utf-8"))
        while count < wanted and written < limit_bytes:
            rounds += 1
            for base_id, has_request_id, text in sources:
                text = text.replace(escaped[ID_MARK], f"{base_id}-r{rounds}", 1)
                if form == "har":
                    stamp = (START + timedelta(milliseconds=250 * count)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
                    text = text.replace(escaped[TIME_MARK], stamp, 1)
                if has_request_id:
                    text = text.replace(escaped[REQUEST_ID_MARK], str(uuid.UUID(int=count + 1)), 1)
                chunk = (separator if count else "") + text
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                count += 1
                if count >= wanted or written >= limit_bytes:
                    break
        out.write(footer)
        written += len(footer)
    print(f"generated {args.out}: {count} exchanges ({form}), {written / (1 << 20):.1f} MB "
          f"(rounds {rounds}, apis {','.join(apis)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
