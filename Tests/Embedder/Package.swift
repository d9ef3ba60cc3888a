// swift-tools-version: 6.0
import PackageDescription

/// A package that uses openapi-conform as an embedder would: by path, through the OpenAPIConform product only.
/// Its one test is the README's library example (a link to Tests/LibraryExampleTests/ReadmeExample.swift), so
/// building it proves that example needs nothing beyond the public API. `.ci/run` builds and runs it.
let package = Package(
    name: "openapi-conform-embedder",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "openapi-conform", path: "../..")],
    targets: [
        .testTarget(
            name: "EmbedderTests",
            dependencies: [.product(name: "OpenAPIConform", package: "openapi-conform")])
    ]
)
