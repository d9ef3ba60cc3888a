import ConformLive
import Foundation
import OpenAPIConform

/// `openapi-conform probe --spec SPEC --base-url URL`: test a running API against its description.
struct ProbeCommand: Command {
    static let spec = CommandSpec(
        name: "probe",
        abstract: "Test a running API against its description.",
        discussion: """
            For each operation (or those --operation, --tag and --method select), sends requests built from the \
            description's examples, then generated ones (--max-examples per operation; the first with every \
            optional member of its body, one with required members only, one without an optional body, one for \
            an item that does not exist), then, made from a valid request the API accepted, requests each broken \
            in one way (a body that breaks one keyword of its schema, each kind of keyword once and \
            --max-examples more at other places; each query and header parameter off its schema, and \
            --max-examples more ways; a required parameter left out; no credentials; an undocumented method), \
            which the API must refuse with a 4xx. Where it accepted no valid request, nothing is broken, \
            and a note says so. Creates run before reads, updates and deletes (nested items' deletes first), and \
            the ids they return fill the path parameters of the operations on what they created; updates and \
            deletes are sent one at a time. Every exchange is checked as validate checks a recording; a 2xx to an \
            invalid request is probe-accepted-invalid, a 5xx probe-server-error. Credentials: --auth SCHEME=VALUE \
            for the description's security schemes, --header 'Name: value' for anything else ($VARIABLES are \
            expanded); they never appear in reports. --record FILE.har writes what was sent and received, for \
            validate to read back.
            Exit status: 0 every exchange conformed, 1 some had findings at the failing severity or coverage was \
            under --min-coverage, 2 the API could not be reached, answered 401 to every valid request that needs \
            credentials (the credentials given, or none, were refused), the description cannot be read, or a report \
            cannot be written.
            """,
        options: [RunOptions.specOption] + [
            OptionSpec("--base-url", valueName: "url", required: true, help: "Where the API runs, with its base path (http://127.0.0.1:8080/v1)."),
            OptionSpec("--operation", valueName: "id", kind: .repeated, help: "Only this operationId (repeatable)."),
            OptionSpec("--tag", valueName: "tag", kind: .repeated, help: "Only operations with this tag (repeatable)."),
            OptionSpec("--method", valueName: "method", kind: .repeated, help: "Only operations with this method (repeatable)."),
            OptionSpec("--max-examples", valueName: "n", help: "Generated requests per operation, after the documented examples.", defaultValue: "5"),
            OptionSpec("--seed", valueName: "number", help: "Seed of generated values: the same seed gives the same requests.", defaultValue: "1"),
            OptionSpec("--auth", valueName: "scheme=value", kind: .repeated, help: "A credential for a security scheme of the description (repeatable)."),
            OptionSpec("--header", valueName: "name: value", kind: .repeated, help: "A header sent with every request (repeatable); $VARIABLES are expanded."),
            OptionSpec("--timeout", valueName: "seconds", help: "Time allowed for each request.", defaultValue: "30"),
            OptionSpec("--concurrency", valueName: "n", help: "Requests in flight at once.", defaultValue: "8"),
            OptionSpec("--rate", valueName: "per-second", help: "At most this many requests per second."),
            OptionSpec("--record", valueName: "file.har", help: "Write what was sent and received as HAR 1.2."),
            OptionSpec(
                "--prefer-each-response", kind: .flag,
                help: "Also ask for each documented response with 'Prefer: code=N' and Accept (mocks answer it; other servers ignore it)."),
        ] + RunOptions.options + [QuietOption.option])

