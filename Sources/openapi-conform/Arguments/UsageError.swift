/// What was wrong with a command line. The cases say what happened; `UsageMessage` owns the wording.
/// Options are named by their declared long name, except in `unknownOption`, which keeps what was typed.
enum UsageError: Error, Equatable {
    /// An option the command does not declare; `suggestion` is a close long name, if there is one.
    case unknownOption(String, suggestion: String?)
    /// An option that takes a value was last, or followed by another option or `--`.
    case missingValue(option: String, valueName: String)
    /// A required option (`--spec`) or positional (`traffic`), by its declared name.
    case missingRequired(String)
    /// Positional arguments beyond what the command takes.
    case unexpectedArgument([String])
    /// A value outside the option's `allowedValues`.
    case invalidValue(option: String, value: String, allowed: [String])
    /// A value of the wrong shape; the sentence says what shape is wanted.
    case malformedValue(option: String, value: String, problem: String)
    /// A `.single` option given more than once.
    case duplicateOption(String)
    /// `--flag=value` for an option that takes no value.
    case flagWithValue(String)
    /// A first argument that names no command; `suggestion` is a close command name, if any.
    case unknownCommand(String, suggestion: String?)
    /// Options that parse one by one but do not make sense together; the sentence says which.
    case invalidCombination(String)
}

/// The text shown for a `UsageError`: what went wrong, the usage line, and where to read more.
///
///     Error: Unknown option '--fromat'. Did you mean '--format'?
///     Usage: openapi-conform validate --spec <spec> [--format <format>] <traffic> ...
///     See 'openapi-conform validate --help'.
struct UsageMessage: CustomStringConvertible, Sendable {
    let error: UsageError
    private let spec: CommandSpec?
    private let usage: String
    private let helpCommand: String

    /// For an error in one command's arguments.
    init(_ error: UsageError, for spec: CommandSpec, program: String = "openapi-conform") {
        self.error = error
        self.spec = spec
        usage = spec.usageLine(program: program)
        helpCommand = "\(program) \(spec.name)"
    }

    /// For an error before a command was chosen; the usage line lists `commands`.
    init(_ error: UsageError, commands: [String], program: String = "openapi-conform") {
        self.error = error
        spec = nil
        usage = "\(program) {\(commands.joined(separator: "|"))} [<arguments>]"
        helpCommand = program
    }

    var description: String {
        "Error: \(problem)\nUsage: \(usage)\nSee '\(helpCommand) --help'."
    }

    private var problem: String {
        switch error {
        case .unknownOption(let name, let suggestion):
            "Unknown option '\(name)'." + didYouMean(suggestion)
        case .missingValue(let option, let valueName):
            "Missing value for '\(option) <\(valueName)>'."
        case .missingRequired(let name):
            "Missing expected argument '\(synopsis(of: name))'."
        case .unexpectedArgument(let arguments) where arguments.count == 1:
            "Unexpected argument '\(arguments[0])'."
        case .unexpectedArgument(let arguments):
            "\(arguments.count) unexpected arguments: \(arguments.map { "'\($0)'" }.joined(separator: ", "))."
        case .invalidValue(let option, let value, let allowed):
            "The value '\(value)' is invalid for '\(synopsis(of: option))'. Choose one of: \(allowed.joined(separator: ", "))."
        case .malformedValue(let option, let value, let problem):
            "The value '\(value)' is invalid for '\(synopsis(of: option))': \(problem)."
        case .duplicateOption(let name):
            "'\(name)' was given more than once."
        case .flagWithValue(let name):
            "The flag '\(name)' does not take a value."
        case .unknownCommand(let name, let suggestion):
            "Unknown command '\(name)'." + didYouMean(suggestion)
        case .invalidCombination(let sentence):
            sentence
        }
    }

    private func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " Did you mean '\($0)'?" } ?? ""
    }

    /// `--spec <spec>` for an option, `<traffic> ...` for a positional, as the usage line writes them.
    private func synopsis(of name: String) -> String {
        spec?.option(named: name)?.synopsis ?? spec?.positionals.first { $0.name == name }?.synopsis ?? name
    }
}
