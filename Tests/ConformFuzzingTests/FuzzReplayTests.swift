@testable import ConformFuzzing
import ConformTestSupport
import Foundation
import Testing

/// The fuzz targets without libFuzzer: every input a fuzz run kept (Tests/Fuzz/regressions/TARGET) and every
/// committed seed (Tests/Fuzz/seeds/TARGET) must run to the end, so a crash once found stays fixed.
@Suite struct FuzzReplayTests {
    static let fuzzFolder = TestPaths.repositoryRoot + "/Tests/Fuzz"

    /// The files directly in `Tests/Fuzz/<kind>/<target>`, sorted; none when the folder does not exist.
    static func files(_ kind: String, of target: String) -> [String] {
        let folder = "\(fuzzFolder)/\(kind)/\(target)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Inputs every target gets: the edges of every reader (nothing, a NUL, a lone byte of a multi-byte
    /// sequence, a byte-order mark, bare CR, deep nesting, a half-written document).
    static let edgeInputs: [[UInt8]] = [
        [], [0], [0xFF], [0xC3], [0xEF, 0xBB, 0xBF], [0x0D], Array("\r\n\r\n".utf8),
        Array(repeating: UInt8(ascii: "["), count: 10_000), Array(repeating: UInt8(ascii: "{"), count: 10_000),
        Array("- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -".utf8),
        Array("{\"openapi\": \"3.1.0\", \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"$ref\"".utf8),
        Array("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n".utf8),
    ]

    @Test(arguments: FuzzTarget.all.map(\.name))
    func keptInputsRunToTheEnd(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let paths = Self.files("regressions", of: name) + Self.files("seeds", of: name)
        for path in paths {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            do {
                try target.check(bytes)
            } catch {
                Issue.record("\(path): \(error)")
            }
        }
        for input in Self.edgeInputs {
            do {
                try target.check(input)
            } catch {
                Issue.record("\(input.prefix(40)): \(error)")
            }
        }
    }

    /// The payload target checks against the component schemas of every bundled description; none would mean it
    /// fuzzes nothing.
    @Test func payloadTargetReachesTheBundledSchemas() {
        #expect(DescriptionTargets.bundledValidators.count >= 30)
    }

    /// `Tests/Fuzz/run NAME` builds the product `fuzz-NAME` from `Tests/Fuzz/Targets/NAME/main.swift`: every target
    /// has one, naming it, and every driver names a target.
    @Test func everyTargetHasALibFuzzerDriver() throws {
        let folder = Self.fuzzFolder + "/Targets"
        let drivers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        #expect(drivers == FuzzTarget.all.map(\.name).sorted())
        for name in drivers {
            let main = try String(contentsOfFile: "\(folder)/\(name)/main.swift", encoding: .utf8)
            #expect(main.contains("runLibFuzzer(target: \"\(name)\")"), "\(name)/main.swift runs another target")
        }
    }

    /// The run script names each target's dictionaries (`dicts="yaml json"`); each is a file of Tests/Fuzz/dictionaries.
    @Test func everyDictionaryTheRunScriptNamesExists() throws {
        let script = try String(contentsOfFile: Self.fuzzFolder + "/run", encoding: .utf8)
        let named = Set(script.matches(of: /dicts="([a-z ]+)"/).flatMap { $0.1.split(separator: " ").map(String.init) })
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.fuzzFolder + "/dictionaries")
            .filter { $0.hasSuffix(".dict") }.map { String($0.dropLast(5)) })
        #expect(!named.isEmpty)
        #expect(named.isSubset(of: present), "missing dictionaries: \(named.subtracting(present).sorted())")
    }
}
