import ConformFindings
import Testing
@testable import openapi_conform

/// One command line and the whole message it must produce.
struct UsageCase: Sendable, CustomTestStringConvertible {
    var id: String
    var spec: CommandSpec = .validate
    var argv: [String]
    var expected: String

    var testDescription: String { id }
}

extension CommandSpec {
    /// Shaped like the real `validate`: a required option, every option kind, a repeating positional.
    static let validate = CommandSpec(
        name: "validate",
        abstract: "Check recorded HTTP traffic against an OpenAPI description.",
        discussion: """
            Each exchange in the traffic files is matched to an operation of the description, and its request and response are validated against the schemas declared there.

            Examples:
              openapi-conform validate --spec api.yaml traffic.har
              cat traffic.jsonl | openapi-conform validate --spec api.yaml -
            """,
        options: [
            OptionSpec("--spec", required: true, help: "The OpenAPI description, in YAML or JSON."),
            OptionSpec(
                "--format", short: "f", help: "How findings are written.",
                allowedValues: ["text", "json"], defaultValue: "text"
            ),
            OptionSpec("--output", short: "o", valueName: "file", help: "Where the report is written; - is standard output.", defaultValue: "-"),
            OptionSpec(
                "--redact", valueName: "json-pointer", kind: .repeated,
                help: "A JSON pointer into request or response bodies whose value is replaced by a placeholder in every report."
            ),
            OptionSpec("--quiet", short: "q", kind: .flag, help: "Print nothing when there are no findings."),
        ],
        positionals: [PositionalSpec(name: "traffic", help: "HAR or JSONL files, or - for standard input.", repeating: true)]
    )

    /// Shaped like the real `lint`: exactly one positional, and an option label too long for the help column.
    static let lint = CommandSpec(
        name: "lint",
        abstract: "Check an OpenAPI description on its own.",
        options: [
            OptionSpec("--ignore-rule", valueName: "rule-id-or-category", kind: .repeated, help: "A rule to leave out."),
        ],
        positionals: [PositionalSpec(name: "spec", help: "The OpenAPI description.")]
    )
}

private let validateUsage = """
    Usage: openapi-conform validate --spec <spec> [--format <format>] [--output <file>] \
    [--redact <json-pointer> ...] [--quiet] <traffic> ...
    See 'openapi-conform validate --help'.
    """

private let lintUsage = """
    Usage: openapi-conform lint [--ignore-rule <rule-id-or-category> ...] <spec>
    See 'openapi-conform lint --help'.
    """

private let usageCases: [UsageCase] = [
    UsageCase(
        id: "unknown long option suggests the closest name",
        argv: ["--spec", "api.yaml", "--fromat", "json", "t.har"],
        expected: "Error: Unknown option '--fromat'. Did you mean '--format'?\n" + validateUsage
    ),
    UsageCase(
        id: "unknown option with an attached value is named without it",
        argv: ["--fromat=json"],
        expected: "Error: Unknown option '--fromat'. Did you mean '--format'?\n" + validateUsage
    ),
    UsageCase(
        id: "misspelled help suggests --help",
        argv: ["--hlep"],
        expected: "Error: Unknown option '--hlep'. Did you mean '--help'?\n" + validateUsage
    ),
    UsageCase(
        id: "unknown long option far from every name gets no suggestion",
        argv: ["--verbose"],
        expected: "Error: Unknown option '--verbose'.\n" + validateUsage
    ),
    UsageCase(
        id: "unknown short option never gets a suggestion",
        argv: ["-x"],
        expected: "Error: Unknown option '-x'.\n" + validateUsage
    ),
    UsageCase(
        id: "short options do not cluster",
        argv: ["-qf"],
        expected: "Error: Unknown option '-qf'.\n" + validateUsage
    ),
    UsageCase(
        id: "option needing a value is last",
        argv: ["t.har", "--spec"],
        expected: "Error: Missing value for '--spec <spec>'.\n" + validateUsage
    ),
    UsageCase(
        id: "option needing a value is followed by another option",
        argv: ["--spec", "--format", "json", "t.har"],
        expected: "Error: Missing value for '--spec <spec>'.\n" + validateUsage
    ),
    UsageCase(
        id: "terminator is not a value",
        argv: ["--spec", "--", "t.har"],
        expected: "Error: Missing value for '--spec <spec>'.\n" + validateUsage
    ),
    UsageCase(
        id: "empty attached value is a missing value",
        argv: ["--spec=", "t.har"],
        expected: "Error: Missing value for '--spec <spec>'.\n" + validateUsage
    ),
    UsageCase(
        id: "short option missing its value is named by its long name",
        argv: ["--spec", "api.yaml", "t.har", "-o"],
        expected: "Error: Missing value for '--output <file>'.\n" + validateUsage
    ),
    UsageCase(
        id: "required option is absent",
        argv: ["t.har"],
        expected: "Error: Missing expected argument '--spec <spec>'.\n" + validateUsage
    ),
    UsageCase(
        id: "required repeating positional is absent",
        argv: ["--spec", "api.yaml"],
        expected: "Error: Missing expected argument '<traffic> ...'.\n" + validateUsage
    ),
    UsageCase(
        id: "required single positional is absent",
        spec: .lint,
        argv: [],
        expected: "Error: Missing expected argument '<spec>'.\n" + lintUsage
    ),
    UsageCase(
        id: "one argument too many",
        spec: .lint,
        argv: ["api.yaml", "foo"],
        expected: "Error: Unexpected argument 'foo'.\n" + lintUsage
    ),
    UsageCase(
        id: "two arguments too many",
        spec: .lint,
        argv: ["api.yaml", "a", "b"],
        expected: "Error: 2 unexpected arguments: 'a', 'b'.\n" + lintUsage
    ),
    UsageCase(
        id: "value outside the allowed list",
        argv: ["--spec", "api.yaml", "--format", "xml", "t.har"],
        expected: "Error: The value 'xml' is invalid for '--format <format>'. Choose one of: text, json.\n"
            + validateUsage
    ),
    UsageCase(
        id: "attached value outside the allowed list, through the short name",
        argv: ["-f", "XML"],
        expected: "Error: The value 'XML' is invalid for '--format <format>'. Choose one of: text, json.\n"
            + validateUsage
    ),
    UsageCase(
        id: "single option given twice",
        argv: ["--spec", "a.yaml", "--spec=b.yaml", "t.har"],
        expected: "Error: '--spec' was given more than once.\n" + validateUsage
    ),
    UsageCase(
        id: "single option given twice under both names",
        argv: ["-f", "json", "--format", "text"],
        expected: "Error: '--format' was given more than once.\n" + validateUsage
    ),
    UsageCase(
        id: "flag with an attached value",
        argv: ["--spec", "api.yaml", "--quiet=yes", "t.har"],
        expected: "Error: The flag '--quiet' does not take a value.\n" + validateUsage
    ),
]

