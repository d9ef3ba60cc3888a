#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One request and its response over one connected socket, blocking the calling thread but never past the
/// deadline: writes and reads are non-blocking and every wait is a poll(2) with the time left.
struct UpstreamExchange {
    enum Outcome {
        case response(ResponseParser.Parsed)
        /// `beforeResponse`: the connection failed (write error, or end of stream) before any response byte
        /// arrived, which on a reused connection means the server had closed it while it idled.
        case failure(HTTPUpstreamError, beforeResponse: Bool)
    }

    let fd: Int32
    let upstream: String
    let configuration: HTTPClientConfiguration
    /// Monotonic nanoseconds.
    let deadline: Int64
    let timeout: Duration

    func run(head: [UInt8], body: [UInt8], headRequest: Bool) -> Outcome {
        // A small body goes in the head's write; a large one is sent from its own storage rather than copied.
        let written: Outcome?
        if body.count <= 16 * 1024 {
            written = write(head + body)
        } else {
            written = write(head) ?? write(body)
        }
        if let written { return written }
        return read(headRequest: headRequest)
    }

    /// nil when all of `bytes` went out.
    private func write(_ bytes: [UInt8]) -> Outcome? {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { all in Socket.send(fd, UnsafeRawBufferPointer(rebasing: all[offset...])) }
            guard let sent else {
                return .failure(.closed(upstream: upstream, reason: "the connection closed while the request was being sent"), beforeResponse: true)
            }
            if sent == 0 {
                guard Socket.wait(fd, for: Int16(POLLOUT), until: deadline) else { return timedOut }
            }
            offset += sent
        }
        return nil
    }

    private func read(headRequest: Bool) -> Outcome {
        var parser = ResponseParser(
            maxHeaderBytes: configuration.maxHeaderBytes, maxBodyBytes: configuration.maxBodyBytes, headRequest: headRequest)
        var buffer = InboundBuffer()
        var received = false
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        while true {
            do throws(ResponseParseError) {
                if case .response(var parsed) = try parser.next(&buffer) {
                    // Bytes after the response were never asked for: the connection is out of step.
                    parsed.reusable = parsed.reusable && buffer.isEmpty
                    return .response(parsed)
                }
            } catch {
                return .failure(HTTPUpstreamError(error, upstream: upstream, limits: configuration), beforeResponse: false)
            }
            switch Socket.receive(fd, into: scratch) {
            case .bytes(let count):
                received = true
                buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
            case .wouldBlock:
                guard Socket.wait(fd, for: Int16(POLLIN), until: deadline) else { return timedOut }
            case .failed(let reason):
                // A reset before any byte is a connection the server dropped; after some, the response is cut off.
                let detail = received ? "the connection failed in the middle of the response (\(reason))" : "the connection failed before a response arrived (\(reason))"
                return .failure(.closed(upstream: upstream, reason: detail), beforeResponse: !received)
            case .end:
                guard received else {
                    return .failure(.closed(upstream: upstream, reason: "the connection closed before a response arrived"), beforeResponse: true)
                }
                do throws(ResponseParseError) {
                    return .response(try parser.endOfStream(buffered: buffer.count))
                } catch {
                    return .failure(HTTPUpstreamError(error, upstream: upstream, limits: configuration), beforeResponse: false)
                }
            }
        }
    }

    private var timedOut: Outcome {
        .failure(.timeout(upstream: upstream, after: timeout), beforeResponse: false)
    }
}
