import Dispatch

/// `body` of each of `0..<count`, run on all cores, answered in order: reports split long work (rendering JSON
/// slices, fingerprinting findings) this way and put the parts together in input order. `body` is called from
/// several threads at once, so it may only read what it shares (a report's results, a filter by severity).
func concurrentMap<Value>(_ count: Int, _ body: (Int) -> Value) -> [Value] {
    let slots = Slots<Value>(count: count)
    withoutActuallyEscaping(body) { body in
        let shared = SharedBody(body)
        DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, shared.call($0)) }
    }
    return slots.values
}

/// A body `concurrentMap` calls on several threads; see its requirement.
private struct SharedBody<Value>: @unchecked Sendable {
    let call: (Int) -> Value

    init(_ call: @escaping (Int) -> Value) {
        self.call = call
    }
}

/// One slot per iteration: each iteration writes only its own, and the slots are read once `concurrentPerform`
/// has returned, after every iteration.
private final class Slots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Value) { slots[index] = value }

    var values: [Value] { slots.map { $0! } }
}
