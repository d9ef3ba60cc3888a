import Foundation
import OpenAPIConform

/// `--baseline FILE` and `--update-baseline`, shared by `lint` and `validate`: known findings (by fingerprint) that
/// do not fail the run, and writing today's findings as the new baseline.
struct BaselineOptions: Sendable {
    static let options = [
        OptionSpec("--baseline", valueName: "file", help: "Known findings (by fingerprint) that do not fail the run; the file must exist unless --update-baseline writes it."),
        OptionSpec("--update-baseline", kind: .flag, help: "Write the current findings to the --baseline file and exit 0."),
    ]

    let path: String?
    let update: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        path = arguments.value("--baseline")
        update = arguments.flag("--update-baseline")
        if update && path == nil {
            throw .invalidCombination("--update-baseline needs --baseline <file> to write to.")
        }
    }

    /// The baseline to apply: nil without `--baseline` or when it is about to be rewritten. A file that does not
    /// exist is an error (a typo must not silently turn the baseline off), as is one that cannot be read.
    func load() -> Result<Baseline?, BaselineError> {
        guard let path, !update else { return .success(nil) }
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(BaselineError(message: "error: the baseline file '\(path)' does not exist; write it with --update-baseline"))
        }
        do {
            return .success(try Baseline.load(path: path))
        } catch {
            return .failure(BaselineError(message: FindingText.render(error)))
        }
    }

    /// Writes `findings` as the baseline and says so; the status the command exits with.
    func write(_ findings: [Finding], locator: any SpecLocating, paths: PathDisplay) -> ExitStatus {
        guard let path else { return .success }
        do {
            try BaselineFile.write(findings, locator: locator, to: path, paths: paths)
            Console.out("wrote \(Set(findings.filter { $0.severity >= .warning }.map(\.fingerprint)).count) fingerprints to \(path)")
            return .success
        } catch {
            Console.error("error: cannot write \(path): \(error.localizedDescription)")
            return .usageOrInput
        }
    }
}

/// Why the baseline cannot be used, worded for standard error.
struct BaselineError: Error {
    let message: String
}