    let session: RunOptions
    let options: Prober.Options
    let client: LiveClientConfiguration
    let recordPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let baseText = arguments.value("--base-url") ?? ""
        guard let baseURL = URL(string: baseText), let scheme = baseURL.scheme?.lowercased(), ["http", "https"].contains(scheme), baseURL.host != nil else {
            throw .malformedValue(option: "--base-url", value: baseText, problem: "a base URL is http:// or https://, a host and an optional path")
        }
        var options = Prober.Options(baseURL: baseURL)
        options.operationIDs = Set(arguments.values("--operation"))
        options.tags = Set(arguments.values("--tag"))
        options.methods = Set(arguments.values("--method").map { $0.uppercased() })
        options.maxExamples = try Self.number(arguments, "--max-examples", default: 5, range: 0...1000)
        let seedText = arguments.value("--seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw .malformedValue(option: "--seed", value: seedText, problem: "a seed is a whole number of 0 or more")
        }
        options.seed = seed
        for pair in arguments.values("--auth") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw .malformedValue(option: "--auth", value: "…", problem: "write SCHEME=VALUE, SCHEME being a security scheme of the description")
            }
            options.credentials[String(pair[..<equals])] = Self.expand(String(pair[pair.index(after: equals)...]))
        }
        for header in arguments.values("--header") {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex else {
                throw .malformedValue(option: "--header", value: header.prefix { $0 != ":" } + ": …", problem: "write 'Name: value'")
            }
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            options.headers.append((name: String(header[..<colon]).trimmingCharacters(in: .whitespaces), value: Self.expand(value)))
        }
        options.preferEachResponse = arguments.flag("--prefer-each-response")
        self.options = options
        var client = LiveClientConfiguration()
        let timeout = try Self.number(arguments, "--timeout", default: 30, range: 1...3600)
        client.timeout = .seconds(timeout)
        client.maxConcurrent = try Self.number(arguments, "--concurrency", default: 8, range: 1...256)
        if let rateText = arguments.value("--rate") {
            guard let rate = Double(rateText), rate > 0 else {
                throw .malformedValue(option: "--rate", value: rateText, problem: "a rate is a number of requests per second above 0")
            }
            client.rate = rate
        }
        self.client = client
        recordPath = arguments.value("--record")
        session = try RunOptions(arguments)
    }

    private static func number(_ arguments: ParsedArguments, _ option: String, default value: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = arguments.value(option) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .malformedValue(option: option, value: text, problem: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// `$NAME` and `${NAME}` replaced by the environment's value (empty when unset), so secrets stay out of shell
    /// history and CI logs.
    static func expand(_ text: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "$" else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            var cursor = text.index(after: index)
            let braced = cursor < text.endIndex && text[cursor] == "{"
            if braced { cursor = text.index(after: cursor) }
            let start = cursor
            while cursor < text.endIndex, text[cursor].isLetter || text[cursor].isNumber || text[cursor] == "_" { cursor = text.index(after: cursor) }
            let name = String(text[start..<cursor])
            if name.isEmpty || (braced && (cursor == text.endIndex || text[cursor] != "}")) {
                result.append("$")
                index = text.index(after: index)
                continue
            }
            result += environment[name] ?? ""
            index = braced ? text.index(after: cursor) : cursor
        }
        return result
    }

    func run() async -> ExitStatus {
        var pipeline = session.sessionRun
        // The API under test stands where the description's servers would: its address routes like theirs.
        pipeline.servers = [options.baseURL.absoluteString]
        guard let contract = LiveContract.load(pipeline, quiet: session.quiet) else { return .usageOrInput }
        let unknown = options.credentials.keys.filter { contract.document.components.securitySchemes[$0] == nil }.sorted()
        if !unknown.isEmpty {
            let known = contract.document.components.securitySchemes.keys.sorted().joined(separator: ", ")
            Console.error("error: --auth names no security scheme of the description: \(unknown.joined(separator: ", ")) (schemes: \(known.isEmpty ? "none" : known))")
            return .usageOrInput
        }
        // A Basic credential is `user:password`; without the colon the server reads no password, or no user.
        for (scheme, value) in options.credentials.sorted(by: { $0.key < $1.key }) where !value.contains(":") {
            if case .http(let name, _)? = contract.document.components.securitySchemes[scheme]?.kind, name.lowercased() == "basic" {
                Console.error("warning: --auth \(scheme): a Basic credential is written user:password, and this one has no ':'")
            }
        }
        let client = LiveClient(configuration: self.client)
        defer { client.shutdown() }
        let prober = Prober(contract: contract, options: options, client: client)
        let selection = prober.selectionProblems()
        guard selection.isEmpty else {
            for problem in selection { Console.error("error: \(problem)") }
            return .usageOrInput
        }
        guard let recording = LiveContract.openRecording(recordPath, contract: contract) else { return .usageOrInput }
        let progress = ProgressLine(label: "probe", enabled: !session.quiet)
        var onSent: (@Sendable (Prober.Sent) -> Void)?
        if let recording {
            onSent = { sent in
                let seconds = Double(sent.duration.components.seconds) + Double(sent.duration.components.attoseconds) / 1e18
                recording.append(RecordedExchange(sent.exchange, startedAt: sent.startedAt, duration: seconds))
            }
        }
        let outcome = await prober.run(name: pipeline.name, onSent: onSent, onProgress: { done, _ in progress.update(done) })
        progress.finish()
        let recorded = LiveContract.closeRecording(recording)
        if !session.quiet { Console.error("probe: sent \(outcome.sent.description)") }
        for problem in outcome.problems where !session.quiet {
            Console.error("note: \(problem)")
        }
        if outcome.unreachable {
            Console.error("error: \(options.baseURL.absoluteString) could not be reached; no request got an answer")
        }
        if outcome.credentialsRefused {
            let schemes = contract.document.components.securitySchemes.keys.sorted().joined(separator: ", ")
            Console.error(options.credentials.isEmpty
                ? "error: the API answered 401 to every valid request of every operation that needs credentials, and none were given: run with --auth SCHEME=VALUE (schemes: \(schemes))"
                : "error: the API answered 401 to every valid request of every operation that needs credentials: it refused the credentials given (--auth \(options.credentials.keys.sorted().joined(separator: ", ")))")
        }
        return session.finish(outcome.report, otherFailure: outcome.unreachable || outcome.credentialsRefused || !recorded)
    }
}
