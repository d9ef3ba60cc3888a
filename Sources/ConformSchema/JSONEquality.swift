import Foundation
@_spi(Tape) import ConformValues

/// JSON Schema's notion of equality (for `enum`, `const` and `uniqueItems`): numbers compare by value
/// (`1 == 1.0`), objects ignore member order, everything else is structural.
enum JSONEquality {
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(left), .bool(right)): return left == right
        // Code points, not canonical equivalence: "é" and "e\u{301}" are different JSON strings.
        case let (.string(left), .string(right)): return sameScalars(left, right)
        case let (.integer(left), .integer(right)): return left == right
        case (.integer, .number), (.number, .integer), (.number, .number), (.bigNumber, _), (_, .bigNumber):
            return numbersEqual(lhs, rhs)
        case let (.array(left), .array(right)):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case let (.object(left), .object(right)):
            guard left.count == right.count else { return false }
            for (key, value) in left.members {
                guard let other = right[key], equal(value, other) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// A hash that values `equal` calls equal share: numbers by their decimal value (`1` and `1.0` alike), strings
    /// by their code points, objects whatever their member order.
    static func hash(_ value: JSONValue) -> Int {
        var hasher = Hasher()
        combine(value, into: &hasher)
        return hasher.finalize()
    }

    private static func combine(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let flag):
            hasher.combine(1 as UInt8)
            hasher.combine(flag)
        case .string(let text):
            hasher.combine(2 as UInt8)
            text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .integer, .number, .bigNumber:
            hasher.combine(3 as UInt8)
            hasher.combine(literal(value))
        case .array(let items):
            hasher.combine(4 as UInt8)
            hasher.combine(items.count)
            for item in items { combine(item, into: &hasher) }
        case .object(let object):
            // Member order does not count: each member hashed on its own, the hashes summed.
            hasher.combine(5 as UInt8)
            hasher.combine(object.count)
            var sum = 0
            for (key, member) in object.members {
                var memberHasher = Hasher()
                key.withUTF8Bytes { memberHasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                combine(member, into: &memberHasher)
                sum &+= memberHasher.finalize()
            }
            hasher.combine(sum)
        }
    }

    /// A tape value against a schema's value (`enum`, `const`): strings, integers and literals compared in place,
    /// anything else rebuilt first.
    static func equal(_ tape: JSONTapeView, _ index: JSONTape.Index, _ value: JSONValue) -> Bool {
        switch (tape.kind(index), value) {
        case (.string, .string(let text)):
            let bytes = tape.bytes(index)
            return text.withUTF8Bytes { $0.count == bytes.count && ($0.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0) }
        case (.string, _), (.null, _), (.false, _), (.true, _):
            switch (tape.kind(index), value) {
            case (.null, .null): return true
            case (.false, .bool(false)), (.true, .bool(true)): return true
            default: return false
            }
        case (.integer, .integer(let number)):
            return tape.integer(index) == number
        default:
            return equal(tape.value(at: index), value)
        }
    }

    /// Byte equality of the UTF-8 forms (so code point equality), with `memcmp` when both are contiguous.
    static func sameScalars(_ left: String, _ right: String) -> Bool {
        guard left.utf8.count == right.utf8.count else { return false }
        let fast = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes in
                leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0
            }
        }
        if let result = fast ?? nil { return result }
        return left.utf8.elementsEqual(right.utf8)
    }

    private static func numbersEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        guard let left = literal(lhs), let right = literal(rhs) else { return false }
        return left.compare(right) == 0
    }

    /// A number as the decimal it is written as (Double's shortest representation for doubles).
    static func literal(_ value: JSONValue) -> DecimalLiteral? {
        switch value {
        case .integer(let number): return DecimalLiteral(number)
        case .number(let number): return DecimalLiteral(number)
        case .bigNumber(let text): return DecimalLiteral(text)
        default: return nil
        }
    }
}
