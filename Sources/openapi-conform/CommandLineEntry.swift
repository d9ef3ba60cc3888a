import ConformFindings
import OpenAPIConform

/// Parses the command name and its arguments and runs the command; every outcome is an exit status.
enum CommandLineEntry {
    static let overview = """
        OVERVIEW: Check OpenAPI 3.0/3.1 descriptions and prove that HTTP traffic matches them.

        USAGE: openapi-conform <command> [<arguments>]
               openapi-conform help <command>
               openapi-conform --version

        COMMANDS:
        """

    /// `openapi-conform 0.5.0`.
    static var versionLine: String { "\(ToolInfo.name) \(ToolInfo.version)" }

    static let versionOption = OptionSpec("--version", kind: .flag, help: "Print the name and version (\(versionLine)).")

    /// The program's own options, accepted in place of a command.
    static let options = [CommandSpec.helpOption, versionOption]

    static func run(_ argv: [String]) async -> ExitStatus {
        let option = argv.first.flatMap { name in options.first { $0.name == name || $0.short.map { "-\($0)" } == name } }
        guard let name = argv.first, option?.name != CommandSpec.helpOption.name else {
            Console.out(generalHelp())
            return argv.isEmpty ? .usageOrInput : .success
        }
        if option?.name == versionOption.name {
            Console.out(versionLine)
            return .success
        }
        if name == "help" { return help(Array(argv.dropFirst())) }
        guard let command = command(named: name) else { return .usageOrInput }
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

    /// `help` alone is the general help; `help COMMAND` is `COMMAND --help`.
    private static func help(_ arguments: [String]) -> ExitStatus {
        guard let name = arguments.first, !["--help", "-h"].contains(name) else {
            Console.out(generalHelp())
            return .success
        }
        guard arguments.count == 1 else {
            Console.error(UsageMessage(.unexpectedArgument(Array(arguments.dropFirst())), commands: Commands.names).description)
            return .usageOrInput
        }
        guard let command = command(named: name) else { return .usageOrInput }
        Console.out(command.spec.helpText(), terminator: "")
        return .success
    }

    /// The command called `name`; nil after saying so, with the closest name, on standard error.
    private static func command(named name: String) -> (any Command.Type)? {
        if let command = Commands.named(name) { return command }
        let error = UsageError.unknownCommand(name, suggestion: EditDistance.suggestion(for: name, among: Commands.names))
        Console.error(UsageMessage(error, commands: Commands.names).description)
        return nil
    }

    static func generalHelp() -> String {
        let width = Commands.names.map(\.count).max() ?? 0
        let rows = Commands.all.map { command in
            "  " + command.spec.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.spec.abstract
        }
        return overview + "\n" + rows.joined(separator: "\n") + "\n\n" + CommandSpec.optionsSection(options)
            + "\n\n  See 'openapi-conform help <command>' or 'openapi-conform <command> --help' for a command's options."
    }
}
