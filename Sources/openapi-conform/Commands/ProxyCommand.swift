import ConformHTTP
import ConformLive
import Foundation
import OpenAPIConform

/// `openapi-conform proxy --spec SPEC --upstream URL`: check the traffic between real clients and a real API.
struct ProxyCommand: Command {
    static let spec = CommandSpec(
        name: "proxy",
        abstract: "Check the traffic between clients and an API, as a reverse proxy.",
        discussion: """
            Listens like mock (--host, --port; 0 picks a free port, printed) and forwards every request to the \
            upstream below its base path, passing the answer back with its status, header fields and body as the \
            upstream sent them (hop-by-hop fields removed, Via added). Each exchange is checked as validate checks \
            a recording; its findings print as it passes. --record FILE.har or FILE.jsonl writes the traffic as it \
            flows (credentials masked; complete entries even if the proxy is stopped), and on SIGINT or SIGTERM the \
            session's report is written (--format, --output, --report). --enforce answers a request the \
            description refuses as mock answers it (400 with the findings, 401, 404, 405) instead of forwarding it. \
            An upstream that cannot be reached gets 502, one that does not answer in --timeout seconds 504.
            Exit status: 0 every exchange conformed, 1 some had findings at the failing severity or coverage was \
            under --min-coverage, 2 the description cannot be read, the address cannot be bound, or a report or the \
            recording cannot be written.
            """,
        options: [RunOptions.specOption] + [
            OptionSpec("--upstream", valueName: "url", required: true, help: "The API to forward to (http://127.0.0.1:8080)."),
            OptionSpec("--enforce", kind: .flag, help: "Refuse requests the description refuses, instead of forwarding them."),
            OptionSpec("--record", valueName: "file", help: "Write the traffic as HAR 1.2 (.har) or JSON Lines (.jsonl) as it flows."),
            OptionSpec("--timeout", valueName: "seconds", help: "Time the upstream has to answer each request (then 504).", defaultValue: "30"),
        ] + ListenOptions.options(defaultPort: 4011) + RunOptions.options + [QuietOption.option])

    let session: RunOptions
    let upstream: HTTPUpstream
    let listen: ListenOptions
    let enforce: Bool
    let recordPath: String?
    let timeout: Int

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let upstreamText = arguments.value("--upstream") ?? ""
        do {
            upstream = try HTTPUpstream(parsing: upstreamText)
        } catch {
            throw .malformedValue(option: "--upstream", value: upstreamText, problem: "\(error)")
        }
        listen = try ListenOptions(arguments, defaultPort: 4011)
        enforce = arguments.flag("--enforce")
        recordPath = arguments.value("--record")
        if let recordPath, !(recordPath.hasSuffix(".har") || recordPath.hasSuffix(".jsonl") || recordPath.hasSuffix(".ndjson")) {
            throw .malformedValue(option: "--record", value: recordPath, problem: "the file's extension says the format: .har, or .jsonl / .ndjson")
        }
        let timeoutText = arguments.value("--timeout") ?? "30"
        guard let timeout = Int(timeoutText), (1...3600).contains(timeout) else {
            throw .malformedValue(option: "--timeout", value: timeoutText, problem: "a whole number of seconds from 1 to 3600")
        }
        self.timeout = timeout
        session = try RunOptions(arguments)
    }

    func run() async -> ExitStatus {
        let pipeline = session.sessionRun
        guard let contract = LiveContract.load(pipeline, quiet: session.quiet) else { return .usageOrInput }
        guard let recording = LiveContract.openRecording(recordPath, contract: contract) else { return .usageOrInput }
        let configuration = listen.configuration(redactor: contract.redactor, quiet: session.quiet)
        var options = ProxyServer.Options(upstream: upstream)
        options.enforce = enforce
        options.timeout = .seconds(timeout)
        var onRecord: (@Sendable (RecordedExchange) -> Void)?
        if let recording { onRecord = { recording.append($0) } }
        let server = ProxyServer(
            contract: contract, name: pipeline.name, options: options, configuration: configuration,
            onExchange: LiveContract.findingPrinter(contract, quiet: session.quiet), onRecord: onRecord)
        let shutdown = ShutdownSignal.install()
        guard let bound = listen.start(server.start) else { return .usageOrInput }
        // Standard error, with the access log: standard output is the report's when the session ends (`--format json`).
        Console.error("proxy: \(listen.url(port: bound)) → \(upstream.description)" + (enforce ? " (enforcing \(session.specPath))" : " (checking against \(session.specPath))"))
        await shutdown.wait()
        server.stop()
        let recorded = LiveContract.closeRecording(recording)
        return session.finish(server.report, otherFailure: !recorded)
    }
}
