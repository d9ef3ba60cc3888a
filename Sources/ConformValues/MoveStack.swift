/// A stack for the items of open collections, shared by the JSON and YAML readers: finishing a collection moves
/// its items off the top into a new array in one step, where slicing an `Array` and removing the slice would
/// retain and release every item.
struct MoveStack<Element>: ~Copyable {
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

    /// Moves the elements from `start` to the top into a new array and pops them: no element is retained or
    /// released.
    @inline(__always)
    mutating func take(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        count = start
        return Array(MovedElements(base: storage + start, count: moved))
    }

    /// Copies of the elements from `start` to the top, left in place.
    func copy(from start: Int) -> [Element] {
        Array(UnsafeBufferPointer(start: storage + start, count: count - start))
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

/// Elements that `Array.init` takes over from a `MoveStack`'s memory. Going through `Array.init` gets the
/// specialized allocation (`Array(unsafeUninitializedCapacity:)` looks the array type's metadata up on every
/// call), and `_copyContents`, which that initializer calls, moves the elements instead of copying them.
private struct MovedElements<Element>: RandomAccessCollection {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element { base[position] }

    func makeIterator() -> UnsafeBufferPointer<Element>.Iterator {
        UnsafeBufferPointer(start: base, count: count).makeIterator()
    }

    func _copyContents(
        initializing buffer: UnsafeMutableBufferPointer<Element>
    ) -> (UnsafeBufferPointer<Element>.Iterator, Int) {
        let moved = Swift.min(count, buffer.count)
        buffer.baseAddress?.moveInitialize(from: base, count: moved)
        return (UnsafeBufferPointer(start: base + moved, count: count - moved).makeIterator(), moved)
    }
}
