#!/usr/bin/env python3
"""Exports the JSON request/response body schemas of the bundled specs as standalone JSON Schema 2020-12 files.

Usage: export_schemas.py OUT_DIR [SPECS_DIR]

For every operation of specs/<api>/openapi.yaml, each application/json request body and response schema is
written to OUT_DIR/<api>-<operationId>-<request|status>.json: `$schema` 2020-12, the body schema at the root and
every `components/schemas` entry under `$defs`, with `#/components/schemas/X` references rewritten to
`#/$defs/X`. OpenAPI-only keywords are removed so that no validator reads them: `discriminator` (Asset's
`mapping` values are objects, which some tools reject), `example`, `xml`, `externalDocs`, `readOnly`,
`writeOnly` and `x-*` extensions. OpenAPI 3.0's `nullable: true` becomes a type array with "null", and a 3.0
`$ref`'s siblings (which 3.0 ignores) are dropped.

Body schemas that are identical within one API (Codat's ErrorMessage answers a dozen statuses) are exported
once, under the name of the first operation that uses them; the others are listed in OUT_DIR/index.json.
"""
import json
import os
import sys

import yaml

DROPPED = {"discriminator", "example", "xml", "externalDocs", "readOnly", "writeOnly", "nullable"}
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Keywords whose value is a map of names to schemas, so a name there is not a keyword.
SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}


def convert(node, openapi30, in_map=False):
    """A copy of an OpenAPI schema as plain JSON Schema 2020-12."""
    if isinstance(node, list):
        return [convert(item, openapi30) for item in node]
    if not isinstance(node, dict):
        return node
    if in_map:  # name -> schema
        return {name: convert(value, openapi30) for name, value in node.items()}
    if openapi30 and "$ref" in node:
        node = {"$ref": node["$ref"]}
    out = {}
    for key, value in node.items():
        if key in DROPPED or key.startswith("x-"):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
            out[key] = "#/$defs/" + value[len("#/components/schemas/"):]
        elif key in SCHEMA_MAPS:
            out[key] = convert(value, openapi30, in_map=True)
        elif key in ("enum", "const", "default", "examples", "required"):
            out[key] = value
        else:
            out[key] = convert(value, openapi30)
    if openapi30:
        if node.get("nullable") is True and "type" in out:
            types = out["type"] if isinstance(out["type"], list) else [out["type"]]
            if "null" not in types:
                out["type"] = types + ["null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
        # 3.0 writes exclusive bounds as booleans beside minimum/maximum.
        for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            if isinstance(out.get(exclusive), bool):
                if out[exclusive] and bound in out:
                    out[exclusive] = out.pop(bound)
                else:
                    del out[exclusive]
    return out


def resolve(spec, node):
    """Follows local `$ref`s of non-schema objects (responses, request bodies)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        target = spec
        for token in node["$ref"].lstrip("#/").split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
        seen += 1
    return node


def json_schema(content):
    if not isinstance(content, dict):
        return None
    for media, entry in content.items():
        if media.split(";")[0].strip() == "application/json" and isinstance(entry, dict) and "schema" in entry:
            return entry["schema"]
    return None


def bodies(spec):
    """(operation, place, schema) for every JSON body schema, in document order."""
    for path, item in (spec.get("paths") or {}).items():
        item = resolve(spec, item)
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            name = operation.get("operationId") or ""
            if not name or len(name) > 32:  # Asset's generated ids run to 70 characters: name it by method and path
                segments = [part for part in path.strip("/").split("/") if part and not part.startswith("{")]
                name = "-".join([method] + segments[-2:])
            body = resolve(spec, operation.get("requestBody"))
            schema = json_schema(body.get("content")) if isinstance(body, dict) else None
            if schema is not None:
                yield name, "request", schema
            for status, response in (operation.get("responses") or {}).items():
                response = resolve(spec, response)
                schema = json_schema(response.get("content")) if isinstance(response, dict) else None
                if schema is not None:
                    yield name, str(status), schema


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: export_schemas.py OUT_DIR [SPECS_DIR]")
    out_dir = sys.argv[1]
    specs_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "specs")
    os.makedirs(out_dir, exist_ok=True)
    index = []
    for api in sorted(os.listdir(specs_dir)):
        path = os.path.join(specs_dir, api, "openapi.yaml")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            spec = yaml.safe_load(handle)
        openapi30 = str(spec.get("openapi", "")).startswith("3.0")
        defs = convert((spec.get("components") or {}).get("schemas") or {}, openapi30, in_map=True)
        written = {}
        for operation, place, schema in bodies(spec):
            body = convert(schema, openapi30)
            key = json.dumps(body, sort_keys=True)
            name = f"{api}-{operation}-{place}"
            if key in written:
                index.append({"name": name, "api": api, "same_as": written[key]})
                continue
            written[key] = name
            document = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
            document.update(body)
            document["$defs"] = defs
            with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as handle:
                json.dump(document, handle, indent=1, ensure_ascii=False)
                handle.write("\n")
            index.append({"name": name, "api": api, "file": name + ".json"})
    with open(os.path.join(out_dir, "index.json"), "w", encoding="utf-8") as handle:
        json.dump(index, handle, indent=1)
    exported = [entry for entry in index if "file" in entry]
    print(f"exported {len(exported)} schemas ({len(index) - len(exported)} identical bodies folded) to {out_dir}")


if __name__ == "__main__":
    main()
