/// How a `LiveClient` paces and bounds the traffic it sends to a live API. The probe and the proxy point it at
/// someone's server, so the defaults are polite: a few requests at a time, a whole-request deadline, and retries only
/// where the request certainly did not reach the application.
package struct LiveClientConfiguration: Sendable {
    /// The deadline of one attempt, from the moment it is handed to the network to the last body byte. A whole-request
    /// deadline, not an idle one: a server that trickles a byte a second still times out. Time spent waiting for a
    /// concurrency slot or the rate limit does not count.
    package var timeout: Duration = .seconds(30)
    /// Requests in flight at once across every `send` of the client (and connections the session opens per host).
    package var maxConcurrent = 8
    /// Requests per second across every `send` of the client (attempts of a retry included), spaced evenly;
    /// nil sends as fast as `maxConcurrent` allows.
    package var rate: Double?
    /// Extra attempts after a connection error: the connection was refused or could not be made, or it closed
    /// before any byte of a response arrived. Never after an HTTP response (a 500 is an answer to check, not a
    /// failure), never after a timeout (the request may be running on the server), never after a name that does
    /// not resolve (it will not resolve a moment later either).
    package var retries = 2
    /// The pause before the first retry, doubled before each further one.
    package var retryDelay: Duration = .milliseconds(50)
    /// Extra attempts after the API said to come back later: a 429, or a 503 with `Retry-After` (RFC 9110 §10.2.3,
    /// RFC 6585 §4). Neither answer was the request's processing, so sending it again (a POST too) does what the
    /// first would have done; without waiting, every later case of a probe would get a 429 in place of an answer.
    package var rateLimitRetries = 4
    /// The longest `Retry-After` waited for; an API asking for longer gets its answer checked as it is. Without a
    /// `Retry-After`, a 429 is retried after one second, doubled before each further attempt.
    package var longestRetryAfter: Duration = .seconds(60)

    package init(
        timeout: Duration = .seconds(30), maxConcurrent: Int = 8, rate: Double? = nil, retries: Int = 2,
        retryDelay: Duration = .milliseconds(50), rateLimitRetries: Int = 4, longestRetryAfter: Duration = .seconds(60)
    ) {
        self.timeout = timeout
        self.maxConcurrent = maxConcurrent
        self.rate = rate
        self.retries = retries
        self.retryDelay = retryDelay
        self.rateLimitRetries = rateLimitRetries
        self.longestRetryAfter = longestRetryAfter
    }
}
