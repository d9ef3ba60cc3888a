#!/usr/bin/env python3
"""Writes a large HAR for the traffic memory check by repeating the labelled traffic's entries.

usage: generate_har.py OUT SIZE_MB [--corpus DIR] [--apis cadana,asset,codat,qonto]

SIZE_MB is in MiB (2^20 bytes); the file ends at the first entry past that size. Entries come from
DIR/traffic/<api>.har (default: ../shared/corpus beside the repository), in order, round after round; each copy
gets its own exchange id (the entry `comment`, `<id>-r<round>`), its own `X-Request-Id` response header when
the entry has one, and its own `startedDateTime`, so no two entries are identical. Everything else (URLs, bodies,
headers) is kept, so each copy keeps the verdict its label gives. The output is written entry by entry: memory is
the source HARs, not the output.

Prints one line: `generated OUT: N entries, X MB (rounds R, apis A)`.
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


def templates(corpus, apis):
    """Each source entry serialized once, with markers where the varied values go."""
    result = []
    for api in apis:
        with open(os.path.join(corpus, "traffic", f"{api}.har"), encoding="utf-8") as source:
            entries = json.load(source)["log"]["entries"]
        for entry in entries:
            entry = dict(entry)
            base_id = entry.get("comment") or f"{api}-{len(result)}"
            entry["comment"] = ID_MARK
            entry["startedDateTime"] = TIME_MARK
            has_request_id = False
            response = entry.get("response")
            if isinstance(response, dict) and isinstance(response.get("headers"), list):
                response = dict(response)
                headers = []
                for header in response["headers"]:
                    if isinstance(header, dict) and str(header.get("name", "")).lower() == "x-request-id":
                        header = dict(header, value=REQUEST_ID_MARK)
                        has_request_id = True
                    headers.append(header)
                response["headers"] = headers
                entry["response"] = response
            text = json.dumps(entry, separators=(",", ":"), ensure_ascii=False)
            # The markers are JSON-escaped in the text; replace the escaped forms.
            result.append((base_id, has_request_id, text))
    return result


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("size_mb", type=float)
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    parser.add_argument("--apis", default="cadana,asset,codat,qonto")
    args = parser.parse_args()

    apis = [api for api in args.apis.split(",") if api]
    sources = templates(args.corpus, apis)
    if not sources:
        print("generate_har.py: no entries in the sources", file=sys.stderr)
        return 2
    escaped = {mark: json.dumps(mark)[1:-1] for mark in (ID_MARK, REQUEST_ID_MARK, TIME_MARK)}
    limit = int(args.size_mb * (1 << 20))
    start = datetime(2025, 3, 1, 9, 0, 0, tzinfo=timezone.utc)
    header = ('{"log":{"version":"1.2","creator":{"name":"openapi-conform generate_har.py","version":"1",'
              f'"comment":"labelled traffic of {",".join(apis)} repeated with varied ids"}},"pages":[],"entries":[\n')
    footer = "\n]}}\n"
    count = 0
    rounds = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(header)
        written = len(header.encode("utf-8"))
        while written < limit:
            rounds += 1
            for base_id, has_request_id, text in sources:
                stamp = (start + timedelta(milliseconds=250 * count)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
                text = text.replace(escaped[ID_MARK], f"{base_id}-r{rounds}", 1)
                text = text.replace(escaped[TIME_MARK], stamp, 1)
                if has_request_id:
                    text = text.replace(escaped[REQUEST_ID_MARK], str(uuid.UUID(int=count + 1)), 1)
                chunk = (",\n" if count else "") + text
                out.write(chunk)
                written += len(chunk.encode("utf-8"))
                count += 1
                if written >= limit:
                    break
        out.write(footer)
        written += len(footer)
    print(f"generated {args.out}: {count} entries, {written / (1 << 20):.1f} MB (rounds {rounds}, apis {','.join(apis)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
