#!/usr/bin/env python3
"""Pattern compilation benchmark: a description whose schemas carry long URL and e-mail patterns.

usage: long_patterns.py OUT [COUNT]

Writes an OpenAPI 3.0 description with COUNT (default 300) string schemas, each with one of three patterns
descriptions write for URLs and e-mail addresses (bounded repeats, many character classes), made distinct by a
suffix. `openapi-conform lint OUT` then spends its time compiling them.
"""
import sys

PATTERNS = [
    r"^https?://(www\.)?[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b([-a-zA-Z0-9()@:%_\+.~#?&//=]*)$",
    r"^(https?|ftp)://[^\s/$.?#].[^\s]*$",
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$",
]


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2])
    count = int(argv[2]) if len(argv) == 3 else 300
    lines = ["openapi: 3.0.3", "info: {title: Long patterns, version: '1'}", "paths: {}", "components:", "  schemas:"]
    for index in range(count):
        pattern = (PATTERNS[index % len(PATTERNS)] + str(index)).replace("\\", "\\\\").replace('"', '\\"')
        lines += [f"    S{index}:", "      type: string", f'      pattern: "{pattern}"']
    with open(argv[1], "w", encoding="utf-8") as output:
        output.write("\n".join(lines) + "\n")
    print(f"{count} patterned schemas to {argv[1]}")


if __name__ == "__main__":
    main(sys.argv)
