import Testing
@_spi(Tape) @testable import ConformValues

@Suite struct JSONTapeTests {
    /// Values that must come back from a tape exactly as they went in.
    static let roundTrips: [(String, String)] = [
        ("null", "null"),
        ("booleans", "[true,false]"),
        ("integers", "[0,-1,9223372036854775807,-9223372036854775808]"),
        ("doubles", "[1.5,-0.0,1e300,2.5e-10]"),
        ("big numbers", "[18446744073709551616,1e400]"),
        ("strings", #"["","a","zürich 🇨🇭","\u0000 and \" and \\"]"#),
        ("empty containers", #"[[],{},[[]],{"a":{}}]"#),
        ("nested", #"{"a":[1,{"b":[true,null,"x"]},[]],"c":{"d":{"e":"f"}},"g":2}"#),
        ("keys with escapes", #"{"a/b":1,"~0":2,"é":3,"\u0041":4}"#),
    ]

    @Test(arguments: roundTrips.map(\.0))
    func valueComesBackUnchanged(_ name: String) throws {
        let json = Self.roundTrips.first { $0.0 == name }!.1
        let value = try JSONReader.parse(Array(json.utf8))
        let tape = JSONTape(value)
        #expect(tape.value(at: 0) == value)
        // Every value's end is where the next one starts: the root ends at the last entry.
        tape.withView { #expect($0.end(0) == tape.entries.count) }
    }

    @Test func containersRecordTheirCountsAndEnds() throws {
        let tape = JSONTape(try JSONReader.parse(Array(#"{"list":[1,[2,3],{"x":4}],"name":"n"}"#.utf8)))
        tape.withView { view in
            #expect(view.kind(0) == .object)
            #expect(view.count(0) == 2)
            let list = view.member(named: "list", in: 0)!
            #expect(view.kind(list) == .array)
            #expect(view.count(list) == 3)
            // The items: 1, then [2,3] (three entries), then {"x":4} (three entries).
            let second = view.end(list + 1)
            #expect(view.kind(second) == .array && view.count(second) == 2)
            let third = view.end(second)
            #expect(view.kind(third) == .object && view.value(at: third) == .object(JSONObject([("x", .integer(4))])))
            #expect(view.end(third) == view.end(list))
            let name = view.member(named: "name", in: 0)!
            #expect(view.string(name) == "n")
            #expect(view.member(named: "missing", in: 0) == nil)
        }
    }

    @Test func memberNamesCompareByCodePoints() throws {
        // "é" precomposed and decomposed are canonically equivalent Swift strings, but different JSON names.
        let tape = JSONTape(try JSONReader.parse(Array(#"{"e\u0301":1}"#.utf8)))
        tape.withView { view in
            #expect(view.member(named: "\u{E9}", in: 0) == nil)
            #expect(view.member(named: "e\u{301}", in: 0) != nil)
        }
    }

    @Test func numbersReadBackByKind() throws {
        let tape = JSONTape(try JSONReader.parse(Array("[7,2.5,1e400]".utf8)))
        tape.withView { view in
            #expect(view.kind(1) == .integer && view.integer(1) == 7)
            #expect(view.kind(2) == .number && view.double(2) == 2.5)
            #expect(view.kind(3) == .bigNumber && view.string(3) == "1e400")
            #expect(view.doubleValue(1) == 7 && view.doubleValue(2) == 2.5 && view.doubleValue(3) == .infinity)
        }
    }
}
