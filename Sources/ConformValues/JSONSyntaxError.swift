/// A reader failure located by byte offset; the offset becomes a line and column only when the error is reported.
struct JSONSyntaxError: Error {
    var kind: LoadError.Kind
    var message: String
    var offset: Int

    init(_ kind: LoadError.Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    /// A `.syntax` error.
    init(_ message: String, at offset: Int) {
        self.init(.syntax, message, at: offset)
    }

    func loadError(in file: SourceFile) -> LoadError {
        let (line, column) = LineTable(file.bytes).location(ofOffset: offset, in: file.bytes)
        return LoadError(kind, message, at: SourceLocation(file: file.path, line: line, column: column))
            .withSourceLine(from: file)
    }
}

extension JSONInput {
    /// "expected `what`, found `whatever is at offset`".
    @inline(never)
    func expected(_ what: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("expected \(what), found \(describe(at: offset))", at: offset)
    }

    @inline(never)
    func unexpectedValueStart(at offset: Int, context: JSONValueContext) -> JSONSyntaxError {
        let next = byte(at: offset + 1)
        if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
            if byte(at: offset) == UInt8(ascii: "+") {
                return JSONSyntaxError("invalid number: a leading '+' is not allowed", at: offset)
            }
            if byte(at: offset) == UInt8(ascii: ".") {
                return JSONSyntaxError("invalid number: a digit is required before '.'", at: offset)
            }
        }
        let expected: String
        switch context {
        case .top: expected = "expected a JSON value"
        case .arrayStart: expected = "expected a JSON value or ']'"
        case .afterComma: expected = "expected a JSON value after ','"
        case .afterColon: expected = "expected a JSON value after ':'"
        }
        let found = isWordByte(at: offset) ? "'\(word(at: offset))'" : describe(at: offset)
        return JSONSyntaxError("\(expected), found \(found)", at: offset)
    }

    @inline(never)
    func invalidLiteral(_ expected: StaticString, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError("expected '\(expected)', found '\(word(at: offset))'", at: offset)
    }

    /// The run of letters, digits and underscores at `offset` (at least one byte), shortened when long.
    func word(at offset: Int) -> String {
        var end = offset + 1
        while end - offset < 24 && isWordByte(at: end) { end += 1 }
        return text(from: offset, to: end) + (isWordByte(at: end) ? "..." : "")
    }
}
