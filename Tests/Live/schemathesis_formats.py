"""Schemathesis hooks: the string formats openapi-conform checks and schemathesis does not know, and one leniency.

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
            config_formats[name] = pattern

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


def _move_patterns(node):
    if isinstance(node, dict):
        name = node.get("format")
        if name in config_formats and isinstance(node.get("pattern"), str):
            beside[name].append(re.compile(node.pop("pattern")))
        for value in node.values():
            _move_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _move_patterns(value)


@schemathesis.hook
def before_load_schema(context, raw_schema):
    _string_mappings(raw_schema)
    _move_patterns(raw_schema)
