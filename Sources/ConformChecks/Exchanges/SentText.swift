import ConformTraffic

/// The text of a parameter or field as it arrived, with what still has to be undone. Styles split on raw
/// delimiters and decode each piece afterwards, because a delimiter that belongs to the data is sent escaped
/// (RFC 6570: `a%2Cb,c` is the two items "a,b" and "c"); splitting decoded text would merge them.
struct SentText: Sendable {
    enum Escaping: Sendable {
        /// Headers, cookies, multipart parts: the text is the data.
        case none
        /// A path segment: `%XX` escapes, `+` is itself.
        case percent
        /// A query or form value: `%XX` escapes, and `+` is a space.
        case form
    }

    var text: Substring
    var escaping: Escaping

    init(_ text: Substring, escaping: Escaping) {
        self.text = text
        self.escaping = escaping
    }

    static func plain(_ text: String) -> SentText { SentText(Substring(text), escaping: .none) }

    var isEmpty: Bool { text.isEmpty }

    /// The data: escapes undone.
    var decoded: String {
        switch escaping {
        case .none: String(text)
        case .percent: PercentDecoding.decode(text)
        case .form: PercentDecoding.decode(text, plusIsSpace: true)
        }
    }

    /// The same data with nothing left to undo, for delimiters that are sent escaped themselves (a space is `%20`
    /// or `+`, a pipe often `%7C`), so that only decoded text shows them.
    var unescaped: SentText {
        escaping == .none ? self : .plain(decoded)
    }

    /// The pieces between raw `delimiter` bytes, empty ones kept (`a,,b` has three items).
    func split(_ delimiter: UInt8) -> [SentText] {
        text.utf8.split(separator: delimiter, omittingEmptySubsequences: false).map {
            SentText(Substring($0), escaping: escaping)
        }
    }

    /// `key=value` at the first raw `=`; a piece without one is a key with the empty value.
    func keyAndValue() -> (key: SentText, value: SentText) {
        guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else {
            return (self, SentText(text[text.endIndex...], escaping: escaping))
        }
        return (SentText(text[..<equals], escaping: escaping), SentText(text[text.utf8.index(after: equals)...], escaping: escaping))
    }

    /// The text after `prefix` (compared byte for byte, before decoding), or nil when it does not start with it.
    func dropping(_ prefix: String) -> SentText? {
        guard text.utf8.starts(with: prefix.utf8) else { return nil }
        return SentText(text[text.utf8.index(text.startIndex, offsetBy: prefix.utf8.count)...], escaping: escaping)
    }

    /// Whether the raw text is exactly `other`.
    func reads(_ other: String) -> Bool { text.utf8.elementsEqual(other.utf8) }
}
