#if canImport(Glibc)
import CEpoll
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Readiness of many descriptors for one event-loop thread: epoll on Linux, poll(2) elsewhere. Level-triggered:
/// a descriptor with unread bytes is reported again on the next wait, so a connection may read a bounded amount
/// per turn and still be fair to the others.
struct Poller: ~Copyable {
    struct Event {
        var fd: Int32
        var readable: Bool
        var writable: Bool
        /// Hang-up or error: the connection is over (its pending bytes may still be read).
        var failed: Bool
    }

    struct Interest: OptionSet {
        let rawValue: UInt8
        static let read = Interest(rawValue: 1)
        static let write = Interest(rawValue: 2)
    }

    #if os(Linux)
    private let epoll: Int32
    private var buffer: [epoll_event]

    init() throws(HTTPServerError) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw .system("cannot create an epoll instance") }
        buffer = Array(repeating: epoll_event(), count: 256)
    }

    deinit {
        close(epoll)
    }

    func add(_ fd: Int32, _ interest: Interest) -> Bool {
        var event = epoll_event()
        event.events = Self.mask(interest)
        event.data.fd = fd
        return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event) == 0
    }

    func modify(_ fd: Int32, _ interest: Interest) {
        var event = epoll_event()
        event.events = Self.mask(interest)
        event.data.fd = fd
        epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    func remove(_ fd: Int32) {
        var event = epoll_event()
        epoll_ctl(epoll, EPOLL_CTL_DEL, fd, &event)
    }

    /// Waits up to `milliseconds`; the ready descriptors. (Returned rather than handed to a closure, so the caller
    /// may change registrations while it handles them.)
    mutating func wait(milliseconds: Int32) -> [Event] {
        let count = buffer.withUnsafeMutableBufferPointer { events in
            epoll_wait(epoll, events.baseAddress, Int32(events.count), milliseconds)
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { index in
            let event = buffer[index]
            return Event(
                fd: event.data.fd,
                readable: event.events & EPOLLIN.rawValue != 0,
                writable: event.events & EPOLLOUT.rawValue != 0,
                failed: event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0)
        }
    }

    private static func mask(_ interest: Interest) -> UInt32 {
        var mask = EPOLLRDHUP.rawValue
        if interest.contains(.read) { mask |= EPOLLIN.rawValue }
        if interest.contains(.write) { mask |= EPOLLOUT.rawValue }
        return mask
    }
    #else
    private var interests: [Int32: Interest] = [:]

    init() throws(HTTPServerError) {}

    mutating func add(_ fd: Int32, _ interest: Interest) -> Bool {
        interests[fd] = interest
        return true
    }

    mutating func modify(_ fd: Int32, _ interest: Interest) {
        interests[fd] = interest
    }

    mutating func remove(_ fd: Int32) {
        interests[fd] = nil
    }

    mutating func wait(milliseconds: Int32) -> [Event] {
        var fds = interests.map { fd, interest in
            pollfd(
                fd: fd,
                events: (interest.contains(.read) ? Int16(POLLIN) : 0) | (interest.contains(.write) ? Int16(POLLOUT) : 0),
                revents: 0)
        }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return [] }
        return fds.filter { $0.revents != 0 }.map { entry in
            Event(
                fd: entry.fd,
                readable: entry.revents & Int16(POLLIN) != 0,
                writable: entry.revents & Int16(POLLOUT) != 0,
                failed: entry.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0)
        }
    }
    #endif
}
