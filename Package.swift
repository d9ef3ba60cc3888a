// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// openapi-conform: bytes → located values → OpenAPI model → compiled validators → findings → reports.
/// Each arrow is a target, so the compiler keeps the data flow one-way. No package dependencies:
/// Foundation, the toolchain's test libraries and the system libyaml only.
let package = Package(
    name: "openapi-conform",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "OpenAPIConform", targets: ["OpenAPIConform"]),
        .executable(name: "openapi-conform", targets: ["openapi-conform"]),
        .executable(name: "openapi-conform-bench", targets: ["openapi-conform-bench"]),
    ],
    targets: [
        // MARK: C boundary

        /** libyaml from the system (pkg-config yaml-0.1); only ConformValues imports it. */
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        /** epoll(7) from the C library (Swift's Glibc module leaves it out); only ConformHTTP imports it. */
        .systemLibrary(name: "CEpoll"),

        // MARK: Core pipeline

        /** Bytes → located values: JSON and YAML readers, JSON pointers, source maps, load errors. */
        .target(name: "ConformValues", dependencies: ["CYAML"]),
        /** The vocabulary every later stage shares: rule ids, severities, findings. */
        .target(name: "ConformFindings", dependencies: ["ConformValues"]),
        /** Located values → resolved $refs → the OpenAPI model, plus spec-* findings. */
        .target(name: "ConformSpec", dependencies: ["ConformValues", "ConformFindings"]),
        /** Schema JSON → compiled validators: OAS 3.0 and JSON Schema 2020-12 dialects, formats, ECMA-262 patterns.
            Knows JSON Schema, not OpenAPI: the value generator of the live commands sits beside the evaluator. */
        .target(name: "ConformSchema", dependencies: ["ConformValues", "ConformFindings"]),
        /** Recorded traffic → exchanges: HAR, JSONL, VCR cassettes and Pact files, read in constant memory. */
        .target(name: "ConformTraffic", dependencies: ["ConformValues", "ConformFindings"]),
        /** Model + schemas + exchanges → findings: the contract (a loaded description with its config), lint rules,
            the checks of one exchange or payload, coverage, and the report that grows one exchange at a time. */
        .target(
            name: "ConformChecks",
            dependencies: ["ConformValues", "ConformFindings", "ConformSpec", "ConformSchema", "ConformTraffic"]),
        /** Findings and coverage → text, JSON, JUnit, SARIF, Markdown and HTML. Schema/ holds the JSON Schema of the
            JSON report and of a finding (documentation; tests validate every command's JSON against it). */
        .target(
            name: "ConformReports",
            dependencies: ["ConformValues", "ConformFindings", "ConformSpec", "ConformChecks"],
            exclude: ["Schema"]),
        /** The public library: one import for embedders and the CLI. The run pipeline (description, traffic files or
            live exchanges, report), the per-exchange API, and adapters from Foundation's URL types. */
        .target(
            name: "OpenAPIConform",
            dependencies: ["ConformValues", "ConformFindings", "ConformSpec", "ConformTraffic", "ConformChecks", "ConformReports"]),

        // MARK: Live

        /** HTTP/1.1 over POSIX sockets: the server (request parsing, limits, keep-alive, connections on all cores) and
            the proxy's upstream client (responses passed on as sent, pooled keep-alive connections, one deadline).
            Knows HTTP, not OpenAPI; the mock and the proxy serve through it. No Foundation networking. */
        .target(name: "ConformHTTP", dependencies: ["CEpoll"]),
        /** Live traffic: the validating mock, the probe of a running API and the checking proxy. Every live exchange
            goes through the per-exchange checks recorded traffic goes through. The only importer of
            FoundationNetworking (the probe's URLSession client). */
        .target(
            name: "ConformLive",
            dependencies: ["ConformValues", "ConformFindings", "ConformSpec", "ConformSchema", "ConformTraffic", "ConformChecks", "ConformHTTP"]),

        // MARK: Fuzzing

        /** The fuzz targets' entry functions: every reader and parser, each called with one input and bounded in its
            work. Built and replayed (Tests/Fuzz/regressions) in normal builds; libFuzzer drives them only in the
            fuzz build below (`Tests/Fuzz/run TARGET SECONDS`). */
        .target(
            name: "ConformFuzzing",
            dependencies: ["ConformValues", "ConformSpec", "ConformSchema", "ConformTraffic", "ConformChecks", "ConformHTTP"]),

        // MARK: Executables

        /** The command-line tool, with its own small argument parser. */
        .executableTarget(name: "openapi-conform", dependencies: ["OpenAPIConform", "ConformLive"]),
        /** Release benchmark: `swift run -c release openapi-conform-bench load FILE`. */
        .executableTarget(
            name: "openapi-conform-bench",
            dependencies: ["OpenAPIConform", "ConformValues", "ConformSpec", "ConformSchema", "CYAML"],
            exclude: ["Peers"]
        ),

        // MARK: Tests

        /** Paths to the repository, fixtures and ../shared/corpus, for every test target. */
        .target(name: "ConformTestSupport", path: "Tests/ConformTestSupport"),
        /** Contracts and reports built from fixture files, for the test targets above the checks. */
        .target(
            name: "ConformCheckSupport", dependencies: ["OpenAPIConform", "ConformSchema", "ConformValues", "ConformTestSupport"],
            path: "Tests/ConformCheckSupport",
            exclude: ["Fixtures"]),
        .testTarget(name: "ConformValuesTests", dependencies: ["ConformValues", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConformFindingsTests", dependencies: ["ConformFindings", "ConformValues", "ConformTestSupport"]),
        .testTarget(name: "ConformSpecTests", dependencies: ["ConformSpec", "ConformFindings", "ConformValues", "ConformHTTP", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConformSchemaTests", dependencies: ["ConformSchema", "ConformFindings", "ConformValues", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConformTrafficTests", dependencies: ["ConformTraffic", "ConformFindings", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ConformChecksTests", dependencies: ["ConformChecks", "OpenAPIConform", "ConformCheckSupport", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ConformReportsTests", dependencies: ["ConformReports", "OpenAPIConform", "ConformCheckSupport", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConformHTTPTests", dependencies: ["ConformHTTP", "ConformTestSupport"]),
        .testTarget(
            name: "ConformLiveTests", dependencies: ["ConformLive", "ConformHTTP", "ConformSchema", "OpenAPIConform", "ConformCheckSupport", "ConformTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "OpenAPIConformTests", dependencies: ["OpenAPIConform", "ConformCheckSupport", "ConformTestSupport"]),
        /** The README's library example, compiled and run as it stands there (OpenAPIConformTests holds README to
            this file). Tests/Embedder builds the same file in a package of its own, which sees the public API only. */
        .testTarget(name: "LibraryExampleTests", dependencies: ["OpenAPIConform"]),
        /** Every kept crash and every seed of Tests/Fuzz, through the fuzz targets' entry functions, without libFuzzer. */
        .testTarget(name: "ConformFuzzingTests", dependencies: ["ConformFuzzing", "ConformTestSupport"]),
        .testTarget(
            name: "CLITests", dependencies: ["openapi-conform", "ConformFindings", "ConformValues", "ConformCheckSupport", "ConformTestSupport"], exclude: ["Fixtures"]),
    ]
)

// The libFuzzer executables, one per folder of Tests/Fuzz/Targets (`fuzz-json`, …), exist only when
// OPENAPI_CONFORM_FUZZ is set: they need `-sanitize=fuzzer`, so the normal build and `swift test` never see them.
// Tests/Fuzz/run builds them: OPENAPI_CONFORM_FUZZ=1 swift build -c release --scratch-path .build/fuzz
// -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld --product fuzz-TARGET.
if Context.environment["OPENAPI_CONFORM_FUZZ"] != nil {
    let folder = Context.packageDirectory + "/Tests/Fuzz/Targets"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    package.targets.append(.target(name: "ConformFuzzDriver", dependencies: ["ConformFuzzing"], path: "Tests/Fuzz/Driver"))
    for name in names {
        package.targets.append(
            .executableTarget(name: "fuzz-\(name)", dependencies: ["ConformFuzzDriver"], path: "Tests/Fuzz/Targets/\(name)"))
    }
}
