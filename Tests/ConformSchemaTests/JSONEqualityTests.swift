@testable import ConformSchema
import ConformValues
import Testing

/// JSON Schema's equality (enum, const, uniqueItems) and the hash uniqueItems buckets by: values equal by
/// `JSONEquality.equal` hash alike, and the first duplicate found through the buckets is the one comparing every
/// pair finds.
@Suite struct JSONEqualityTests {
    struct Pair: Sendable, CustomStringConvertible {
        var left: String
        var right: String
        var equal: Bool
        var description: String { "\(left) vs \(right)" }
    }

    static let pairs: [Pair] = [
        Pair(left: "1", right: "1.0", equal: true),
        Pair(left: "1", right: "1e0", equal: true),
        Pair(left: "-0", right: "0", equal: true),
        Pair(left: "1", right: "1.5", equal: false),
        Pair(left: #"{"a": 1, "b": [1, 2]}"#, right: #"{"b": [1.0, 2], "a": 1}"#, equal: true),
        Pair(left: #"{"a": 1}"#, right: #"{"a": 1, "b": null}"#, equal: false),
        Pair(left: "[1, 2]", right: "[2, 1]", equal: false),
        Pair(left: #""é""#, right: #""e\u0301""#, equal: false),
        Pair(left: "true", right: "1", equal: false),
        Pair(left: "null", right: "false", equal: false),
        Pair(left: #""1""#, right: "1", equal: false),
    ]

    @Test(arguments: pairs)
    func equalValuesHashAlike(_ pair: Pair) throws {
        let left = try JSONReader.parse(Array(pair.left.utf8))
        let right = try JSONReader.parse(Array(pair.right.utf8))
        #expect(JSONEquality.equal(left, right) == pair.equal)
        if pair.equal { #expect(JSONEquality.hash(left) == JSONEquality.hash(right)) }
    }

    /// The pair every-pair comparison finds first.
    static func reference(_ items: [JSONValue]) -> (Int, Int)? {
        guard items.count > 1 else { return nil }
        for second in 1..<items.count {
            for first in 0..<second where JSONEquality.equal(items[first], items[second]) { return (first, second) }
        }
        return nil
    }

    /// Random small arrays of numbers written several ways, strings and objects: the same answer as the reference.
    @Test func theFirstDuplicateIsTheOneEveryPairFinds() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pool: [JSONValue] = [
            .integer(1), .number(1.0), .integer(2), .number(2.5), .bigNumber("1.00"), .string("a"), .string("b"),
            .null, .bool(true), .array([.integer(1)]), .array([.number(1)]),
            .object(JSONObject([("x", .integer(1)), ("y", .integer(2))])), .object(JSONObject([("y", .integer(2)), ("x", .number(1))])),
        ]
        for _ in 0..<2000 {
            let items = (0..<next(8)).map { _ in pool[next(pool.count)] }
            let found = Evaluator.firstDuplicate(items)
            let expected = Self.reference(items)
            #expect(found?.0 == expected?.0 && found?.1 == expected?.1, "\(items)")
        }
    }

    /// A long array of distinct items, and the same with one repeat at the end.
    @Test func aLongArrayIsCheckedWhole() {
        var items = (0..<100_000).map { JSONValue.integer(Int64($0)) }
        #expect(Evaluator.firstDuplicate(items) == nil)
        items.append(.number(4242.0))
        let found = Evaluator.firstDuplicate(items)
        #expect(found?.0 == 4242 && found?.1 == 100_000)
    }
}
