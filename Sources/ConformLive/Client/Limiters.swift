/// Bounds the requests in flight: `acquire` waits for one of `limit` permits, `release` hands it to the longest
/// waiter. Shared by every send of one client so that a probe's parallel tasks cannot flood the API.
actor ConcurrencyLimiter {
    private let limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        // The permit passes straight from `release` to the waiter: `inUse` is not decremented in between, so a
        // newcomer cannot overtake.
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Spaces request starts `1/rate` seconds apart: each caller reserves the next free slot, then sleeps until it
/// outside the actor, so reservations stay in arrival order while the sleeps overlap. No bursts: a rate is a
/// promise to the API's operators, not an average.
actor RateLimiter {
    private let interval: Duration
    private var next: ContinuousClock.Instant?

    init(rate: Double) {
        let nanoseconds = rate > 0 ? (1e9 / rate).rounded() : 0
        interval = .nanoseconds(Int64(min(nanoseconds, 1e15)))
    }

    /// Reserves a slot and returns when it is due (at once when the client has been idle long enough).
    func reserve() -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        let slot = next.map { max($0, now) } ?? now
        next = slot + interval
        return slot
    }
}
