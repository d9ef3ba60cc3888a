/// One command's arguments as a table. Parsing, the usage line and `--help` are all generated
/// from it, so what help shows cannot drift from what is accepted.
struct CommandSpec: Sendable {
    var name: String
    /// One sentence, shown after `OVERVIEW:`.
    var abstract: String
    /// Paragraphs shown under the overview; line breaks are kept and long lines wrapped.
    var discussion: String? = nil
    var options: [OptionSpec] = []
    var positionals: [PositionalSpec] = []

    /// `--help`/`-h`, accepted by every command without being declared.
    static let helpOption = OptionSpec("--help", short: "h", kind: .flag, help: "Show help information.")

    /// The declared options followed by `--help`.
    var allOptions: [OptionSpec] { options + [Self.helpOption] }

    /// The option spelled `name` on the command line, by long name or as `-x`.
    func option(named name: String) -> OptionSpec? {
        allOptions.first { $0.name == name || $0.short.map { "-\($0)" } == name }
    }

    /// `openapi-conform validate --spec <spec> [--format <format>] <traffic> ...`
    func usageLine(program: String = "openapi-conform") -> String {
        ([program, name] + usageElements).joined(separator: " ")
    }

    /// OVERVIEW, discussion, USAGE, ARGUMENTS and OPTIONS, wrapped to 80 columns.
    func helpText(program: String = "openapi-conform") -> String {
        var sections = [Self.wrap(words(abstract), prefix: "OVERVIEW: ")]
        if let discussion {
            sections.append(discussion.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let indent = String(line.prefix(while: { $0 == " " }))
                return Self.wrap(words(String(line)), prefix: indent, indent: indent.count)
            }.joined(separator: "\n"))
        }
        let usagePrefix = "USAGE: \(program) \(name) "
        sections.append(Self.wrap(usageElements, prefix: usagePrefix, indent: usagePrefix.count))

        let arguments = positionals.map { (label: $0.synopsis, help: $0.help) }
        let options = allOptions.map { (label: $0.helpLabel, help: $0.helpDescription) }
        let column = Self.column(for: arguments + options)
        if !arguments.isEmpty { sections.append("ARGUMENTS:\n" + Self.rows(arguments, column: column)) }
        sections.append("OPTIONS:\n" + Self.rows(options, column: column))
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `OPTIONS:` and a row per option, as a command's help lists them; for the program's own options.
    static func optionsSection(_ options: [OptionSpec]) -> String {
        let rows = options.map { (label: $0.helpLabel, help: $0.helpDescription) }
        return "OPTIONS:\n" + Self.rows(rows, column: column(for: rows))
    }

    /// Where help texts start: after the widest label, up to `maximumLabelWidth`.
    private static func column(for rows: [(label: String, help: String)]) -> Int {
        4 + min(maximumLabelWidth, rows.map(\.label.count).max() ?? 0)
    }

    private static func rows(_ rows: [(label: String, help: String)], column: Int) -> String {
        rows.map { row in
            let label = "  " + row.label
            let help = row.help.split(separator: " ").map(String.init)
            guard label.count + 2 <= column else {
                return label + "\n" + wrap(help, prefix: String(repeating: " ", count: column), indent: column)
            }
            return wrap(help, prefix: label + String(repeating: " ", count: column - label.count), indent: column)
        }.joined(separator: "\n")
    }

    /// Labels longer than this put their help on the next line instead of widening the column.
    private static let maximumLabelWidth = 26

    /// The usage line after the program and command name; `--help` is left out because every command takes it.
    private var usageElements: [String] {
        let options = options.map { option in
            let synopsis = option.synopsis + (option.kind == .repeated ? " ..." : "")
            return option.required ? synopsis : "[\(synopsis)]"
        }
        return options + positionals.map { $0.required ? $0.synopsis : "[\($0.synopsis)]" }
    }

    private func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }

    /// Joins `words` after `prefix` into lines of at most `width` columns, starting later lines
    /// with `indent` spaces. A word longer than a line gets a line of its own rather than being split.
    private static func wrap(_ words: [String], prefix: String, indent: Int = 0, width: Int = 80) -> String {
        var lines: [String] = []
        var line = prefix
        var lineHasWords = false
        for word in words {
            if lineHasWords && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent) + word
            } else {
                line += (lineHasWords ? " " : "") + word
            }
            lineHasWords = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

/// An option: a flag (`--quiet`) or one that takes a value (`--format json`, `--format=json`).
struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// Present or absent; takes no value.
        case flag
        /// Takes a value and may be given at most once.
        case single
        /// Takes a value each time and may be given any number of times.
        case repeated
    }

    /// The long name with its dashes, such as `--format`.
    var name: String
    var short: Character?
    /// The placeholder shown as `<valueName>`; nil for flags.
    var valueName: String?
    var kind: Kind
    /// Missing it is a usage error; shown without brackets in the usage line.
    var required: Bool
    var help: String
    /// The only values accepted, listed in help and in the error for any other.
    var allowedValues: [String]?
    /// What `ParsedArguments.value(_:)` returns when the option is absent; shown in help.
    var defaultValue: String?

    /// `valueName` defaults to the long name without its dashes.
    init(
        _ name: String, short: Character? = nil, valueName: String? = nil, kind: Kind = .single,
        required: Bool = false, help: String, allowedValues: [String]? = nil, defaultValue: String? = nil
    ) {
        self.name = name
        self.short = short
        self.valueName = kind == .flag ? nil : valueName ?? String(name.drop(while: { $0 == "-" }))
        self.kind = kind
        self.required = required
        self.help = help
        self.allowedValues = allowedValues
        self.defaultValue = defaultValue
    }

    /// `--format <format>`, or `--quiet` for a flag.
    var synopsis: String { valueName.map { "\(name) <\($0)>" } ?? name }

    fileprivate var helpLabel: String { short.map { "-\($0), " + synopsis } ?? synopsis }

    fileprivate var helpDescription: String {
        let notes = [allowedValues.map { "values: " + $0.joined(separator: ", ") }, defaultValue.map { "default: " + $0 }]
            .compactMap { $0 }
        return notes.isEmpty ? help : "\(help) (\(notes.joined(separator: "; ")))"
    }
}

/// An argument identified by its position, such as the traffic files of `validate`.
struct PositionalSpec: Sendable {
    var name: String
    var help: String
    /// Takes every remaining value; only the last positional may repeat.
    var repeating = false
    var required = true

    /// `<traffic> ...`, or `<spec>` when it does not repeat.
    var synopsis: String { "<\(name)>" + (repeating ? " ..." : "") }
}
