#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The socket calls of the upstream client: a connect and waits bounded by a deadline. The client's API blocks,
/// but its sockets do not: every wait is a poll(2) with the time left, so one deadline covers connect, write and
/// read, and a server that accepts and never answers costs the caller its timeout, not forever.
extension Socket {
    enum ConnectFailure: Error {
        /// The system's reason, for a person: "Connection refused", or why the name did not resolve.
        case failed(String)
        case timedOut
    }

    /// A connected non-blocking, close-on-exec socket to `host:port`, trying each address the name resolves to
    /// (for `localhost`, ::1 then 127.0.0.1) until one accepts or the deadline passes. Name resolution itself is
    /// getaddrinfo(3) and cannot be cut short; numeric addresses and /etc/hosts names resolve at once.
    static func connect(host: String, port: UInt16, deadline: Int64) -> Result<Int32, ConnectFailure> {
        let first: UnsafeMutablePointer<addrinfo>
        switch Socket.resolve(host: host, port: port, passive: false) {
        case .success(let list): first = list
        case .failure(let error): return .failure(.failed(error.description))
        }
        defer { freeaddrinfo(first) }
        var lastError = ConnectFailure.failed("'\(host)' resolves to no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, streamType, 0)
            guard fd >= 0 else {
                lastError = .failed("cannot create a socket: \(String(cString: strerror(errno)))")
                continue
            }
            guard Socket.configureConnection(fd) else {
                lastError = .failed("cannot make a socket non-blocking: \(String(cString: strerror(errno)))")
                close(fd)
                continue
            }
            if systemConnect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return .success(fd) }
            // An interrupted connect goes on in the background, like one in progress.
            guard errno == EINPROGRESS || errno == EINTR else {
                lastError = .failed(String(cString: strerror(errno)))
                close(fd)
                continue
            }
            guard wait(fd, for: Int16(POLLOUT), until: deadline) else {
                close(fd)
                return .failure(.timedOut)
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code == 0 { return .success(fd) }
            lastError = .failed(String(cString: strerror(code)))
            close(fd)
        }
        return .failure(lastError)
    }

    /// Waits until `fd` is ready for `events` (or has an error or hang-up, which the next call reports): false if
    /// the deadline (monotonic nanoseconds) passed first.
    static func wait(_ fd: Int32, for events: Int16, until deadline: Int64) -> Bool {
        while true {
            let remaining = deadline - MonotonicTime.now()
            guard remaining > 0 else { return false }
            let milliseconds = Int32(clamping: (remaining + 999_999) / 1_000_000)
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return true }
        }
    }

    /// What a client read found: unlike the server's `read`, the end of the stream and a reset differ, because a
    /// body delimited by the close is complete only at a clean end.
    enum ReceiveResult { case bytes(Int), wouldBlock, end, failed(String) }

    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReceiveResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .end }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
            return .failed(String(cString: strerror(errno)))
        }
    }

    /// Whether an idle connection has input or has been closed by its peer: either way it cannot carry the next
    /// request (an idle connection has nothing legitimate to read).
    static func hasInputOrHangUp(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }
}

#if os(Linux)
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Glibc.connect(fd, address, length)
}
#else
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    Darwin.connect(fd, address, length)
}
#endif
