#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 server over POSIX sockets: one event-loop thread per core serving its connections with non-blocking
/// I/O, so that slow or idle clients cost a descriptor and a few bytes, not a thread; the first loop accepts and
/// deals connections out to all of them in turn.
///
/// The handler runs on the loop thread that read the request and should not block: the mock's answers take
/// microseconds, and a loop serves its other connections between requests. Limits (`HTTPServerConfiguration`)
/// bound what any one client can make it hold or wait for.
package final class HTTPServer: Sendable {
    private let configuration: HTTPServerConfiguration
    private let handler: HTTPServerHandler
    private let state = StateBox()

    /// A server whose handler answers on the loop thread (it must not block for long).
    package init(configuration: HTTPServerConfiguration, handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse) {
        self.configuration = configuration
        self.handler = .immediate(handler)
    }

    /// A server whose handler takes a reply and answers later, from any thread (a proxy waiting for its upstream):
    /// the handler itself is called on the loop thread and must hand the work elsewhere at once.
    package init(configuration: HTTPServerConfiguration, respond: @escaping @Sendable (HTTPServerRequest, HTTPServerReply) -> Void) {
        self.configuration = configuration
        self.handler = .deferred(respond)
    }

    deinit {
        stop()
    }

    /// Binds, starts the loops and returns the port it listens on. A server starts once.
    @discardableResult
    package func start() throws(HTTPServerError) -> UInt16 {
        state.lock.lock()
        defer { state.lock.unlock() }
        do {
            guard state.core == nil, !state.stopped else { throw HTTPServerError("the server was already started") }
            let listener = try Socket.listen(host: configuration.host, port: configuration.port)
            let core = ServerCore(listener: listener, configuration: configuration, handler: handler)
            let count = configuration.threads > 0 ? configuration.threads : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
            var loops: [EventLoop] = []
            do throws(HTTPServerError) {
                for index in 0..<count { loops.append(try EventLoop(core: core, accepts: index == 0)) }
            } catch {
                close(listener)
                throw error
            }
            core.loops = loops
            var threads: [pthread_t] = []
            for loop in loops {
                guard let thread = Self.spawn(loop) else {
                    core.beginStopping()
                    loops.forEach { $0.wake() }
                    threads.forEach { pthread_join($0, nil) }
                    close(listener)
                    throw .system("cannot start a server thread")
                }
                threads.append(thread)
            }
            state.core = core
            state.loops = loops
            state.threads = threads
            state.port = Socket.localPort(listener)
            return state.port
        }
    }

    /// The port it listens on; nil before `start()` and after `stop()`.
    package var boundPort: UInt16? {
        state.lock.withLock { state.core == nil ? nil : state.port }
    }

    /// Stops accepting, lets requests in flight finish and their responses go out (up to `shutdownGrace`), closes
    /// every connection and returns when the loops have ended. Safe to call more than once and from any thread but
    /// a handler's.
    package func stop() {
        let taken: (ServerCore, [EventLoop], [pthread_t])? = state.lock.withLock {
            guard let core = state.core else { return nil }
            defer {
                state.core = nil
                state.loops = []
                state.threads = []
                state.stopped = true
            }
            return (core, state.loops, state.threads)
        }
        guard let (core, loops, threads) = taken else { return }
        core.beginStopping()
        loops.forEach { $0.wake() }
        threads.forEach { pthread_join($0, nil) }
        close(core.listener)
    }

    private static func spawn(_ loop: EventLoop) -> pthread_t? {
        let context = Unmanaged.passRetained(loop).toOpaque()
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, nil, { context in
            #if os(Linux)
            let loop = Unmanaged<EventLoop>.fromOpaque(context!).takeRetainedValue()
            #else
            let loop = Unmanaged<EventLoop>.fromOpaque(context).takeRetainedValue()
            #endif
            loop.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<EventLoop>.fromOpaque(context).release()
            return nil
        }
        #if os(Linux)
        return thread
        #else
        return thread
        #endif
    }
}

/// The server's lifecycle under a lock: started once, stopped once.
private final class StateBox: @unchecked Sendable {
    let lock = Lock()
    var core: ServerCore?
    var loops: [EventLoop] = []
    var threads: [pthread_t] = []
    var port: UInt16 = 0
    var stopped = false
}
