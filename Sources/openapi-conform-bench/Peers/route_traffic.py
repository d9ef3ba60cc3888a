#!/usr/bin/env python3
"""Routing benchmark traffic: JSONL requests spread over every path template of a description.

usage: route_traffic.py SPEC COUNT OUT [--server URL]

Reads the path templates of SPEC (a YAML description whose `paths:` keys are written at two spaces, as
DigitalOcean's and most block-style descriptions are), and writes COUNT exchanges to OUT: GET requests to the
templates picked at random (seed 1), each `{variable}` filled with 12345, answered 401 with a small JSON error.
Routing is the point: whether a template documents GET or the answer is documented does not matter, every request
is routed all the same. The server is the description's first `servers:` URL unless --server gives one.
"""
import json
import random
import re
import sys


def templates_and_server(path):
    templates, server, section = [], None, None
    with open(path, encoding="utf-8") as spec:
        for line in spec:
            top = re.match(r"^([A-Za-z]\w*):", line)
            if top:
                section = top.group(1)
                continue
            if section == "paths":
                found = re.match(r"^  (/[^:#]*):\s*$", line) or re.match(r"^  ['\"](/.*)['\"]:\s*$", line)
                if found:
                    templates.append(found.group(1))
            elif section == "servers" and server is None:
                found = re.match(r"^\s*-\s*url:\s*['\"]?([^'\"\s]+)", line)
                if found:
                    server = found.group(1)
    return templates, server


def main(argv):
    if len(argv) not in (4, 6) or (len(argv) == 6 and argv[4] != "--server"):
        sys.exit(__doc__.strip().splitlines()[2])
    spec, count, out = argv[1], int(argv[2]), argv[3]
    templates, server = templates_and_server(spec)
    if len(argv) == 6:
        server = argv[5]
    if not templates or not server:
        sys.exit(f"route_traffic: no path templates or no server found in {spec}")
    random.seed(1)
    with open(out, "w", encoding="utf-8") as output:
        for index in range(count):
            path = re.sub(r"\{[^}]+\}", "12345", random.choice(templates))
            exchange = {
                "id": f"route-{index}",
                "request": {"method": "GET", "url": server.rstrip("/") + path,
                            "headers": {"Authorization": "Bearer dop_v1_abc", "Accept": "application/json"}},
                "response": {"status": 401, "headers": {"Content-Type": "application/json"},
                             "body": {"id": "unauthorized", "message": "Unable to authenticate you."}},
            }
            output.write(json.dumps(exchange) + "\n")
    print(f"{count} requests over {len(templates)} path templates of {spec} to {out}")


if __name__ == "__main__":
    main(sys.argv)
