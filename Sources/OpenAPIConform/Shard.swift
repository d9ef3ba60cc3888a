/// One of N shares of a run's exchanges (`validate --shard K/N`), so that N machines of a CI fleet each check a
/// share and `merge` puts the reports together as one run would have written it. The share is by position: the
/// exchanges and unreadable entries of all the given files are numbered in order, and shard K takes those whose
/// number is K−1 modulo N. Every shard reads every file (a huge HAR splits too), and the same inputs give every
/// shard the same numbering, on any machine.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 ≤ K ≤ N, as the command line and CI matrices write it.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k - 1, count: n)
    }

    /// Whether the entry at this position of the run is this shard's.
    public func owns(_ position: Int) -> Bool {
        position % count == index
    }

    /// The first shard also reports what belongs to no entry (a traffic file that cannot be opened at all).
    public var isFirst: Bool { index == 0 }

    /// `2/4`.
    public var description: String { "\(index + 1)/\(count)" }
}
