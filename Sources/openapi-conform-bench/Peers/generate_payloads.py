#!/usr/bin/env python3
"""Generates benchmark payloads for exported schemas: one JSONL file of N payloads per schema.

Usage: generate_payloads.py SCHEMA_DIR OUT_DIR [--count N] [--seed S]

A small schema-driven generator, deterministic for a given seed: objects get their required properties and about
half of the optional ones, arrays 1-20 items (a list response's `results` 10-50, arrays nested in arrays 0-3),
strings honour enum/const/minLength/maxLength and the formats the specs use (date-time, date, uuid, email, uri,
uri-reference, e164, Qonto's http, Asset's prefixed identifiers), numbers stay within their bounds, anyOf/oneOf
pick one branch, allOf is merged and $ref is followed through $defs.

Every tenth payload is made invalid by one deliberate mutation at a random place the schema constrains: a value
of the wrong type, a required property removed, a string below its minLength or outside its enum, a const broken.
Formats are never the mutation, since the validators compared differ in how strictly they check formats.

A file stops early at --max-mb (default 8 MB), so the list responses hold fewer, larger payloads.

Each payload is checked with python-jsonschema (Draft202012Validator with its format checker): a "valid" payload
that fails or an "invalid" one that passes is dropped and replaced. OUT_DIR/<schema>.jsonl holds one compact
payload per line; OUT_DIR/<schema>.meta.json the counts.
"""
import argparse
import json
import os
import random
import string
import sys
import uuid
import zlib

import jsonschema

WORDS = [
    "acme", "superapp", "ledger", "north", "harbour", "payroll", "atlas", "river", "studio", "bakery", "café",
    "zürich", "société", "nordic", "summit", "orbit", "maple", "delta", "quartz", "lumen", "vertex", "cedar",
    "checking", "savings", "account", "invoice", "merchant", "global", "partners", "holdings", "labs", "group",
]
TLDS = ["com", "io", "fr", "de", "co.uk"]


