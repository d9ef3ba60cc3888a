import ConformHTTP
import ConformLive
import Dispatch
import Foundation
import OpenAPIConform

/// `openapi-conform mock --spec SPEC`: serve the description, validating every request and answering as it says,
/// until SIGINT or SIGTERM; then the session's report.
struct MockCommand: Command {
    static let spec = CommandSpec(
        name: "mock",
        abstract: "Serve a description as a validating mock server.",
        discussion: """
            Answers requests under the base paths of the description's servers, whatever Host they name. Each \
            request is routed and checked as validate checks it: an unknown path gets 404, an undocumented method \
            405 with Allow, missing credentials 401 with WWW-Authenticate, any other finding 400 with the findings \
            in an application/problem+json body. A valid request gets a documented response: the lowest 2xx, or \
            the one 'Prefer: code=404' names; the body is the description's example ('Prefer: example=NAME' \
            picks a named one) or one generated from the schema ('Prefer: dynamic=true'), in the media type \
            Accept prefers (406 when it accepts none). Pages of other origins may call it (CORS: preflights are \
            answered and answers name the page's Origin) unless --no-cors. Each request's findings are printed on standard error with \
            an access-log line; on SIGINT or SIGTERM the mock finishes what is in flight and writes the session's \
            report (--format on standard output, --output, --report).
            Exit status: 0 every request conformed, 1 some request had findings at the failing severity or coverage \
            was under --min-coverage, 2 the description cannot be read, the address cannot be bound or a report \
            cannot be written.
            """,
        options: [RunOptions.specOption] + [
            OptionSpec("--seed", valueName: "number", help: "Seed of generated bodies: the same seed and requests give the same answers.", defaultValue: "1"),
            OptionSpec(
                "--credential", valueName: "value", kind: .repeated,
                help: "Accept only this token, key or Basic credential (repeatable); others get 401. Default: any credential in the right place."),
            OptionSpec("--no-cors", kind: .flag, help: "Answer as if no page of another origin called: no preflight answers, no Access-Control-* fields."),
        ] + ListenOptions.options(defaultPort: 4010) + RunOptions.options + [QuietOption.option])

    let session: RunOptions
    let listen: ListenOptions
    let seed: UInt64
    let credentials: [String]
    let crossOrigin: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        listen = try ListenOptions(arguments, defaultPort: 4010)
        let seedText = arguments.value("--seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw .malformedValue(option: "--seed", value: seedText, problem: "a seed is a whole number of 0 or more")
        }
        self.seed = seed
        credentials = arguments.values("--credential")
        crossOrigin = !arguments.flag("--no-cors")
        session = try RunOptions(arguments)
    }

    func run() async -> ExitStatus {
        let pipeline = session.sessionRun
        guard let contract = LiveContract.load(pipeline, quiet: session.quiet) else { return .usageOrInput }
        let configuration = listen.configuration(redactor: contract.redactor, quiet: session.quiet)
        let server = MockServer(
            contract: contract, name: pipeline.name, configuration: configuration, seed: seed, credentials: credentials,
            crossOrigin: crossOrigin, onExchange: LiveContract.findingPrinter(contract, quiet: session.quiet))
        let shutdown = ShutdownSignal.install()
        guard let bound = listen.start(server.start) else { return .usageOrInput }
        let bases = Set(contract.document.servers.map { RequestURL.server($0.url).path }).sorted()
        // Standard error, with the access log: standard output is the report's when the session ends (`--format json`).
        Console.error("mock: serving \(session.specPath) at \(listen.url(port: bound))" + (bases.isEmpty || bases == ["/"] ? "" : " (base paths: \(bases.joined(separator: ", ")))"))
        if !contract.findings.isEmpty {
            Console.error("mock: the description has \(contract.findings.count) finding(s); `openapi-conform lint \(session.specPath)` lists them")
        }
        await shutdown.wait()
        server.stop()
        return session.finish(server.report)
    }
}