@Suite struct ArgumentsTests {
    @Test(arguments: usageCases)
    func usageErrorMessage(_ usageCase: UsageCase) {
        let error = #expect(throws: UsageError.self) { try ParsedArguments.parse(usageCase.argv, for: usageCase.spec) }
        #expect(error.map { UsageMessage($0, for: usageCase.spec).description } == usageCase.expected)
    }

    @Test func messageMatchesTheDesignExample() throws {
        let spec = CommandSpec(
            name: "validate",
            abstract: "Check traffic.",
            options: [
                OptionSpec("--spec", required: true, help: "The description."),
                OptionSpec("--format", help: "Output format.", allowedValues: ["text", "json"]),
            ],
            positionals: [PositionalSpec(name: "traffic", help: "Traffic files.", repeating: true)]
        )
        let error = #expect(throws: UsageError.self) {
            try ParsedArguments.parse(["--spec", "api.yaml", "--fromat", "json", "t.har"], for: spec)
        }
        #expect(error == .unknownOption("--fromat", suggestion: "--format"))
        #expect(UsageMessage(try #require(error), for: spec).description == """
            Error: Unknown option '--fromat'. Did you mean '--format'?
            Usage: openapi-conform validate --spec <spec> [--format <format>] <traffic> ...
            See 'openapi-conform validate --help'.
            """)
    }

    @Test func unknownCommandListsTheCommands() {
        let commands = ["lint", "validate", "payload", "probe", "run"]
        let error = UsageError.unknownCommand("lnit", suggestion: EditDistance.suggestion(for: "lnit", among: commands))
        #expect(UsageMessage(error, commands: commands).description == """
            Error: Unknown command 'lnit'. Did you mean 'lint'?
            Usage: openapi-conform {lint|validate|payload|probe|run} [<arguments>]
            See 'openapi-conform --help'.
            """)
        #expect(EditDistance.suggestion(for: "deploy", among: commands) == nil)
    }

    @Test func tokensKeepTheirIndices() {
        #expect(CommandLineTokens(["--spec=a.yaml", "-q", "t.har", "-", "--", "--format", "-"]).tokens == [
            .option(name: "--spec", attachedValue: "a.yaml", index: 0),
            .option(name: "-q", attachedValue: nil, index: 1),
            .value("t.har", index: 2),
            .value("-", index: 3),
            .terminator(index: 4),
            .value("--format", index: 5),
            .value("-", index: 6),
        ])
        #expect(CommandLineTokens(["--a=b=c", "--x="]).tokens == [
            .option(name: "--a", attachedValue: "b=c", index: 0),
            .option(name: "--x", attachedValue: "", index: 1),
        ])
    }

    @Test func editDistance() {
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("fromat", "format") == 2)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.suggestion(for: "--outptu", among: ["--output", "--quiet"]) == "--output")
    }

    @Test func defaultsWhenOptionsAreAbsent() throws {
        let parsed = try ParsedArguments.parse(["--spec", "api.yaml", "t.har"], for: .validate)
        #expect(parsed.value("--spec") == "api.yaml")
        #expect(parsed.value("--format") == "text")
        #expect(parsed.value("--output") == "-")
        #expect(parsed.values("--redact") == [])
        #expect(!parsed.flag("--quiet"))
        #expect(!parsed.helpRequested)
        #expect(parsed.positionals == ["t.har"])
    }

    @Test func attachedValues() throws {
        let parsed = try ParsedArguments.parse(["--spec=api.yaml", "--format=json", "--output=a=b.txt", "t.har"], for: .validate)
        #expect(parsed.value("--spec") == "api.yaml")
        #expect(parsed.value("--format") == "json")
        #expect(parsed.value("--output") == "a=b.txt")
    }

    @Test func shortOptionsAndFlags() throws {
        let parsed = try ParsedArguments.parse(["-q", "-f", "json", "-o", "out.txt", "--spec", "api.yaml", "t.har"], for: .validate)
        #expect(parsed.flag("--quiet"))
        #expect(parsed.value("--format") == "json")
        #expect(parsed.value("--output") == "out.txt")
    }

    @Test func dashAloneIsStandardInput() throws {
        let parsed = try ParsedArguments.parse(["--output", "-", "--spec", "api.yaml", "-", "b.har"], for: .validate)
        #expect(parsed.value("--output") == "-")
        #expect(parsed.positionals == ["-", "b.har"])
    }

    @Test func everythingAfterTheTerminatorIsPositional() throws {
        let parsed = try ParsedArguments.parse(["--spec", "api.yaml", "a.har", "--", "--format", "-q", "--help"], for: .validate)
        #expect(parsed.positionals == ["a.har", "--format", "-q", "--help"])
        #expect(parsed.value("--format") == "text")
        #expect(!parsed.flag("--quiet"))
        #expect(!parsed.helpRequested)
    }

    @Test func repeatedOptionKeepsOrder() throws {
        let parsed = try ParsedArguments.parse(
            ["--redact", "/a", "--spec", "api.yaml", "--redact=/b", "t.har", "--redact", "-"], for: .validate
        )
        #expect(parsed.values("--redact") == ["/a", "/b", "-"])
        #expect(parsed.positionals == ["t.har"])
    }

    @Test(arguments: [["--help"], ["-h"], ["--spec", "-h"], ["--fromat", "xml", "--help"], ["a", "b", "--help"]])
    func helpWinsOverEveryOtherProblem(argv: [String]) throws {
        let parsed = try ParsedArguments.parse(argv, for: .validate)
        #expect(parsed.helpRequested)
        #expect(parsed.flag("--help"))
    }

    @Test func helpText() {
        #expect(CommandSpec.validate.helpText() == """
            OVERVIEW: Check recorded HTTP traffic against an OpenAPI description.