class Generator:
    def __init__(self, document, rng):
        self.document = document
        self.rng = rng
        self.sites = []  # places a mutation can make the payload invalid

    # MARK: schema helpers

    def target(self, ref):
        node = self.document
        for token in ref.lstrip("#/").split("/"):
            if token:
                node = node[token.replace("~1", "/").replace("~0", "~")]
        return node

    def flatten(self, schema, depth=0):
        """The schema with $ref followed and allOf merged in (siblings kept), anyOf/oneOf left for the caller."""
        if schema is True or schema is None:
            return {}
        if depth > 40:
            return {}
        schema = dict(schema)
        if "$ref" in schema:
            target = self.flatten(self.target(schema.pop("$ref")), depth + 1)
            schema = self.merge(target, schema)
        for part in schema.pop("allOf", []):
            schema = self.merge(schema, self.flatten(part, depth + 1))
        return schema

    @staticmethod
    def merge(a, b):
        out = dict(a)
        for key, value in b.items():
            if key == "properties" and key in out:
                out[key] = {**out[key], **value}
            elif key == "required" and key in out:
                out[key] = list(dict.fromkeys(out[key] + value))
            elif key == "type" and key in out:
                left = out[key] if isinstance(out[key], list) else [out[key]]
                right = value if isinstance(value, list) else [value]
                both = [t for t in left if t in right] or left
                out[key] = both if len(both) > 1 else both[0]
            elif key in ("anyOf", "oneOf") and key in out:
                out.setdefault("allOf", []).append({key: value})
            else:
                out[key] = value
        return out

    def allowed_types(self, schema, depth=0):
        """The JSON types a schema accepts, or None when it does not constrain the type."""
        schema = self.flatten(schema)
        found = None
        if "type" in schema:
            found = set(schema["type"] if isinstance(schema["type"], list) else [schema["type"]])
            if "number" in found:
                found.add("integer")
        if "const" in schema or "enum" in schema:
            values = [schema["const"]] if "const" in schema else schema["enum"]
            kinds = {type_name(value) for value in values}
            found = kinds if found is None else found & kinds
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema and depth < 20:
                union = set()
                for branch in schema[keyword]:
                    kinds = self.allowed_types(branch, depth + 1)
                    if kinds is None:
                        union = None
                        break
                    union |= kinds
                if union is not None:
                    found = union if found is None else found & union
        return found

    # MARK: values

    def value(self, schema, parent, key, depth, in_array, name):
        """Generates a value for `schema` into parent[key], recording the places a mutation could break."""
        rng = self.rng
        schema = self.flatten(schema)
        allowed = self.allowed_types(schema)
        if allowed is not None and allowed != ALL_TYPES:
            self.sites.append(("type", parent, key, allowed))
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                branches = schema[keyword]
                non_null = [b for b in branches if self.allowed_types(b) != {"null"}]
                pick = rng.choice(non_null) if non_null and rng.random() < 0.85 else rng.choice(branches)
                rest = {k: v for k, v in schema.items() if k != keyword}
                return self.value(self.merge(rest, self.flatten(pick)), parent, key, depth, in_array, name)
        if "const" in schema:
            parent[key] = schema["const"]
            self.sites.append(("const", parent, key, schema["const"]))
            return
        if "enum" in schema:
            parent[key] = rng.choice(schema["enum"])
            self.sites.append(("enum", parent, key, schema["enum"]))
            return
        kinds = schema.get("type")
        if isinstance(kinds, list):
            non_null = [k for k in kinds if k != "null"]
            kind = rng.choice(non_null) if non_null and ("null" not in kinds or rng.random() < 0.85) else "null"
        elif kinds is None:
            if "properties" in schema or "required" in schema or "additionalProperties" in schema:
                kind = "object"
            elif "items" in schema:
                kind = "array"
            else:
                kind = rng.choice(["string", "integer", "object", "null"])
        else:
            kind = kinds
        if kind == "object":
            parent[key] = self.object(schema, depth, in_array)
        elif kind == "array":
            parent[key] = self.array(schema, depth, in_array, name)
        elif kind == "string":
            parent[key] = self.string(schema, name)
            if schema.get("minLength", 0) > 0:
                self.sites.append(("minLength", parent, key, schema["minLength"]))
        elif kind == "integer":
            low, high = schema.get("minimum", 0), schema.get("maximum", 100_000)
            parent[key] = rng.randint(int(low), int(high))
        elif kind == "number":
            low, high = schema.get("minimum", 0), schema.get("maximum", 100_000)
            parent[key] = round(rng.uniform(low, high), 2)
        elif kind == "boolean":
            parent[key] = rng.random() < 0.5
        else:
            parent[key] = None

    def object(self, schema, depth, in_array):
        rng = self.rng
        result = {}
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        for name, sub in properties.items():
            if name in required or rng.random() < 0.5:
                self.value(sub, result, name, depth + 1, in_array, name)
        for name in required:
            if name not in result:  # required but not described: any value
                self.value({}, result, name, depth + 1, in_array, name)
            self.sites.append(("required", result, name, None))
        if not properties and schema.get("additionalProperties", True) is not False:
            for _ in range(rng.randint(1, 4)):  # a free-form map (metadata, error params)
                result[rng.choice(WORDS).encode("ascii", "ignore").decode() + "_" + str(rng.randint(1, 99))] = rng.choice(
                    [rng.choice(WORDS), rng.randint(0, 1000), True, None])
        return result

    def array(self, schema, depth, in_array, name):
        rng = self.rng
        if name == "results" and depth <= 1:
            count = rng.randint(10, 50)
        elif in_array:
            count = rng.randint(0, 3)
        else:
            count = rng.randint(1, 20)
        count = max(schema.get("minItems", 0), min(count, schema.get("maxItems", count)))
        items = []
        for index in range(count):
            items.append(None)
            self.value(schema.get("items", {}), items, index, depth + 1, True, name)
        return items

    def string(self, schema, name):
        rng = self.rng
        fmt = schema.get("format")
        if fmt == "date-time":
            return "%04d-%02d-%02dT%02d:%02d:%02d%sZ" % (
                rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                rng.randint(0, 59), rng.randint(0, 59), rng.choice(["", ".%03d" % rng.randint(0, 999)]))
        if fmt == "date":
            return "%04d-%02d-%02d" % (rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))
        if fmt == "uuid":
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if fmt == "email":
            return "%s.%s@%s.%s" % (ascii_word(rng), ascii_word(rng), ascii_word(rng), rng.choice(TLDS))
        if fmt in ("uri", "http") or name in ("refreshURL", "returnURL", "url", "partner_callback_url"):
            return "https://%s-%d.example.%s/%s/%s" % (
                ascii_word(rng), rng.randint(1, 999), rng.choice(TLDS), ascii_word(rng),
                str(uuid.UUID(int=rng.getrandbits(128), version=4)))
        if fmt == "uri-reference":
            return "/companies?page=%d&pageSize=%d" % (rng.randint(1, 50), rng.choice([10, 50, 100]))
        if fmt == "e164":
            return "+%d%d" % (rng.choice([33, 44, 49, 1, 34]), rng.randint(600000000, 799999999))
        if fmt and fmt.endswith("_string") and len(fmt) == 10:  # Asset's ldg_string, biz_string, …
            return fmt[:3] + "_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(22))
        low = schema.get("minLength", 0)
        high = schema.get("maxLength", max(low, 1) + 40)
        target = rng.randint(low, min(high, low + 40)) if low > 0 else rng.randint(min(3, high), min(high, 30))
        words = []
        while len(" ".join(words)) < target:
            words.append(rng.choice(WORDS).capitalize() if not words else rng.choice(WORDS))
        text = " ".join(words)[:target]
        if len(text) < low:
            text += "x" * (low - len(text))
        return text[:-1] + "s" if text.endswith(" ") else text

    # MARK: mutations

    def mutate(self, site):
        kind, parent, key, detail = site
        rng = self.rng
        if kind == "required":
            if key not in parent:
                return False
            del parent[key]
        elif kind == "type":
            wrong = [t for t in ("string", "integer", "boolean", "object", "array", "null") if t not in detail]
            if not wrong or not has(parent, key):
                return False
            parent[key] = {"string": "not-the-right-type", "integer": 42, "boolean": True, "object": {"unexpected": 1},
                           "array": [1, 2], "null": None}[rng.choice(wrong)]
        elif kind == "enum":
            if not has(parent, key):
                return False
            parent[key] = "not-one-of-the-allowed-values"
        elif kind == "const":
            if not has(parent, key):
                return False
            parent[key] = "not-the-constant"
        elif kind == "minLength":
            if not has(parent, key) or not isinstance(parent[key], str):
                return False
            parent[key] = parent[key][: max(0, detail - 1 - rng.randint(0, max(0, detail - 1)))]
        return True


