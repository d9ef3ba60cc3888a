import Synchronization

/// Values the process holds until it exits rather than freeing them. The report of a long run is hundreds of
/// thousands of results, each with strings and arrays; released after the report is written, they would be freed
/// one by one on one thread while the user waits for the exit status, and `exit` gives the memory back at once.
enum KeptUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    static func keep(_ value: some Sendable) {
        values.withLock { $0.append(value) }
    }
}
