import Foundation
import OpenAPIConform

/// `openapi-conform payload`: validate JSON (or YAML) payload files against a schema or an operation's body.
struct PayloadCommand: Command {
    /// What `payload` can write: it checks files, not traffic, so it has no coverage to report and none of the
    /// report formats built around exchanges.
    static let formats = ["text", "json", "github"]

    static let spec = CommandSpec(
        name: "payload",
        abstract: "Validate payload files against a schema or an operation's request or response body.",
        discussion: """
            Select what to check against with --schema (a schema name such as Company, or a reference such as \
            '#/components/schemas/Company'), or with --operation and --request or --response STATUS. Request \
            bodies may not carry readOnly properties, responses may not carry writeOnly ones. '-' reads a payload, \
            or with --spec - the description, from standard input (one of the two).
            Exit status: 0 every payload is valid, 1 a payload is invalid or the description has findings at the \
            failing severity, 2 usage error, unreadable input or an output file that cannot be written.
            """,
        options: [
            OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description (YAML or JSON); '-' reads standard input."),
            OptionSpec("--schema", valueName: "ref", help: "Schema name, '#/pointer', or 'file#/pointer'."),
            OptionSpec("--operation", valueName: "id", help: "operationId, or 'METHOD /path'."),
            OptionSpec("--request", kind: .flag, help: "Check the operation's request body."),
            OptionSpec("--response", valueName: "status", help: "Check the operation's response for this status."),
            OptionSpec("--content-type", valueName: "type", help: "Media type to pick when the body documents several."),
            OptionSpec(
                "--format", valueName: "format", help: "Output format; github writes GitHub Actions annotations.",
                allowedValues: formats, defaultValue: "text"),
            OptionSpec("--output", short: "o", valueName: "file", help: "Write the output to this file instead of standard output."),
        ] + CheckOptions.options + [
            QuietOption.option,
        ],
        positionals: [PositionalSpec(name: "file", help: "Payload files; '-' reads standard input.", repeating: true)])

    let check: CheckOptions
    let selector: PayloadSelector
    let files: [String]
    let format: String
    let outputPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        check = try CheckOptions(arguments)
        files = arguments.positionals
        format = arguments.value("--format") ?? "text"
        outputPath = arguments.value("--output")
        let contentType = arguments.value("--content-type")
        switch (arguments.value("--schema"), arguments.value("--operation"), arguments.flag("--request"), arguments.value("--response")) {
        case (let schema?, nil, false, nil):
            selector = .schema(schema)
        case (nil, let operation?, true, nil):
            selector = .request(operation: operation, contentType: contentType)
        case (nil, let operation?, false, let status?):
            selector = .response(operation: operation, status: status, contentType: contentType)
        case (nil, _?, false, nil):
            throw .invalidCombination("--operation needs --request or --response <status>.")
        case (nil, nil, _, _):
            throw .invalidCombination("Give --schema <ref>, or --operation <id> with --request or --response <status>.")
        default:
            throw .invalidCombination("--schema cannot be combined with --operation, and --request not with --response.")
        }
        try SpecInput.checkOneReader(spec: check.specPath, inputs: files, noun: "payload")
    }

    func run() async -> ExitStatus {
        let validator: PayloadValidator
        do {
            var pipeline = SpecInput.run(check.specPath, configPath: check.configPath, lint: false)
            check.configure(&pipeline)
            validator = try PayloadValidator(selector, contract: pipeline.contract())
        } catch let error as LoadError {
            Console.error(FindingText.render(error))
            return .usageOrInput
        } catch {
            Console.error("error: \(error)")
            return .usageOrInput
        }
        ConfigNotice.show(validator.contract.config, quiet: check.quiet, humanOutput: format == "text" || outputPath != nil)

        var results: [PayloadResult] = []
        for file in files {
            let bytes = file == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
            results.append(validator.validate(file: file == "-" ? "<stdin>" : file, bytes: bytes))
        }
        let written = OutputFile.emit(to: outputPath) { output in
            switch format {
            case "json":
                output.write(PayloadReport.json(results, validator: validator) + "\n")
            case "github":
                output.write(PayloadReport.github(results, validator: validator, quiet: check.quiet, paths: .currentDirectory) + "\n")
            default:
                let colour = outputPath == nil && Console.stdoutWantsColour
                output.write(PayloadReport.text(results, validator: validator, colour: colour, quiet: check.quiet) + "\n")
            }
        }
        if !written || results.contains(where: { $0.loadError != nil }) { return .usageOrInput }
        let descriptionFails = validator.contract.findings.contains { $0.severity >= validator.contract.failOn }
        return results.allSatisfy(\.isValid) && !descriptionFails ? .success : .findings
    }
}
