import Testing

@testable import ConformSchema

/// Bounds and `multipleOf` decided exactly: integers as integers, big numbers and decimals as the literals they
/// are written as, where `Double` would round two different numbers to one.
@Suite struct ExactNumberTests {
    static let ledger = try! SchemaFixture("ledger-numbers-3.1.yaml")

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var json: String
        var expected: [String]
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "2^53 + 1 is above a maximum of 2^53", json: #"{"amount": 9007199254740993}"#,
             expected: ["/amount maximum: 9007199254740993 is greater than the maximum 9007199254740992"]),
        Case(id: "-(2^53 + 1) is below a minimum of -2^53", json: #"{"amount": -9007199254740993}"#,
             expected: ["/amount minimum: -9007199254740993 is less than the minimum -9007199254740992"]),
        Case(id: "2^53 is within a maximum of 2^53", json: #"{"amount": 9007199254740992}"#, expected: []),
        Case(id: "2^53 is below an exclusive maximum of 2^53 + 1", json: #"{"settlement_cap": 9007199254740992}"#, expected: []),
        Case(id: "2^53 + 1 reaches an exclusive maximum of 2^53 + 1", json: #"{"settlement_cap": 9007199254740993}"#,
             expected: ["/settlement_cap exclusiveMaximum: 9007199254740993 must be less than 9007199254740993"]),
        Case(id: "an integer above a decimal maximum that rounds to it", json: #"{"credit_limit": 10000000000000001}"#,
             expected: ["/credit_limit maximum: 10000000000000001 is greater than the maximum 1e+16"]),
        Case(id: "a big number above a big maximum", json: #"{"balance": 18446744073709551616}"#,
             expected: ["/balance maximum: 18446744073709551616 is greater than the maximum 18446744073709551615"]),
        Case(id: "a big number at a big maximum", json: #"{"balance": 18446744073709551615}"#, expected: []),
        Case(id: "19.99 is a multiple of 0.01", json: #"{"unit_price": 19.99}"#, expected: []),
        Case(id: "19.999 is not a multiple of 0.01", json: #"{"unit_price": 19.999}"#,
             expected: ["/unit_price multipleOf: 19.999 is not a multiple of 0.01"]),
        Case(id: "a price far beyond 2^53 is still a multiple of 0.01", json: #"{"unit_price": 1e300}"#, expected: []),
        Case(id: "1e20 is no multiple of 3", json: #"{"lot_size": 1e20}"#,
             expected: ["/lot_size multipleOf: 1e+20 is not a multiple of 3"]),
        Case(id: "3e20 is a multiple of 3", json: #"{"lot_size": 3e20}"#, expected: []),
        Case(id: "0.30000000000000004 is above a maximum of 0.3", json: #"{"fee_rate": 0.30000000000000004}"#,
             expected: ["/fee_rate maximum: 0.30000000000000004 is greater than the maximum 0.3"]),
        Case(id: "0.3 is at a maximum of 0.3", json: #"{"fee_rate": 0.3}"#, expected: []),
    ]

    @Test(arguments: cases)
    func ledgerAmounts(_ test: Case) {
        #expect(Self.ledger.check("LedgerEntry", test.json) == test.expected)
    }

    /// The literal arithmetic itself, at the edges `Int64` and `Double` do not reach.
    @Test(arguments: [
        ("9007199254740993", "9007199254740992", 1), ("-0.0", "0", 0), ("1e2", "100", 0), ("0.001", "1e-3", 0),
        ("123456789012345678901234567890123456789012", "123456789012345678901234567890123456789013", -1),
        ("-5", "-50", 1), ("1E+400", "9e399", 1),
    ])
    func literalsCompareExactly(_ left: String, _ right: String, _ order: Int) throws {
        let lhs = try #require(DecimalLiteral(left))
        let rhs = try #require(DecimalLiteral(right))
        #expect(lhs.compare(rhs) == order)
        #expect(rhs.compare(lhs) == -order)
    }

    @Test(arguments: [
        ("19.99", "0.01", true), ("0.0075", "0.0001", true), ("0.00005", "0.0001", false), ("1e20", "3", false),
        ("3e20", "3", true), ("123456789012345678901234567890", "10", true), ("7.5", "2.5", true), ("7.5", "2", false),
    ])
    func multiplesAreDecimal(_ value: String, _ divisor: String, _ expected: Bool) throws {
        let literal = try #require(DecimalLiteral(value))
        #expect(literal.isMultiple(of: try #require(DecimalLiteral(divisor))) == expected)
    }
}
