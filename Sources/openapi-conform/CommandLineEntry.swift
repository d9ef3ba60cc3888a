import ConformFindings
/// Parses the command name and its arguments and runs the command; every outcome is an exit status.
enum CommandLineEntry {
    static let overview = """
        OVERVIEW: Check OpenAPI 3.0/3.1 descriptions and prove that HTTP traffic matches them.

        USAGE: openapi-conform <command> [<arguments>]

        COMMANDS:
        """

    static func run(_ argv: [String]) async -> ExitStatus {
        guard let name = argv.first, name != "--help", name != "-h", name != "help" else {
            Console.out(generalHelp())
            return argv.isEmpty ? .usageOrInput : .success
        }
        guard let command = Commands.named(name) else {
            let error = UsageError.unknownCommand(name, suggestion: EditDistance.suggestion(for: name, among: Commands.names))
            Console.error(UsageMessage(error, commands: Commands.names).description)
            return .usageOrInput
        }
        do {
            let parsed = try ParsedArguments.parse(Array(argv.dropFirst()), for: command.spec)
            if parsed.helpRequested {
                Console.out(command.spec.helpText(), terminator: "")
                return .success
            }
            return try await command.init(parsed).run()
        } catch {
            Console.error(UsageMessage(error, for: command.spec).description)
            return .usageOrInput
        }
    }

    static func generalHelp() -> String {
        let width = Commands.names.map(\.count).max() ?? 0
        let rows = Commands.all.map { command in
            "  " + command.spec.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.spec.abstract
        }
        return overview + "\n" + rows.joined(separator: "\n") + "\n\n  See 'openapi-conform <command> --help' for a command's options."
    }
}
