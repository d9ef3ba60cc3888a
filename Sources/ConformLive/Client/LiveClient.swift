import ConformTraffic
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response from the live API, with when it was asked for and how long it took.
package struct LiveResponse: Sendable {
    /// Status, fields and body as URLSession hands them over (see `LiveClient` for what it changes).
    package var response: HTTPResponse
    /// When the attempt that got this response began (after any wait for a slot or the rate limit).
    package var startedAt: Date
    /// From the start of that attempt to the last body byte.
    package var duration: Duration
    /// The URL the response came from: the request's, since redirects are not followed.
    package var finalURL: URL
    /// Attempts made, 1 unless connection errors or "come back later" answers (429) were retried.
    package var attempts: Int
}

/// The HTTP client of the probe and the proxy: sends an `HTTPRequest` to a live API and returns what the API
/// answered, as nearly as it was sent, so that the checks judge the API and not the client.
///
/// - Redirects are not followed: a 3xx is the response, with its `Location`, checked against the description.
/// - Requests in flight are bounded by `maxConcurrent` and starts spaced by `rate`, across all sends of the client.
/// - Connection errors are retried (`retries`); an HTTP response, of any status, never is.
/// - One ephemeral URLSession per client: no cookies, cache or credentials kept between requests. Call
///   `shutdown()` when done.
///
/// What URLSession (swift-corelibs-foundation over libcurl, on Linux) changes, and what this client does about it:
/// - Request fields live in a dictionary: their order on the wire is not the order given, and a repeated name is
///   sent as one field (`WireRequest.fields(of:)` folds the values with `, `, or `; ` for `Cookie`). Host,
///   Content-Length, Transfer-Encoding and Connection are the session's (`WireRequest.ownedFields`).
/// - It adds `User-Agent` (the process name and curl's version), `Accept: */*`, `Accept-Language` (from the
///   locale) and `Connection: keep-alive` when the request has none; a field the request sets wins.
/// - A POST with a body and no `Content-Type` is sent with `Content-Type: application/x-www-form-urlencoded`.
/// - A GET with a body is refused (here, before anything is sent).
/// - libcurl decodes gzip, deflate, br and zstd bodies whatever the request asked; hence `Accept-Encoding:
///   identity` unless the request sets its own. When it does and the API compresses, the body is the decoded
///   entity while `Content-Encoding` still names the coding.
/// - Response fields also arrive as a dictionary, and the order they came in is lost: they are returned sorted by
///   name so that reports do not change from run to run. Fields of the same name are joined with `, ` (which
///   mangles `Set-Cookie`); the same name in another case stays a field of its own, except for names corelibs
///   knows (`Set-Cookie` among them), where one spelling's values replace the other's.
/// - Its own request timeout is truncated to whole seconds; the client keeps the deadline itself.
/// - A 401 with a Basic challenge becomes an authentication challenge; without a credential the task would hang.
///   The delegate returns the 401 as the response (`TransferDelegate`).
/// - A request with a body sent on a kept-alive connection the server has just closed is sent again by libcurl on
///   a fresh one, but corelibs does not send the body again, and both ends wait until the deadline. Servers close
///   the connection after a 5xx without saying so (uvicorn after an unhandled exception does), so a 5xx head
///   retires the session: requests made after it go on a new session's fresh connections, and the retired session
///   finishes its tasks in flight.
package final class LiveClient: Sendable {
    package let configuration: LiveClientConfiguration
    private let limiter: ConcurrencyLimiter
    private let rateLimiter: RateLimiter?
    private let state = ClientState()

    package init(configuration: LiveClientConfiguration = LiveClientConfiguration()) {
        self.configuration = configuration
        limiter = ConcurrencyLimiter(limit: configuration.maxConcurrent)
        rateLimiter = configuration.rate.map { RateLimiter(rate: $0) }
        state.current = makeSession()
    }

    /// A session as the client uses them, with its own delegate (task identifiers are per session), which retires
    /// it when a response head says 5xx.
    private func makeSession() -> (session: URLSession, delegate: TransferDelegate) {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.httpCookieAcceptPolicy = .never
        sessionConfiguration.urlCache = nil
        sessionConfiguration.urlCredentialStorage = nil
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        sessionConfiguration.httpMaximumConnectionsPerHost = max(1, configuration.maxConcurrent)
        let backstop = TimeInterval(configuration.timeout.components.seconds + 2)
        sessionConfiguration.timeoutIntervalForRequest = backstop
        sessionConfiguration.timeoutIntervalForResource = backstop
        let delegate = TransferDelegate()
        // Serial: a task's callbacks (response, data, challenge, completion) must arrive in the order they were made.
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = "LiveClient"
        let session = URLSession(configuration: sessionConfiguration, delegate: delegate, delegateQueue: queue)
        delegate.onServerError = { [weak self, weak session] in
            guard let self, let session else { return }
            self.retire(session)
        }
        return (session, delegate)
    }

    /// Puts a new session in place of `session` (unless that happened already, or the client is shut down); the
    /// old one finishes its tasks and is then invalidated, closing its connections.
    private func retire(_ session: URLSession) {
        let fresh = makeSession()
        let replaced: Bool = state.lock.withLock {
            guard !state.shutDown, let current = state.current, current.session === session else { return false }
            state.retired.append(current)
            state.current = fresh
            return true
        }
        if replaced {
            session.finishTasksAndInvalidate()
        } else {
            fresh.session.invalidateAndCancel()
        }
    }

    deinit {
        shutdown()
    }

    /// Cancels requests in flight (their sends return `.failed`) and invalidates the session, which releases its
    /// delegate. Later sends fail at once. Safe to call more than once.
    package func shutdown() {
        let first = state.lock.withLock {
            defer { state.shutDown = true }
            return !state.shutDown
        }
        guard first else { return }
        let sessions = state.lock.withLock { (state.current.map { [$0] } ?? []) + state.retired }
        for (session, delegate) in sessions {
            session.invalidateAndCancel()
            delegate.abandonAll()
        }
    }

    /// Sends `request` (an origin-form URL resolved against `baseURL`, an absolute one as it is) and returns the
    /// API's response, or why there was none.
    package func send(_ request: HTTPRequest, to baseURL: URL) async -> Result<LiveResponse, LiveClientError> {
        guard let url = WireRequest.resolve(request.url, against: baseURL) else {
            let shown = LiveClientError.shown(request.url.hasPrefix("/") ? baseURL.absoluteString + request.url : request.url)
            return .failure(.failed(url: shown, reason: "not a valid URL", attempts: 0))
        }
        let shown = LiveClientError.shown(url)
        if let reason = WireRequest.unsendable(request) {
            return .failure(.failed(url: shown, reason: reason, attempts: 0))
        }
        let urlRequest = WireRequest.urlRequest(request, url: url, timeout: configuration.timeout)
        await limiter.acquire()
        let result = await attempts(urlRequest, url: url, shown: shown)
        await limiter.release()
        return result
    }

    /// The first attempt and the retries a connection error allows, each through the rate limit.
    private func attempts(_ urlRequest: URLRequest, url: URL, shown: String) async -> Result<LiveResponse, LiveClientError> {
        var attempt = 0
        var delay = configuration.retryDelay
        var rateLimited = 0
        var rateLimitDelay = Duration.seconds(1)
        while true {
            attempt += 1
            if let rateLimiter {
                let slot = await rateLimiter.reserve()
                try? await Task.sleep(until: slot, clock: .continuous)
            }
            let startedAt = Date()
            let start = ContinuousClock.now
            let outcome = Task.isCancelled ? .cancelled : await attemptOnce(urlRequest)
            let duration = ContinuousClock.now - start
            switch outcome {
            case .response(let response, let data):
                let fields = response.allHeaderFields.compactMap { name, value -> (name: String, value: String)? in
                    guard let name = name as? String else { return nil }
                    return (name, value as? String ?? "\(value)")
                }.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
                let http = HTTPResponse(
                    status: response.statusCode, headers: HTTPHeaders(fields), body: data.isEmpty ? .none : .bytes(Array(data)))
                if rateLimited < configuration.rateLimitRetries, !Task.isCancelled,
                    let wait = RetryAfter.wait(for: http, otherwise: rateLimitDelay, longest: configuration.longestRetryAfter)
                {
                    rateLimited += 1
                    rateLimitDelay *= 2
                    try? await Task.sleep(for: wait)
                    continue
                }
                return .success(
                    LiveResponse(response: http, startedAt: startedAt, duration: duration, finalURL: response.url ?? url, attempts: attempt))
            case .timedOut:
                return .failure(.timeout(url: shown, after: configuration.timeout))
            case .cancelled:
                let reason = state.lock.withLock { state.shutDown } ? "the client was shut down" : "cancelled"
                return .failure(.failed(url: shown, reason: reason, attempts: attempt))
            case .error(let error, let responseStarted):
                let failure = Self.classify(error, responseStarted: responseStarted, url: shown, timeout: configuration.timeout)
                if failure.retryable, attempt <= configuration.retries, !Task.isCancelled {
                    try? await Task.sleep(for: delay)
                    delay *= 2
                    continue
                }
                return .failure(failure.error(attempt))
            }
        }
    }

    /// One exchange on the session, bounded by the deadline and by cancellation of the calling task.
    private func attemptOnce(_ urlRequest: URLRequest) async -> TransferOutcome {
        let transfer = Transfer()
        // Under the lock: a task must not be made on a session `shutdown()` has invalidated.
        let task: URLSessionDataTask? = state.lock.withLock {
            guard !state.shutDown, let (session, delegate) = state.current else { return nil }
            let task = session.dataTask(with: urlRequest)
            delegate.register(transfer, for: task)
            return task
        }
        guard let task else { return .cancelled }
        // The deadline runs on Dispatch, not as a task: a cooperative pool kept busy by other work (a test runner
        // whose threads block, a CPU-bound validation) must not push a timeout back.
        let timer = DispatchWorkItem {
            transfer.finish(.timedOut)
            task.cancel()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(configuration.timeout.nanosecondsClamped)), execute: timer)
        task.resume()
        let outcome = await withTaskCancellationHandler {
            await transfer.outcome()
        } onCancel: {
            transfer.finish(.cancelled)
            task.cancel()
        }
        timer.cancel()
        return outcome
    }

    /// A URLSession error as the person reading the report would put it, and whether another attempt may help:
    /// only when no connection was made, or it closed before any byte of a response.
    private static func classify(
        _ error: URLError, responseStarted: Bool, url: String, timeout: Duration
    ) -> (error: (Int) -> LiveClientError, retryable: Bool) {
        switch error.code {
        case .cannotConnectToHost:
            return ({ .unreachable(url: url, reason: "could not connect (connection refused or no route to the host)", attempts: $0) }, true)
        case .cannotFindHost, .dnsLookupFailed:
            return ({ .unreachable(url: url, reason: "the host name does not resolve", attempts: $0) }, false)
        case .notConnectedToInternet:
            return ({ .unreachable(url: url, reason: "no network connection", attempts: $0) }, false)
        case .timedOut:
            return ({ _ in .timeout(url: url, after: timeout) }, false)
        case .networkConnectionLost where !responseStarted, .zeroByteResource where !responseStarted:
            return ({ .failed(url: url, reason: "the connection closed before a response", attempts: $0) }, true)
        case .networkConnectionLost:
            return ({ .failed(url: url, reason: "the connection closed during the response", attempts: $0) }, false)
        case .badServerResponse:
            return ({ .failed(url: url, reason: "the response is not valid HTTP", attempts: $0) }, false)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return ({ .failed(url: url, reason: "TLS failed (URL error \(error.code.rawValue))", attempts: $0) }, false)
        default:
            return ({ .failed(url: url, reason: "URL error \(error.code.rawValue)", attempts: $0) }, false)
        }
    }
}

/// Whether `shutdown()` has run, and the session tasks are made on: read before each task is made. Retired sessions
/// are kept until shutdown, which cancels what they still have in flight.
private final class ClientState: @unchecked Sendable {
    let lock = NSLock()
    var shutDown = false
    var current: (session: URLSession, delegate: TransferDelegate)?
    var retired: [(session: URLSession, delegate: TransferDelegate)] = []
}

extension Duration {
    /// Whole nanoseconds, saturating (for Dispatch deadlines).
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : max(0, whole &+ attoseconds / 1_000_000_000)
    }
}
