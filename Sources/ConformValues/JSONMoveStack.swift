/// A growable stack whose top elements can be moved out in bulk.
///
/// Closing a container moves its values (or keys) straight into the container's own array. With an `Array` as
/// the stack they would have to be copied (retaining each) and the originals destroyed (releasing each).
struct JSONMoveStack<Element>: ~Copyable {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(index: Int) -> Element {
        storage[index]
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// Moves the elements from `start` up into a new array and pops them.
    @inline(__always)
    mutating func take(from start: Int) -> [Element] {
        let taken = count - start
        guard taken > 0 else { return [] }
        let source = storage + start
        count = start
        return [Element](unsafeUninitializedCapacity: taken) { target, initialized in
            target.baseAddress!.moveInitialize(from: source, count: taken)
            initialized = taken
        }
    }

    /// Like `take(from:)`, but copies the elements out and then destroys them in place.
    ///
    /// For `String`, whose array storage the standard library pre-specializes, making an array through
    /// `init(unsafeUninitializedCapacity:)` looks its type metadata up on every call; copying does not, and
    /// copying a small string costs nothing.
    @inline(__always)
    mutating func takeByCopying(from start: Int) -> [Element] {
        let taken = count - start
        guard taken > 0 else { return [] }
        let source = storage + start
        count = start
        let array = Array(UnsafeBufferPointer(start: source, count: taken))
        source.deinitialize(count: taken)
        return array
    }

    @inline(never)
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity *= 2
    }
}

extension JSONMoveStack where Element: Equatable {
    /// Whether an element from `start` up equals `element`.
    @inline(__always)
    func contains(_ element: Element, from start: Int) -> Bool {
        var index = start
        while index < count {
            if storage[index] == element { return true }
            index += 1
        }
        return false
    }
}
