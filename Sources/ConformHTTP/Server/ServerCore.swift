/// What every event loop of one server shares: the listening socket, the configuration, the handler, the loops
/// (set once, before any thread starts), and the two facts that cross threads (how many connections are open,
/// whether the server is stopping), under one lock.
final class ServerCore: @unchecked Sendable {
    let listener: Int32
    let configuration: HTTPServerConfiguration
    let handler: HTTPServerHandler
    /// Every loop, the accepting one first. Written by `HTTPServer.start()` before the threads start; read-only after.
    var loops: [EventLoop] = []
    private let lock = Lock()
    private var connections = 0
    private var stopping = false

    init(listener: Int32, configuration: HTTPServerConfiguration, handler: HTTPServerHandler) {
        self.listener = listener
        self.configuration = configuration
        self.handler = handler
    }

    var isStopping: Bool { lock.withLock { stopping } }

    func beginStopping() {
        lock.withLock { stopping = true }
    }

    /// Counts a new connection if the limit allows it.
    func reserveConnection() -> Bool {
        lock.withLock {
            guard connections < configuration.maxConnections else { return false }
            connections += 1
            return true
        }
    }

    func releaseConnection() {
        lock.withLock { connections -= 1 }
    }

    var openConnections: Int { lock.withLock { connections } }
}
