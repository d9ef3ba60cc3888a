// swift-tools-version: 6.0
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

        // MARK: Core pipeline

        /** Bytes → located values: JSON and YAML readers, JSON pointers, source maps, load errors. */
        .target(name: "ConformValues", dependencies: ["CYAML"]),
        /** The vocabulary every later stage shares: rule ids, severities, findings. */
        .target(name: "ConformFindings", dependencies: ["ConformValues"]),
        /** Located values → resolved $refs → the OpenAPI model, plus spec-* findings. */
        .target(name: "ConformSpec", dependencies: ["ConformValues", "ConformFindings"]),
        /** Schema JSON → compiled validators: OAS 3.0 and JSON Schema 2020-12 dialects, formats, ECMA-262 patterns. */
        .target(name: "ConformSchema", dependencies: ["ConformValues", "ConformFindings", "ConformSpec"]),
        /** Recorded traffic → exchanges: HAR, JSONL, VCR cassettes and Pact files, read in constant memory. */
        .target(name: "ConformTraffic", dependencies: ["ConformValues", "ConformFindings"]),
        /** The public library: lint, traffic checks, coverage, reports, and the façade the CLI drives.
            Reports/Schema holds the JSON Schema of the JSON report (documentation; tests validate against it). */
        .target(
            name: "OpenAPIConform",
            dependencies: ["ConformValues", "ConformFindings", "ConformSpec", "ConformSchema", "ConformTraffic"],
            exclude: ["Reports/Schema"]),

        // MARK: Executables

        /** The command-line tool, with its own small argument parser. */
        .executableTarget(name: "openapi-conform", dependencies: ["OpenAPIConform"]),
        /** Release benchmark: `swift run -c release openapi-conform-bench load FILE`. */
        .executableTarget(
            name: "openapi-conform-bench",
            dependencies: ["OpenAPIConform", "ConformValues", "ConformSpec", "ConformSchema", "CYAML"],
            exclude: ["Peers"]
        ),

        // MARK: Tests

        /** Paths to the repository, fixtures and ../shared/corpus, for every test target. */
        .target(name: "ConformTestSupport", path: "Tests/ConformTestSupport"),
        .testTarget(name: "ConformValuesTests", dependencies: ["ConformValues", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConformSpecTests", dependencies: ["ConformSpec", "OpenAPIConform", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ConformSchemaTests", dependencies: ["ConformSchema", "ConformSpec", "OpenAPIConform", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ConformTrafficTests", dependencies: ["ConformTraffic", "ConformFindings", "ConformTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "OpenAPIConformTests", dependencies: ["OpenAPIConform", "ConformTraffic", "ConformTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["openapi-conform", "ConformFindings", "ConformTestSupport"], exclude: ["Fixtures"]),
    ]
)
