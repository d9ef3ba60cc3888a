"""Schemathesis hooks: the string formats openapi-conform checks and schemathesis does not know, patterns read as
ECMA-262 (as JSON Schema specifies) rather than as Python regexes, and one leniency.

Without them schemathesis generates any string for `format: e164` or a format a description's config defines, and
then counts the mock's (correct) refusal of such a string as "schema-valid request rejected". Loaded by
schemathesis-mock.sh through SCHEMATHESIS_HOOKS.
"""
import glob
import os
import re

import schemathesis
import yaml
from hypothesis import strategies as st


def _ecma_to_python(pattern):
    """A JSON Schema pattern (ECMA-262) as Python's `re` reads the same language: `.` matches no line terminator,
    `\\d` and `\\w` are ASCII, `$` is the end of the input. Schemathesis generates from Python's reading, so without
    this it sends strings such as a name holding a carriage return for `^.{1,27}$`, which the pattern refuses."""
    out = []
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escape = pattern[index + 1]
            ascii_class = {"d": "0-9", "w": "A-Za-z0-9_"}.get(escape)
            if ascii_class and in_class:
                out.append(ascii_class)
            elif ascii_class:
                out.append("[" + ascii_class + "]")
            elif escape in "DW" and not in_class:
                out.append("[^" + {"D": "0-9", "W": "A-Za-z0-9_"}[escape] + "]")
            else:
                out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            # A ']' right after '[' or '[^' is a literal in Python but closes an empty class in ECMA-262; rare enough.
        elif char == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        elif char == "$":
            out.append("\\Z")
        else:
            out.append(char)
        index += 1
    return "".join(out)


# E.164 as openapi-conform checks it: '+', then 2 to 15 digits, the first not 0.
schemathesis.openapi.format("e164", st.from_regex(r"\A\+[1-9][0-9]{1,14}\Z"))

# Formats defined by pattern in the bundled descriptions' configs (specs/<api>/openapi-conform.yaml).
config_formats = {}
root = os.path.join(os.path.dirname(__file__), "..", "..", "specs")
for path in sorted(glob.glob(os.path.join(root, "*", "openapi-conform.yaml"))):
    with open(path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle) or {}
    for name, pattern in (config.get("formats") or {}).items():
        if isinstance(pattern, str):
            config_formats[name] = _ecma_to_python(pattern)

# Schemathesis generates from a schema's `pattern` and ignores its `format` when it has both. For a config format,
# the pattern is moved here instead: the format's strategy generates, and the values are kept only if they also
# match every pattern that stood beside that format.
beside = {name: [] for name in config_formats}


def _strategy(name, pattern):
    return st.from_regex(pattern, fullmatch=True).filter(lambda text: all(p.search(text) for p in beside[name]))


for _name, _pattern in config_formats.items():
    schemathesis.openapi.format(_name, _strategy(_name, _pattern))


def _string_mappings(node):
    """A discriminator mapping written as {$ref: ...} objects instead of strings (Asset's description): schemathesis
    stops with a TypeError on it; openapi-conform reads it as the reference it names (and lint warns). Read it the
    same way here, so that schemathesis can test the description at all."""
    if isinstance(node, dict):
        mapping = node.get("mapping") if isinstance(node.get("propertyName"), str) else None
        if isinstance(mapping, dict):
            for key, value in list(mapping.items()):
                if isinstance(value, dict) and isinstance(value.get("$ref"), str):
                    mapping[key] = value["$ref"]
        for value in node.values():
            _string_mappings(value)
    elif isinstance(node, list):
        for value in node:
            _string_mappings(value)


def _translate_patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            node["pattern"] = _ecma_to_python(node["pattern"])
        if isinstance(node.get("patternProperties"), dict):
            node["patternProperties"] = {_ecma_to_python(k): v for k, v in node["patternProperties"].items()}
        for value in node.values():
            _translate_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _translate_patterns(value)


def _move_patterns(node):
    if isinstance(node, dict):
        name = node.get("format")
        # A `properties` object may have a member named `format` whose value is a schema, not a format name.
        if isinstance(name, str) and name in config_formats and isinstance(node.get("pattern"), str):
            beside[name].append(re.compile(_ecma_to_python(node.pop("pattern"))))
        for value in node.values():
            _move_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _move_patterns(value)


@schemathesis.hook
def before_load_schema(context, raw_schema):
    _string_mappings(raw_schema)
    _move_patterns(raw_schema)
    _translate_patterns(raw_schema)
