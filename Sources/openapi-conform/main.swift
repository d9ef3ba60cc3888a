import Foundation

/// Entry point: `openapi-conform <command> [arguments]`. Dispatches to one of `Commands.all`; a usage error is
/// printed with the command's usage line and exits 2.
let arguments = Array(CommandLine.arguments.dropFirst())
let status = await CommandLineEntry.run(arguments)
exit(status.rawValue)
