#!/usr/bin/env python3
"""Times jsonschema-rs and fastjsonschema on the same schema and JSONL payloads as `openapi-conform-bench schemas`.

Usage: bench_peers.py --schema FILE --payloads FILE [--runs N]

Payloads are parsed with json.loads up front (not timed). Each tool compiles the schema (median compile time),
then validates every payload (median of N runs after a warm-up); jsonschema-rs also collects every error of the
failing payloads with iter_errors. Both validators assert formats, as openapi-conform does: jsonschema-rs with
validate_formats=True (2020-12 otherwise only annotates), fastjsonschema by default. fastjsonschema implements
drafts 4, 6, 7 and 2019-09; for a 2020-12 `$schema` it uses its newest, the 2019-09 generator, and the keywords
these schemas use mean the same in both. Its errors are exceptions that stop at the first failure, so it has
no error-collection pass.

Prints one line per tool in the Swift benchmark's form, with the valid count and an FNV-1a hash of the verdicts:

    peer jsonschema-rs FILE: N payloads, X MB, compile X ms, isValid X ns/payload X/s X MB/s, validate(invalid) N payloads X ns/payload X failures, valid N/N, verdicts fnv1a:HEX
"""
import argparse
import json
import os
import time

import fastjsonschema
import jsonschema_rs


def median_time(runs, work):
    """Median wall time of `runs` calls after one warm-up call."""
    sink = work()
    times = []
    for _ in range(max(1, runs)):
        start = time.perf_counter_ns()
        sink = work()
        times.append((time.perf_counter_ns() - start) / 1e9)
    times.sort()
    return times[len(times) // 2], sink


def verdict_hash(verdicts):
    value = 0xCBF29CE484222325
    for valid in verdicts:
        value = ((value ^ (0x31 if valid else 0x30)) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def report(tool, name, instances, megabytes, compile_time, fast, verdicts, collecting, invalid, failures):
    n = len(instances)
    valid = sum(verdicts)
    per_invalid = collecting / len(invalid) * 1e9 if invalid and collecting is not None else 0
    collected = f"{len(invalid)} payloads {per_invalid:.0f} ns/payload {failures} failures" if collecting is not None else "n/a"
    print(f"peer {tool} {name}: {n} payloads, {megabytes:.3f} MB, compile {compile_time * 1000:.3f} ms, "
          f"isValid {fast / n * 1e9:.0f} ns/payload {n / fast:.0f}/s {megabytes / fast:.1f} MB/s, "
          f"validate(invalid) {collected}, valid {valid}/{n}, verdicts fnv1a:{verdict_hash(verdicts)}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--payloads", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with open(args.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    instances, size = [], 0
    with open(args.payloads, "rb") as handle:
        for line in handle:
            line = line.rstrip(b"\n")
            if line:
                instances.append(json.loads(line))
                size += len(line)
    megabytes = size / 1e6
    name = os.path.basename(args.schema)

    # jsonschema-rs
    compile_rs, _ = median_time(args.runs, lambda: jsonschema_rs.validator_for(schema, validate_formats=True))
    rs = jsonschema_rs.validator_for(schema, validate_formats=True)
    is_valid = rs.is_valid
    verdicts = [is_valid(instance) for instance in instances]
    invalid = [instance for instance, valid in zip(instances, verdicts) if not valid]
    fast, _ = median_time(args.runs, lambda: sum(map(is_valid, instances)))
    iter_errors = rs.iter_errors
    failures = sum(len(list(iter_errors(instance))) for instance in invalid)
    collecting, _ = median_time(args.runs, lambda: sum(len(list(iter_errors(instance))) for instance in invalid)) if invalid else (None, 0)
    report("jsonschema-rs", name, instances, megabytes, compile_rs, fast, verdicts, collecting, invalid, failures)

    # fastjsonschema
    compile_fast, _ = median_time(args.runs, lambda: fastjsonschema.compile(schema))
    validate = fastjsonschema.compile(schema)
    exception = fastjsonschema.JsonSchemaValueException

    def check(instance):
        try:
            validate(instance)
            return True
        except exception:
            return False

    verdicts = [check(instance) for instance in instances]
    fast, _ = median_time(args.runs, lambda: sum(map(check, instances)))
    report("fastjsonschema", name, instances, megabytes, compile_fast, fast, verdicts, None, [], 0)


if __name__ == "__main__":
    main()
