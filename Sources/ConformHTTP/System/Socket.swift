#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the server could not start listening, in words a person acts on ("address already in use").
package struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    package var description: String

    init(_ description: String) {
        self.description = description
    }

    /// `what` failed, with the system's reason for `errno`.
    static func system(_ what: String, _ code: Int32 = errno) -> HTTPServerError {
        HTTPServerError("\(what): \(String(cString: strerror(code)))")
    }
}

/// The few socket calls the server makes, over raw descriptors. Every descriptor is non-blocking and
/// close-on-exec; sends never raise SIGPIPE.
enum Socket {
    #if os(Linux)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    static let streamType = SOCK_STREAM
    #endif

    /// A listening socket bound to `host:port`, trying each address the host resolves to.
    static func listen(host: String, port: UInt16, backlog: Int32 = 1024) throws(HTTPServerError) -> Int32 {
        let first: UnsafeMutablePointer<addrinfo>
        switch resolve(host: host, port: port, passive: true) {
        case .success(let list): first = list
        case .failure(let error): throw error
        }
        defer { freeaddrinfo(first) }
        var lastError = HTTPServerError("'\(host)' resolves to no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, streamType, 0)
            guard fd >= 0 else {
                lastError = .system("cannot create a socket")
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if address.pointee.ai_family == AF_INET6 {
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            guard bind(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
                lastError = .system("cannot listen on \(host):\(port)")
                close(fd)
                continue
            }
            guard systemListen(fd, backlog) == 0, setNonBlocking(fd) else {
                lastError = .system("cannot listen on \(host):\(port)")
                close(fd)
                continue
            }
            return fd
        }
        throw lastError
    }

    /// The stream addresses `host:port` resolves to, as a list the caller frees with `freeaddrinfo`; or why it does
    /// not resolve. `passive` for an address to listen on (a wildcard host stays a wildcard).
    static func resolve(host: String, port: UInt16, passive: Bool) -> Result<UnsafeMutablePointer<addrinfo>, HTTPServerError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = (passive ? AI_PASSIVE : 0) | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(HTTPServerError("cannot resolve '\(host)': \(String(cString: gai_strerror(status)))"))
        }
        return .success(first)
    }

    /// What every connection's descriptor gets, accepted or connected: non-blocking, closed on exec, no Nagle delay
    /// (answers are written whole), and no SIGPIPE where a socket option gives that; false when it cannot be made
    /// non-blocking.
    @discardableResult
    static func configureConnection(_ fd: Int32) -> Bool {
        guard setNonBlocking(fd) else { return false }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if !os(Linux)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return true
    }

    /// The port a bound socket got (the one the system picked for port 0).
    static func localPort(_ fd: Int32) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let got = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard got == 0 else { return 0 }
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer -> UInt16 in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }

    /// The next pending connection as a non-blocking descriptor with its peer's address, nil when none is waiting.
    static func accept(_ listener: Int32) -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemAccept(listener, $0, &length) }
            }
            if fd >= 0 {
                configureConnection(fd)
                return (fd, peerName(storage))
            }
            // A connection reset before it was accepted is not the listener's problem: take the next one.
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }

    /// Sends what it can; the count sent, 0 when the socket is full, nil when the peer is gone.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int? {
        while true {
            #if os(Linux)
            let sent = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            #else
            let sent = Darwin.send(fd, bytes.baseAddress, bytes.count, 0)
            #endif
            if sent >= 0 { return sent }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : nil
        }
    }

    /// Reads what is there; `.bytes(n)`, `.wouldBlock`, or `.closed` (end of stream or an error).
    enum ReadResult { case bytes(Int), wouldBlock, closed }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReadResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .closed }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .closed
        }
    }

    @discardableResult
    static func setNonBlocking(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0
    }

    private static func peerName(_ storage: sockaddr_storage) -> String {
        var storage = storage
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return "-" }
        func text(_ characters: [CChar]) -> String {
            String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let address = text(host)
        return address.contains(":") ? "[\(address)]:\(text(service))" : "\(address):\(text(service))"
    }
}

#if os(Linux)
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { Glibc.listen(fd, backlog) }
private func systemAccept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
    Glibc.accept(fd, address, length)
}
#else
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { Darwin.listen(fd, backlog) }
private func systemAccept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: UnsafeMutablePointer<socklen_t>) -> Int32 {
    Darwin.accept(fd, address, length)
}
#endif
