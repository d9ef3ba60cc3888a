import OpenAPIConform

/// `--server` and `--host`: where the traffic was recorded and which of it to check. Traffic recorded against a
/// local or staging host is checked by naming that host's server; a captured session with many hosts is narrowed
/// to the API's.
struct TrafficScopeOptions {
    static let options = [
        OptionSpec(
            "--server", valueName: "url", kind: .repeated,
            help: "A server the traffic was recorded against, base path included (e.g. http://127.0.0.1:8080/api), besides the description's and the config's 'servers'."),
        OptionSpec(
            "--host", valueName: "name", kind: .repeated,
            help: "Check only exchanges to this host (a port is optional); the others are counted per host as skipped."),
        OptionSpec(
            "--shard", valueName: "K/N",
            help: "Check only the K-th of N shares of the entries (by position across all files, so one big file splits too); 'merge' puts the N JSON reports together."),
    ]

    let servers: [String]
    /// Nil when no `--host` was given: every exchange is checked.
    let hosts: [String]?
    let shard: Shard?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        servers = arguments.values("--server")
        for server in servers {
            if let problem = ConformConfig.serverURLProblem(server) {
                throw .malformedValue(option: "--server", value: server, problem: problem)
            }
        }
        let hosts = arguments.values("--host")
        for host in hosts where host.isEmpty || host.contains("/") {
            throw .malformedValue(option: "--host", value: host, problem: "a host is a name such as 'api.example.com' or 'localhost:8080', without scheme or path")
        }
        self.hosts = hosts.isEmpty ? nil : hosts
        if let text = arguments.value("--shard") {
            guard let shard = Shard(parsing: text) else {
                throw .malformedValue(option: "--shard", value: text, problem: "a shard is K/N with 1 ≤ K ≤ N, such as 2/4")
            }
            self.shard = shard
        } else {
            self.shard = nil
        }
    }

    /// Applies the options to a run.
    func apply(to run: inout ConformanceRun) {
        run.servers += servers
        run.hosts = hosts
        run.shard = shard
    }
}
