/// The arguments after the program and command name, classified before any command's table
/// gives them meaning. Each token keeps its index in that argument list.
struct CommandLineTokens: Equatable, Sendable {
    enum Token: Equatable, Sendable {
        /// `--name`, `--name=value` or `-x`; `name` keeps its dashes.
        case option(name: String, attachedValue: String?, index: Int)
        /// `value`, `-` (standard input), or any argument after `--`.
        case value(String, index: Int)
        /// `--`: every later argument is a value, even one that starts with a dash.
        case terminator(index: Int)
    }

    var tokens: [Token]

    init(_ arguments: [String]) {
        var tokens: [Token] = []
        var terminated = false
        for (index, argument) in arguments.enumerated() {
            if terminated || argument == "-" || !argument.hasPrefix("-") {
                tokens.append(.value(argument, index: index))
            } else if argument == "--" {
                terminated = true
                tokens.append(.terminator(index: index))
            } else if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                let value = String(argument[argument.index(after: equals)...])
                tokens.append(.option(name: String(argument[..<equals]), attachedValue: value, index: index))
            } else {
                tokens.append(.option(name: argument, attachedValue: nil, index: index))
            }
        }
        self.tokens = tokens
    }
}
