/// An object whose members keep the order they were written in.
///
/// Keys are unique and compare by their bytes (see `ExactKey`): the readers reject duplicates before building
/// one. Small objects are searched linearly, which beats hashing for the handful of keys most OpenAPI and payload
/// objects have; larger ones carry an index.
public struct JSONObject: Sendable, Hashable {
    public private(set) var keys: [String]
    public private(set) var values: [JSONValue]
    private var index: [ExactKey: Int]?

    /// Objects above this many members get an index. A linear scan compares lengths first, so it stays cheap up to
    /// here, while an index is built for every such object read (hashing all its keys, and freeing it later), which
    /// costs more than it saves on the mid-sized objects descriptions are full of.
    private static let indexThreshold = 32

    public init() {
        keys = []
        values = []
        index = nil
    }

    /// Builds an object from members whose keys the caller knows to be unique.
    package init(uniqueKeys keys: [String], values: [JSONValue]) {
        precondition(keys.count == values.count, "keys and values differ in length")
        self.keys = keys
        self.values = values
        self.index = keys.count > Self.indexThreshold ? Self.makeIndex(keys) : nil
    }

    /// Builds an object from ordered pairs whose keys the caller knows to be unique.
    package init(_ pairs: [(String, JSONValue)]) {
        self.init(uniqueKeys: pairs.map(\.0), values: pairs.map(\.1))
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The members in order.
    public var members: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }

    /// Position of a key, or nil.
    package func position(of key: String) -> Int? {
        if let index { return index[ExactKey(key)] }
        return key.withUTF8Bytes { target in keys.firstIndex { $0.hasBytes(target) } }
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    index = keys.count > Self.indexThreshold ? Self.makeIndex(keys) : nil
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
                if index != nil {
                    index?[ExactKey(key)] = keys.count - 1
                } else if keys.count > Self.indexThreshold {
                    index = Self.makeIndex(keys)
                }
            }
        }
    }

    private static func makeIndex(_ keys: [String]) -> [ExactKey: Int] {
        var index = [ExactKey: Int](minimumCapacity: keys.count)
        for (position, key) in keys.enumerated() { index[ExactKey(key)] = position }
        return index
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keys.count == rhs.keys.count && zip(lhs.keys, rhs.keys).allSatisfy { $0.hasSameBytes(as: $1) }
            && lhs.values == rhs.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
    }
}
