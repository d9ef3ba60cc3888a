import ConformFindings
/// What one command line said, read through a `CommandSpec`.
///
/// Accessors take an option's long name as declared (`flag("--quiet")`). Asking for a name the
/// spec does not declare, or with the accessor for another kind, is a programmer error and stops
/// the program, so a typo in a command surfaces in its first test rather than as a silent default.
struct ParsedArguments: Sendable {
    /// The positional arguments in order, including any after `--`.
    private(set) var positionals: [String] = []
    private let spec: CommandSpec
    private var flags: Set<String> = []
    private var optionValues: [String: [String]] = [:]

    private init(spec: CommandSpec) {
        self.spec = spec
    }

    /// `--help` or `-h` was given. Nothing else is checked then, so help works on a broken command line.
    var helpRequested: Bool { flags.contains(CommandSpec.helpOption.name) }

    /// Reads `arguments` (without the program and command name) against `spec`.
    static func parse(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        let tokens = CommandLineTokens(arguments).tokens
        var parsed = ParsedArguments(spec: spec)
        if tokens.contains(where: { isHelp($0, in: spec) }) {
            parsed.flags.insert(CommandSpec.helpOption.name)
            return parsed
        }
        var remaining = tokens[...]
        while let token = remaining.popFirst() {
            switch token {
            case .terminator:
                continue
            case .value(let value, _):
                parsed.positionals.append(value)
            case .option(let name, let attachedValue, _):
                guard let option = spec.option(named: name) else {
                    let longNames = spec.allOptions.map(\.name)
                    let suggestion = name.hasPrefix("--") ? EditDistance.suggestion(for: name, among: longNames) : nil
                    throw .unknownOption(name, suggestion: suggestion)
                }
                if option.kind == .flag {
                    guard attachedValue == nil else { throw .flagWithValue(option.name) }
                    parsed.flags.insert(option.name)
                    continue
                }
                let value: String
                if let attachedValue, !attachedValue.isEmpty {
                    value = attachedValue
                } else if attachedValue == nil, case .value(let next, _)? = remaining.first {
                    value = next
                    remaining.removeFirst()
                } else {
                    throw .missingValue(option: option.name, valueName: option.valueName ?? "")
                }
                if let allowed = option.allowedValues, !allowed.contains(value) {
                    throw .invalidValue(option: option.name, value: value, allowed: allowed)
                }
                if option.kind == .single, parsed.optionValues[option.name] != nil {
                    throw .duplicateOption(option.name)
                }
                parsed.optionValues[option.name, default: []].append(value)
            }
        }
        try parsed.checkCounts()
        return parsed
    }

    /// `--help` or `-h` without a value; after `--` these are values, so they are not tokens of this kind.
    private static func isHelp(_ token: CommandLineTokens.Token, in spec: CommandSpec) -> Bool {
        guard case .option(let name, nil, _) = token else { return false }
        return spec.option(named: name)?.name == CommandSpec.helpOption.name
    }

    /// Whether the flag was given.
    func flag(_ name: String) -> Bool {
        declared(name, as: .flag)
        return flags.contains(name)
    }

    /// The value given for a `.single` option, else its default.
    func value(_ name: String) -> String? {
        optionValues[name]?.first ?? declared(name, as: .single).defaultValue
    }

    /// Every value given for a `.repeated` option in order, else its default if it has one.
    func values(_ name: String) -> [String] {
        let option = declared(name, as: .repeated)
        return optionValues[name] ?? option.defaultValue.map { [$0] } ?? []
    }

    @discardableResult
    private func declared(_ name: String, as kind: OptionSpec.Kind) -> OptionSpec {
        guard let option = spec.allOptions.first(where: { $0.name == name }) else {
            preconditionFailure("option \(name) is not declared by command \(spec.name)")
        }
        precondition(option.kind == kind, "option \(name) of command \(spec.name) is \(option.kind), not \(kind)")
        return option
    }

    /// Too many positionals first, then the first missing required option, then positional.
    private func checkCounts() throws(UsageError) {
        let capacity = spec.positionals.last?.repeating == true ? Int.max : spec.positionals.count
        if positionals.count > capacity {
            throw .unexpectedArgument(Array(positionals[capacity...]))
        }
        if let option = spec.options.first(where: { $0.required && optionValues[$0.name] == nil }) {
            throw .missingRequired(option.name)
        }
        if let missing = spec.positionals.indices.first(where: { spec.positionals[$0].required && $0 >= positionals.count }) {
            throw .missingRequired(spec.positionals[missing].name)
        }
    }
}
