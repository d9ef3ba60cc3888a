import ConformFindings
import ConformHTTP
import ConformTestSupport
import ConformValues
import Foundation
import Testing

@testable import ConformSpec

/// Remote `$ref`s: never fetched unless allowed (`--allow-remote-refs`); when allowed, fetched with a timeout and the
/// `document-bytes` bound, and a fetched document's own relative references are URLs beside it. The server is a
/// loopback one on a port it chooses, always stopped.
@Suite struct RemoteReferenceTests {
    /// Serves `/schemas/pet.yaml` (which references `common.yaml` beside it), `/schemas/common.yaml`, a large
    /// document at `/large.yaml`, 404 elsewhere; `/stall.yaml` is never answered.
    static func withServer<T>(_ body: (UInt16) throws -> T) throws -> T {
        var configuration = HTTPServerConfiguration()
        configuration.threads = 1
        let server = HTTPServer(configuration: configuration) { request, reply in
            let documents: [String: String] = [
                "/schemas/pet.yaml": "Pet:\n  type: object\n  properties:\n    owner: {$ref: 'common.yaml#/Owner'}\n",
                "/schemas/common.yaml": "Owner:\n  type: string\n",
                "/large.yaml": "Big:\n  description: '" + String(repeating: "x", count: 200_000) + "'\n",
            ]
            if request.target == "/stall.yaml" { return }
            let body = documents[request.target]
            reply.send(HTTPServerResponse(status: body == nil ? 404 : 200, body: Array((body ?? "no such document").utf8)))
        }
        let port = try server.start()
        defer { server.stop() }
        return try body(port)
    }

    /// A description whose schemas reference the server's documents.
    static func description(port: UInt16, targets: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("remote-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let schemas = targets.sorted { $0.key < $1.key }.map { "    \($0.key):\n      $ref: 'http://127.0.0.1:\(port)\($0.value)'" }
        let text = "openapi: 3.1.0\ninfo: {title: Remote, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" + schemas.joined(separator: "\n") + "\n"
        try text.write(toFile: folder + "/openapi.yaml", atomically: true, encoding: .utf8)
        return folder + "/openapi.yaml"
    }

    static func limits(allow: Bool, configure: (inout LoadLimits) -> Void = { _ in }) -> LoadLimits {
        var limits = LoadLimits.default
        limits.allowRemoteReferences = allow
        configure(&limits)
        return limits
    }

    @Test func withoutLeaveNothingIsFetched() throws {
        try Self.withServer { port in
            let path = try Self.description(port: port, targets: ["Pet": "/schemas/pet.yaml#/Pet"])
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let loaded = try SpecLoader.load(path: path, limits: Self.limits(allow: false))
            #expect(loaded.bundle.filePaths.count == 1)
            #expect(loaded.findings.map(\.message) == [
                "'$ref: http://127.0.0.1:\(port)/schemas/pet.yaml#/Pet' cannot be resolved: 'http://127.0.0.1:\(port)/schemas/pet.yaml' is a remote document, and remote references are not fetched without --allow-remote-refs",
            ])
        }
    }

    @Test func withLeaveTheDocumentAndItsRelativeReferencesAreFetched() throws {
        try Self.withServer { port in
            let path = try Self.description(port: port, targets: ["Pet": "/schemas/pet.yaml#/Pet"])
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let loaded = try SpecLoader.load(path: path, limits: Self.limits(allow: true))
            #expect(loaded.findings.map(\.message) == [])
            #expect(Set(loaded.bundle.filePaths.dropFirst()) == [
                "http://127.0.0.1:\(port)/schemas/pet.yaml", "http://127.0.0.1:\(port)/schemas/common.yaml",
            ])
            let pet = SpecPointer(file: loaded.bundle.entryPath, pointer: JSONPointer(tokens: ["components", "schemas", "Pet"]))
            let owner = try loaded.bundle.follow(try loaded.bundle.follow(pet).get().pointer / "properties" / "owner").get()
            #expect(owner.value["type"]?.stringValue == "string")
        }
    }

    /// A missing document, one larger than `document-bytes`, and one that never comes: each `$ref` to it says why.
    @Test func whatCannotBeFetchedIsSaidAtTheReference() throws {
        try Self.withServer { port in
            let path = try Self.description(port: port, targets: ["Gone": "/gone.yaml#/X", "Large": "/large.yaml#/Big", "Stalled": "/stall.yaml#/X"])
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let limits = Self.limits(allow: true) {
                $0.maxDocumentBytes = 100_000
                $0.remoteTimeout = 1
            }
            let messages = try SpecLoader.load(path: path, limits: limits).findings.map(\.message)
            #expect(messages.count == 3)
            #expect(messages.contains { $0.contains("/gone.yaml' could not be fetched: the server answered 404") }, "\(messages)")
            #expect(messages.contains { $0.contains("/large.yaml' is larger than the document-bytes limit (100000 bytes)") }, "\(messages)")
            #expect(messages.contains { $0.contains("/stall.yaml' could not be fetched") }, "\(messages)")
        }
    }
}