ALL_TYPES = {"string", "integer", "number", "boolean", "object", "array", "null"}


def has(parent, key):
    return key in parent if isinstance(parent, dict) else 0 <= key < len(parent)


def ascii_word(rng):
    return rng.choice(WORDS).encode("ascii", "ignore").decode() or "acme"


def type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def generate(document, name, count, seed, max_bytes):
    rng = random.Random(seed ^ zlib.crc32(name.encode()))
    validator = jsonschema.Draft202012Validator(document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    lines, valid, dropped, attempts, size = [], 0, 0, 0, 0
    mutations = {}
    while len(lines) < count and size < max_bytes:
        attempts += 1
        if attempts > count * 20:
            sys.exit(f"{name}: could not generate {count} payloads ({dropped} dropped)")
        want_invalid = len(lines) % 10 == 9
        generator = Generator(document, rng)
        holder = [None]
        generator.value(document, holder, 0, 0, False, "")
        if want_invalid:
            site = rng.choice(generator.sites) if generator.sites else None
            if site is None or not generator.mutate(site):
                dropped += 1
                continue
        payload = holder[0]
        if validator.is_valid(payload) == want_invalid:
            dropped += 1
            continue
        lines.append(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
        size += len(lines[-1].encode())
        valid += 0 if want_invalid else 1
        if want_invalid:
            mutations[site[0]] = mutations.get(site[0], 0) + 1
    return lines, valid, dropped, mutations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("schema_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20_240_516)
    parser.add_argument("--max-mb", type=float, default=8.0,
                        help="stop a schema's file at this size (list responses reach it before --count)")
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    for file in sorted(os.listdir(args.schema_dir)):
        if not file.endswith(".json") or file == "index.json":
            continue
        name = file[:-5]
        with open(os.path.join(args.schema_dir, file), encoding="utf-8") as handle:
            document = json.load(handle)
        lines, valid, dropped, mutations = generate(document, name, args.count, args.seed, int(args.max_mb * 1e6))
        data = "\n".join(lines) + "\n"
        with open(os.path.join(args.out_dir, name + ".jsonl"), "w", encoding="utf-8") as handle:
            handle.write(data)
        size = sum(len(line.encode()) for line in lines)
        with open(os.path.join(args.out_dir, name + ".meta.json"), "w", encoding="utf-8") as handle:
            json.dump({"payloads": len(lines), "valid": valid, "invalid": len(lines) - valid, "bytes": size,
                       "dropped": dropped, "mutations": mutations}, handle)
        print(f"{name}: {len(lines)} payloads ({valid} valid), {size / 1e6:.2f} MB, {dropped} candidates dropped")


if __name__ == "__main__":
    main()
