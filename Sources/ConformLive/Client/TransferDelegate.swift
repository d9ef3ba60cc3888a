import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What became of one attempt, before it is classified into a `LiveClientError`.
enum TransferOutcome: Sendable {
    case response(HTTPURLResponse, Data)
    /// The URLSession error, and whether a response head had arrived (a connection lost after it is not retried).
    case error(URLError, responseStarted: Bool)
    case timedOut
    case cancelled
}

/// One attempt in flight: the bytes so far and the continuation its `send` waits on. Whichever comes first of the
/// task's completion, the deadline, cancellation or shutdown finishes it; the rest are ignored.
final class Transfer: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<TransferOutcome, Never>?
    private var pending: TransferOutcome?
    private var finished = false
    private(set) var data = Data()
    private(set) var responseStarted = false

    func received(_ chunk: Data) {
        lock.withLock {
            responseStarted = true
            data.append(chunk)
        }
    }

    func receivedHead() {
        lock.withLock { responseStarted = true }
    }

    var bytes: Data { lock.withLock { data } }
    var started: Bool { lock.withLock { responseStarted } }

    func finish(_ outcome: TransferOutcome) {
        let waiting: CheckedContinuation<TransferOutcome, Never>? = lock.withLock {
            guard !finished else { return nil }
            finished = true
            guard let continuation else {
                pending = outcome
                return nil
            }
            self.continuation = nil
            return continuation
        }
        waiting?.resume(returning: outcome)
    }

    /// Waits for `finish`; returns at once when it came first.
    func outcome() async -> TransferOutcome {
        await withCheckedContinuation { continuation in
            let ready: TransferOutcome? = lock.withLock {
                if let pending { return pending }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// The session's delegate: collects each task's response and bytes, refuses every redirect (a documented 3xx is
/// checked as the API sent it), and answers authentication challenges with the 401 itself, never a credential.
/// One delegate per session, on a serial queue; transfers are found by task identifier.
final class TransferDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var transfers: [Int: Transfer] = [:]
    /// Called on the first 5xx head, before the transfer completes and its connection could be reused
    /// (`LiveClient` retires the session).
    var onServerError: (@Sendable () -> Void)?
    private var reportedServerError = false

    func register(_ transfer: Transfer, for task: URLSessionTask) {
        lock.withLock { transfers[task.taskIdentifier] = transfer }
    }

    private func transfer(_ task: URLSessionTask) -> Transfer? {
        lock.withLock { transfers[task.taskIdentifier] }
    }

    /// Finishes every transfer still registered (the session is going away).
    func abandonAll() {
        let all = lock.withLock {
            defer { transfers.removeAll() }
            return Array(transfers.values)
        }
        all.forEach { $0.finish(.cancelled) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        transfer(task)?.receivedHead()
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        // corelibs turns a 401 with a Basic challenge into this call after the response and its body have been
        // delivered (the delegate queue is serial). Default handling without a credential leaves the task hanging,
        // and cancelling loses the response: so the 401 finishes the transfer here, and the task is cancelled.
        if let transfer = transfer(task), let response = challenge.failureResponse as? HTTPURLResponse {
            transfer.finish(.response(response, transfer.bytes))
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        transfer(dataTask)?.receivedHead()
        if let status = (response as? HTTPURLResponse)?.statusCode, status >= 500 {
            let first = lock.withLock {
                defer { reportedServerError = true }
                return !reportedServerError
            }
            if first { onServerError?() }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        transfer(dataTask)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let transfer = lock.withLock { transfers.removeValue(forKey: task.taskIdentifier) }
        guard let transfer else { return }
        if let error {
            let urlError = error as? URLError ?? URLError(.unknown)
            transfer.finish(urlError.code == .cancelled ? .cancelled : .error(urlError, responseStarted: transfer.started))
        } else if let response = task.response as? HTTPURLResponse {
            transfer.finish(.response(response, transfer.bytes))
        } else {
            transfer.finish(.error(URLError(.badServerResponse), responseStarted: transfer.started))
        }
    }
}
