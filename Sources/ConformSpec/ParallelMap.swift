import Dispatch

extension Array where Element: Sendable {
    /// `map` on all cores, results in the elements' order. For work that is large and independent per element,
    /// such as reading one file each.
    package func parallelMap<Output: Sendable>(_ transform: @Sendable (Element) -> Output) -> [Output] {
        guard count > 1 else { return map(transform) }
        let slots = Slots<Output>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(transform(self[index]), at: index)
        }
        return slots.values()
    }
}

/// One slot per result, each written by exactly one iteration of `concurrentPerform` and read after all of them
/// finished: that discipline, not a lock, is what makes the unchecked `Sendable` safe.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    func store(_ value: Value, at index: Int) {
        storage[index] = value
    }

    func values() -> [Value] {
        storage.map { $0! }
    }

    deinit {
        _ = storage.deinitialize()
        storage.deallocate()
    }
}
