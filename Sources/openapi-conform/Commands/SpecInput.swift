import Foundation
import OpenAPIConform

/// The description a command names: a file, or `-` for standard input. Read from standard input it has no folder,
/// so its relative `$ref`s resolve against the working directory, and the config is looked for from there.
enum SpecInput {
    /// The name findings in a description from standard input are shown under.
    static let standardInputName = "<stdin>"

    /// The pipeline for `path`, with the description read from standard input when `path` is `-`.
    static func run(_ path: String, configPath: String?, lint: Bool) -> ConformanceRun {
        guard path == "-" else {
            return ConformanceRun(name: ConformanceRun.name(of: path), specPath: path, configPath: configPath, lint: lint)
        }
        var run = ConformanceRun(name: "stdin", specPath: standardInputName, configPath: configPath, lint: lint)
        run.specBytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        return run
    }

    /// Standard input can be read once: the description and the traffic (or payloads) cannot both be `-`.
    static func checkOneReader(spec: String, inputs: [String], noun: String) throws(UsageError) {
        if spec == "-" && inputs.contains("-") {
            throw .invalidCombination("Standard input can be read once: give the description or the \(noun) as '-', not both.")
        }
    }
}
