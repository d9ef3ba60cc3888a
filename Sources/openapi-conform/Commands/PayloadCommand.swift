import Foundation
import OpenAPIConform

/// `openapi-conform payload`: validate JSON (or YAML) payload files against a schema or an operation's body.
struct PayloadCommand: Command {
    static let spec = CommandSpec(
        name: "payload",
        abstract: "Validate payload files against a schema or an operation's request or response body.",
        discussion: """
            Select what to check against with --schema (a schema name such as Company, or a reference such as \
            '#/components/schemas/Company'), or with --operation and --request or --response STATUS. Request \
            bodies may not carry readOnly properties, responses may not carry writeOnly ones.
            Exit status: 0 every payload is valid, 1 a payload is invalid, 2 usage error or unreadable input.
            """,
        options: [
            OptionSpec("--spec", valueName: "spec", required: true, help: "The OpenAPI description (YAML or JSON)."),
            OptionSpec("--schema", valueName: "ref", help: "Schema name, '#/pointer', or 'file#/pointer'."),
            OptionSpec("--operation", valueName: "id", help: "operationId, or 'METHOD /path'."),
            OptionSpec("--request", kind: .flag, help: "Check the operation's request body."),
            OptionSpec("--response", valueName: "status", help: "Check the operation's response for this status."),
            OptionSpec("--content-type", valueName: "type", help: "Media type to pick when the body documents several."),
            OptionSpec("--format", valueName: "format", help: "Output format.", allowedValues: ["text", "json"], defaultValue: "text"),
            ConfigOption.option,
        ],
        positionals: [PositionalSpec(name: "file", help: "Payload files; '-' reads standard input.", repeating: true)])

    let specPath: String
    let selector: PayloadSelector
    let files: [String]
    let format: String
    let configPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        specPath = arguments.value("--spec") ?? ""
        files = arguments.positionals
        format = arguments.value("--format") ?? "text"
        configPath = arguments.value("--config")
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
    }

    func run() async -> ExitStatus {
        let validator: PayloadValidator
        do {
            let contract = try ConformanceRun(name: ConformanceRun.name(of: specPath), specPath: specPath, configPath: configPath, lint: false).contract()
            validator = try PayloadValidator(selector, contract: contract)
        } catch let error as LoadError {
            Console.error(error.description)
            return .usageOrInput
        } catch {
            Console.error("error: \(error)")
            return .usageOrInput
        }

        var results: [PayloadResult] = []
        for file in files {
            let bytes = file == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
            results.append(validator.validate(file: file == "-" ? "<stdin>" : file, bytes: bytes))
        }
        switch format {
        case "json":
            Console.out(PayloadReport.json(results, validator: validator))
        default:
            Console.out(PayloadReport.text(results, validator: validator, colour: Console.stdoutWantsColour))
        }
        if results.contains(where: { $0.loadError != nil }) { return .usageOrInput }
        let descriptionFails = validator.contract.findings.contains { $0.severity >= validator.contract.failOn }
        return results.allSatisfy(\.isValid) && !descriptionFails ? .success : .findings
    }
}
