import ConformTestSupport
import Foundation
import Testing

/// README's "Hostile input" table, row by row: each hostile input is written into a fresh folder, the real binary
/// runs on it, and the test checks that it finished (was not killed by the generous timeout), exited as the table
/// says, named the file (and line, where there is one) in a clear message, and stayed within a memory bound.
/// Inputs are generated here rather than committed: several are megabytes.
@Suite struct HostileInputTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        /// Writes the inputs into the folder given.
        var files: @Sendable (String) throws -> Void
        var arguments: [String]
        var status: Int32
        /// Text the output (standard output and error together) must hold.
        var expected: [String]

        var testDescription: String { name }
    }

    static let header = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\n"
    static let noPaths = header + "paths: {}\n"

    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func writeBytes(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func har(_ entries: [[String: Any]]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["log": ["version": "1.2", "entries": entries]]), as: UTF8.self)
    }

    /// A GET /items exchange whose 200 response has `content`.
    static func entry(content: [String: Any]) -> [String: Any] {
        [
            "request": ["method": "GET", "url": "http://x/items", "headers": []],
            "response": ["status": 200, "headers": [["name": "Content-Type", "value": "application/json"]], "content": content],
        ]
    }

    static let itemsAPI = header + """
        paths:
          /items:
            get:
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {type: integer}}

        """

    static let rows: [Row] = [
        Row(name: "alias bomb (billion laughs)", files: { dir in
            var lines = [noPaths + "x-bomb:", "  a: &a [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]"]
            for (previous, name) in zip("abcdefgh", "bcdefghi") {
                lines.append("  \(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            }
            try write(lines.joined(separator: "\n") + "\n", dir + "/bomb.yaml")
        }, arguments: ["lint", "bomb.yaml"], status: 2, expected: ["bomb.yaml:11:", "alias expansion exceeds 1000000 nodes"]),
        Row(name: "1e6-deep nesting, JSON", files: { dir in
            try write(String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000), dir + "/deep.json")
        }, arguments: ["lint", "deep.json"], status: 2, expected: ["deep.json:1:513: error: nesting deeper than 512 levels"]),
        Row(name: "1e6-deep nesting, YAML", files: { dir in
            try write("x: " + String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000) + "\n", dir + "/deep.yaml")
        }, arguments: ["lint", "deep.yaml"], status: 2, expected: ["deep.yaml:1:515: error: nesting deeper than 512 levels"]),
        Row(name: "1e6-deep nesting, with a lower --limit depth", files: { dir in
            try write(noPaths + "x-a: [[[[1]]]]\n", dir + "/nested.yaml")
        }, arguments: ["lint", "--limit", "depth=3", "nested.yaml"], status: 2, expected: ["nested.yaml:4:8: error: nesting deeper than 3 levels"]),
        Row(name: "catastrophic pattern", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    P: {type: string, pattern: \"^(a+)+$\"}\n", dir + "/regex.yaml")
            try write("\"" + String(repeating: "a", count: 40) + "!\"", dir + "/evil.json")
        }, arguments: ["payload", "--spec", "regex.yaml", "--schema", "P", "evil.json"], status: 1,
            expected: ["evil.json:1:1: error[payload-invalid]", "does not match the pattern ^(a+)+$"]),
        Row(name: "pattern only ICU can match, against 100 strings", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    P: {type: array, items: {type: string, pattern: \"^(a+)+\\\\1$\"}}\n", dir + "/icu.yaml")
            let items = (0..<100).map { "\"" + String(repeating: "a", count: 26 + $0) + "!\"" }
            try write("[" + items.joined(separator: ", ") + "]", dir + "/many.json")
        }, arguments: ["payload", "--spec", "icu.yaml", "--schema", "P", "many.json"], status: 0,
            expected: ["many.json:1:1: note[not-validated] the payload: the pattern ^(a+)+\\1$ was not checked on 100 of 100 values", "had run out); they are neither passed nor failed"]),
        Row(name: "pattern longer than pattern-length", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    P: {type: string, pattern: \"" + String(repeating: "a", count: 20_000) + "\"}\n", dir + "/long.yaml")
        }, arguments: ["lint", "long.yaml"], status: 1,
            expected: ["long.yaml:6:23: error[spec-pattern-invalid] pattern 'aaaa", "is 20000 characters, more than the pattern-length limit of 10000"]),
        Row(name: "$ref loop", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"#/components/schemas/B\"}\n    B: {$ref: \"#/components/schemas/A\"}\n", dir + "/loop.yaml")
        }, arguments: ["lint", "loop.yaml"], status: 1, expected: ["loop.yaml:6:9: error[spec-ref-cycle]"]),
        Row(name: "$ref chain of 5,000 hops", files: { dir in
            let schemas = (0..<5_000).map { "    S\($0): {$ref: \"#/components/schemas/S\($0 + 1)\"}\n" }.joined()
            try write(noPaths + "components:\n  schemas:\n" + schemas + "    S5000: {type: string}\n", dir + "/chain.yaml")
        }, arguments: ["lint", "chain.yaml"], status: 1,
            expected: ["chain.yaml:6:10: error[spec-ref-unresolved]", "longer than the ref-hops limit of 1000"]),
        Row(name: "huge numbers (1e400, 400 digits) are kept exact", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    N: {type: number, maximum: 1e400, minimum: -" + String(repeating: "9", count: 400) + "}\n", dir + "/huge.yaml")
            try write("1e401", dir + "/big.json")
        }, arguments: ["payload", "--spec", "huge.yaml", "--schema", "N", "big.json"], status: 1,
            expected: ["big.json:1:1: error[payload-invalid] the payload: 1e401 is greater than the maximum 1e400"]),
        Row(name: "invalid UTF-8", files: { dir in
            try writeBytes(Array((noPaths + "x-a: \"").utf8) + [0xFF, 0xFE] + Array("\"\n".utf8), dir + "/bad.yaml")
        }, arguments: ["lint", "bad.yaml"], status: 2, expected: ["bad.yaml:4:7: error: invalid UTF-8"]),
        Row(name: "overlong UTF-8 encoding", files: { dir in
            try writeBytes(Array(#"{"openapi": "3.0.3", "info": {"title": ""#.utf8) + [0xC0, 0xAF] + Array(#"", "version": "1"}, "paths": {}}"#.utf8), dir + "/overlong.json")
        }, arguments: ["lint", "overlong.json"], status: 2, expected: ["overlong.json:1:41: error: invalid UTF-8 sequence 0xC0 0xAF (overlong encoding)"]),
        Row(name: "NUL byte", files: { dir in
            try writeBytes(Array((noPaths + "x-a: \"a").utf8) + [0] + Array("b\"\n".utf8), dir + "/nul.yaml")
        }, arguments: ["lint", "nul.yaml"], status: 2, expected: ["nul.yaml:4:8: error: control character U+0000 is not allowed in YAML"]),
        Row(name: "UTF-8 byte order mark is read", files: { dir in
            try writeBytes([0xEF, 0xBB, 0xBF] + Array(noPaths.utf8), dir + "/bom.yaml")
        }, arguments: ["lint", "bom.yaml"], status: 0, expected: ["bom.yaml: OpenAPI 3.0.3"]),
        Row(name: "UTF-16 YAML with a byte order mark is read", files: { dir in
            try writeBytes([0xFF, 0xFE] + noPaths.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, dir + "/bom16.yaml")
        }, arguments: ["lint", "bom16.yaml"], status: 0, expected: ["bom16.yaml: OpenAPI 3.0.3"]),
        Row(name: "UTF-16 JSON is refused", files: { dir in
            try writeBytes([0xFF, 0xFE] + #"{"openapi": "3.0.3"}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, dir + "/bom16.json")
        }, arguments: ["lint", "bom16.json"], status: 2, expected: ["bom16.json:1:1: error: the document is UTF-16"]),
        Row(name: "CRLF line breaks keep line numbers", files: { dir in
            try write((noPaths + "components:\n  schemas:\n    A: {$ref: \"#/nope\"}\n").replacingOccurrences(of: "\n", with: "\r\n"), dir + "/crlf.yaml")
        }, arguments: ["lint", "crlf.yaml"], status: 1, expected: ["crlf.yaml:6:9: error[spec-ref-unresolved]"]),
        Row(name: "lone CR line breaks keep line numbers", files: { dir in
            try write((noPaths + "components:\n  schemas:\n    A: {$ref: \"#/nope\"}\n").replacingOccurrences(of: "\n", with: "\r"), dir + "/cr.yaml")
        }, arguments: ["lint", "cr.yaml"], status: 1, expected: ["cr.yaml:6:9: error[spec-ref-unresolved]"]),
        Row(name: "truncated YAML", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    A: {type: \"str", dir + "/cut.yaml")
        }, arguments: ["lint", "cut.yaml"], status: 2, expected: ["cut.yaml:6:19: error: found unexpected end of stream"]),
        Row(name: "truncated JSON", files: { dir in
            try write(#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"#, dir + "/cut.json")
        }, arguments: ["lint", "cut.json"], status: 2, expected: ["cut.json:1:72: error: expected a string key or '}', found end of input"]),
        Row(name: "truncated HAR", files: { dir in
            try write(itemsAPI, dir + "/api.yaml")
            let whole = try har([entry(content: ["mimeType": "application/json", "text": "[1]"]), entry(content: ["mimeType": "application/json", "text": "[2]"])])
            try write(String(whole.prefix(whole.utf8.count - 40)), dir + "/cut.har")
        }, arguments: ["validate", "--spec", "api.yaml", "cut.har"], status: 2,
            expected: ["cut.har:1:", "entry 1 could not be read: the file ends inside this HAR entry (the recording is truncated)"]),
        Row(name: "HAR entry claiming a 10 GB body", files: { dir in
            try write(itemsAPI, dir + "/api.yaml")
            try write(try har([entry(content: ["mimeType": "application/json", "size": 10_000_000_000])]), dir + "/claims.har")
        }, arguments: ["validate", "--spec", "api.yaml", "claims.har"], status: 0,
            expected: ["note[not-validated] the recording did not keep the response body"]),
        Row(name: "HAR entry with a body over body-bytes", files: { dir in
            try write(itemsAPI, dir + "/api.yaml")
            let big = entry(content: ["mimeType": "application/json", "encoding": "base64", "text": String(repeating: "A", count: 3 << 20)])
            try write(try har([big, entry(content: ["mimeType": "application/json", "text": "[1]"])]), dir + "/big.har")
        }, arguments: ["validate", "--spec", "api.yaml", "--limit", "body-bytes=1MiB", "big.har"], status: 2,
            expected: ["big.har:1:", "entry 0 could not be read: HAR entry is more than the body-bytes limit of 1048576 bytes", "1 exchange: 1 passed"]),
        Row(name: "findings per exchange are capped and counted", files: { dir in
            try write(itemsAPI, dir + "/api.yaml")
            let text = "[" + Array(repeating: "\"x\"", count: 3_000).joined(separator: ",") + "]"
            try write(try har([entry(content: ["mimeType": "application/json", "text": text])]), dir + "/bad.har")
        }, arguments: ["validate", "--spec", "api.yaml", "--limit", "findings-per-exchange=5", "bad.har"], status: 1,
            expected: ["2995 more findings of this exchange are not listed: only the first 5 are"]),
        Row(name: "recursive schema on deep data stops at schema-depth", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    Node: {type: object, properties: {next: {$ref: \"#/components/schemas/Node\"}}}\n", dir + "/rec.yaml")
            try write(String(repeating: "{\"next\": ", count: 400) + "{}" + String(repeating: "}", count: 400), dir + "/deep.json")
        }, arguments: ["payload", "--spec", "rec.yaml", "--schema", "Node", "--limit", "schema-depth=100", "deep.json"], status: 1,
            expected: ["deep.json:1:", "schema evaluation nests deeper than the schema-depth limit of 100 levels"]),
        Row(name: "a string over string-bytes", files: { dir in
            try write(noPaths + "x-a: \"" + String(repeating: "s", count: 5_000) + "\"\n", dir + "/long.yaml")
        }, arguments: ["lint", "--limit", "string-bytes=1000", "long.yaml"], status: 2,
            expected: ["long.yaml:4:6: error: a scalar of 5000 bytes, more than the string-bytes limit of 1000"]),
        Row(name: "a description over document-bytes", files: { dir in
            try write(noPaths + "x-a: \"" + String(repeating: "s", count: 5_000) + "\"\n", dir + "/big.yaml")
        }, arguments: ["lint", "--limit", "document-bytes=1KiB", "big.yaml"], status: 2,
            expected: ["big.yaml:1:1: error: file is", "more than the limit of 1024"]),
        Row(name: "more files than the files limit", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"a.yaml\"}\n    B: {$ref: \"b.yaml\"}\n", dir + "/api.yaml")
            try write("type: string\n", dir + "/a.yaml")
            try write("type: string\n", dir + "/b.yaml")
        }, arguments: ["lint", "--limit", "files=2", "api.yaml"], status: 1,
            expected: ["api.yaml:7:9: error[spec-ref-unresolved]", "was not read: the description reaches more than 2 files"]),
        Row(name: "path traversal in a relative $ref", files: { dir in
            try FileManager.default.createDirectory(atPath: dir + "/api", withIntermediateDirectories: true)
            try write("x: {type: string}\n", dir + "/secret.yaml")
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"../secret.yaml#/x\"}\n", dir + "/api/openapi.yaml")
        }, arguments: ["lint", "api/openapi.yaml"], status: 1,
            expected: ["api/openapi.yaml:6:9: error[spec-ref-unresolved]", "is outside the description's folder", "--allow-external-refs"]),
        Row(name: "path traversal allowed by --allow-external-refs", files: { dir in
            try FileManager.default.createDirectory(atPath: dir + "/api", withIntermediateDirectories: true)
            try write("x: {type: string}\n", dir + "/shared.yaml")
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"../shared.yaml#/x\"}\n", dir + "/api/openapi.yaml")
        }, arguments: ["lint", "--allow-external-refs", "api/openapi.yaml"], status: 0, expected: ["0 errors"]),
        Row(name: "symbolic link out of the folder", files: { dir in
            try FileManager.default.createDirectory(atPath: dir + "/api", withIntermediateDirectories: true)
            try write("x: {type: string}\n", dir + "/secret.yaml")
            try FileManager.default.createSymbolicLink(atPath: dir + "/api/link.yaml", withDestinationPath: "../secret.yaml")
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"link.yaml#/x\"}\n", dir + "/api/openapi.yaml")
        }, arguments: ["lint", "api/openapi.yaml"], status: 1,
            expected: ["api/openapi.yaml:6:9: error[spec-ref-unresolved]", "is outside the description's folder", "secret.yaml' once '..' and symbolic links are resolved"]),
        Row(name: "symbolic link to a folder out of the folder", files: { dir in
            try FileManager.default.createDirectory(atPath: dir + "/api", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: true)
            try write("x: {type: string}\n", dir + "/outside/secret.yaml")
            try FileManager.default.createSymbolicLink(atPath: dir + "/api/shared", withDestinationPath: "../outside")
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"shared/secret.yaml#/x\"}\n", dir + "/api/openapi.yaml")
        }, arguments: ["lint", "api/openapi.yaml"], status: 1,
            expected: ["api/openapi.yaml:6:9: error[spec-ref-unresolved]", "is outside the description's folder", "outside/secret.yaml' once '..' and symbolic links are resolved"]),
        Row(name: "a $ref to /dev/zero", files: { dir in
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"/dev/zero#/x\"}\n", dir + "/zero.yaml")
        }, arguments: ["lint", "--allow-external-refs", "zero.yaml"], status: 1,
            expected: ["zero.yaml:6:9: error[spec-ref-unresolved]", "'/dev/zero' is not a regular file (it is a character device) and is not read"]),
        Row(name: "a $ref to a FIFO", files: { dir in
            #expect(mkfifo(dir + "/pipe.yaml", 0o600) == 0)
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"pipe.yaml#/x\"}\n", dir + "/fifo.yaml")
        }, arguments: ["lint", "fifo.yaml"], status: 1, expected: ["fifo.yaml:6:9: error[spec-ref-unresolved]", "is not a regular file (it is a FIFO)"]),
        Row(name: "a $ref to a folder", files: { dir in
            try FileManager.default.createDirectory(atPath: dir + "/folder.yaml", withIntermediateDirectories: true)
            try write(noPaths + "components:\n  schemas:\n    A: {$ref: \"folder.yaml#/x\"}\n", dir + "/dir.yaml")
        }, arguments: ["lint", "dir.yaml"], status: 1, expected: ["dir.yaml:6:9: error[spec-ref-unresolved]", "is not a regular file (it is a folder)"]),
        Row(name: "limits set in the config", files: { dir in
            try write("limits:\n  depth: 3\n", dir + "/openapi-conform.yaml")
            try write(noPaths + "x-a: [[[[1]]]]\n", dir + "/nested.yaml")
        }, arguments: ["lint", "nested.yaml"], status: 2, expected: ["nested.yaml:4:8: error: nesting deeper than 3 levels"]),
        Row(name: "a misspelt limit in the config", files: { dir in
            try write("limits:\n  dept: 3\n", dir + "/openapi-conform.yaml")
            try write(noPaths, dir + "/api.yaml")
        }, arguments: ["lint", "api.yaml"], status: 2, expected: ["openapi-conform.yaml:2:3: error: unknown limit 'dept'; did you mean 'depth'?"]),
        Row(name: "a misspelt --limit", files: { dir in
            try write(noPaths, dir + "/api.yaml")
        }, arguments: ["lint", "--limit", "ref-hop=5", "api.yaml"], status: 2, expected: ["unknown limit 'ref-hop'; did you mean 'ref-hops'?"]),
        Row(name: "/dev/zero as the description", files: { _ in }, arguments: ["lint", "/dev/zero"], status: 2,
            expected: ["/dev/zero:1:1: error: cannot read file: it is a device, not a description file"]),
    ]

    /// Resident memory no run may exceed: the tool's own working set is tens of megabytes.
    static let memoryBound = 500 << 20

    @Test(arguments: rows)
    func hostileInputIsRefusedOrReadWithinBounds(_ row: Row) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try row.files(dir)
        let run = try Self.run(row.arguments, in: dir)
        #expect(!run.killed, "\(row.name): still running after \(Self.killAfter) s")
        #expect(run.status == row.status, "\(row.name): exit \(run.status)\n\(run.output.prefix(2_000))")
        for text in row.expected {
            #expect(run.output.contains(text), "\(row.name): no '\(text)' in\n\(run.output.prefix(2_000))")
        }
        // The largest resident set of any child this test process has waited for, this one included: a bound on
        // all of them is a bound on this one.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(Int(usage.ru_maxrss) * 1024 < Self.memoryBound, "\(row.name): a child reached \(usage.ru_maxrss) KB")
    }

    /// Long enough for a loaded machine never to kill a run that would finish; a hang is still caught.
    static let killAfter = 120.0

    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String, killed: Bool) {
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + killAfter, execute: killer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        let killed = process.terminationReason == .uncaughtSignal
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), killed)
    }
}