            Each exchange in the traffic files is matched to an operation of the
            description, and its request and response are validated against the schemas
            declared there.

            Examples:
              openapi-conform validate --spec api.yaml traffic.har
              cat traffic.jsonl | openapi-conform validate --spec api.yaml -

            USAGE: openapi-conform validate --spec <spec> [--format <format>]
                                            [--output <file>] [--redact <json-pointer> ...]
                                            [--quiet] <traffic> ...

            ARGUMENTS:
              <traffic> ...            HAR or JSONL files, or - for standard input.

            OPTIONS:
              --spec <spec>            The OpenAPI description, in YAML or JSON.
              -f, --format <format>    How findings are written. (values: text, json;
                                       default: text)
              -o, --output <file>      Where the report is written; - is standard output.
                                       (default: -)
              --redact <json-pointer>  A JSON pointer into request or response bodies whose
                                       value is replaced by a placeholder in every report.
              -q, --quiet              Print nothing when there are no findings.
              -h, --help               Show help information.

            """)
        #expect(CommandSpec.lint.helpText() == """
            OVERVIEW: Check an OpenAPI description on its own.

            USAGE: openapi-conform lint [--ignore-rule <rule-id-or-category> ...] <spec>

            ARGUMENTS:
              <spec>                      The OpenAPI description.

            OPTIONS:
              --ignore-rule <rule-id-or-category>
                                          A rule to leave out.
              -h, --help                  Show help information.

            """)
    }
}
