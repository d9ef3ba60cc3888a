import ConformTraffic
import ConformHTTP

/// Where a live server (`mock`, `proxy`) listens, and the server settings that follow from the options: the address
/// and port, the descriptor limit raised for its connections, and the access log on standard error (query
/// credentials masked as in reports; none with `--quiet`).
struct ListenOptions {
    static func options(defaultPort: UInt16) -> [OptionSpec] {
        [
            OptionSpec("--host", valueName: "address", help: "The address to listen on.", defaultValue: "127.0.0.1"),
            OptionSpec("--port", valueName: "port", help: "The port to listen on; 0 picks a free one (the first line on standard error says which).", defaultValue: String(defaultPort)),
        ]
    }

    let host: String
    let port: UInt16

    init(_ arguments: ParsedArguments, defaultPort: UInt16) throws(UsageError) {
        host = arguments.value("--host") ?? "127.0.0.1"
        let portText = arguments.value("--port") ?? String(defaultPort)
        guard let port = UInt16(portText) else {
            throw .malformedValue(option: "--port", value: portText, problem: "a port is a number from 0 to 65535")
        }
        self.port = port
    }

    /// `http://HOST:PORT` for the port the server got (IPv6 addresses in brackets).
    /// Starts a server (`start` binds and returns the port it got); nil, with the reason on standard error, when it
    /// cannot listen on these options' address.
    func start(_ start: () throws -> UInt16) -> UInt16? {
        do {
            return try start()
        } catch {
            Console.error("error: cannot listen on \(host):\(port): \(error)")
            return nil
        }
    }

    func url(port bound: UInt16) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)"
    }

    func configuration(redactor: Redactor, quiet: Bool) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        // A descriptor per connection, and Debian's default soft limit is 1,024: take what the hard limit allows.
        DescriptorLimit.raise(to: configuration.maxConnections + 256)
        if !quiet { configuration.accessLog = { Console.error($0.line(showTarget: redactor.redact(url:))) } }
        return configuration
    }
}
