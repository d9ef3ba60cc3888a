/// `hostname` (RFC 1123 labels, with every `xn--` A-label checked as IDNA2008 requires) and `idn-hostname`
/// (RFC 5890: U-labels and A-labels, the ideographic full stops as separators). A trailing root dot is not accepted,
/// as the JSON Schema test suite expects.
enum HostnameFormats {
    static func hostname(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        asciiName(bytes, 0..<bytes.count).map { "not a valid host name: \($0)" }
    }

    static func idnHostname(_ string: String) -> String? {
        internationalName(string).map { "not a valid internationalized host name: \($0)" }
    }

    /// Checks an ASCII host name in `range`; returns what is wrong, or nil.
    static func asciiName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard !range.isEmpty else { return "empty" }
        guard range.count <= 253 else { return "longer than 253 characters" }
        var hasALabel = false
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == dot {
            let label = start..<index
            if let problem = asciiLabelProblem(bytes, label) { return problem }
            hasALabel = hasALabel || isALabel(bytes, label)
            start = index + 1
        }
        guard hasALabel else { return nil }
        // Only an A-label can bring right-to-left text into an ASCII name, so the Bidi rule waits for one.
        var labels: [[UInt32]] = []
        start = range.lowerBound
        for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == dot {
            let label = start..<index
            labels.append(decodeALabel(bytes, label) ?? bytes[label].map { UInt32($0) })
            start = index + 1
        }
        return IDNA.bidiProblem(labels)
    }

    /// Checks a host name that may hold U-labels; returns what is wrong, or nil.
    static func internationalName(_ string: String) -> String? {
        let ascii = string.withUTF8Bytes { bytes in FormatBytes.isASCII(bytes) }
        if ascii { return string.withUTF8Bytes { bytes in asciiName(bytes, 0..<bytes.count) } }
        var labels: [[UInt32]] = [[]]
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x3002, 0xFF0E, 0xFF61: labels.append([])
            default: labels[labels.count - 1].append(scalar.value)
            }
        }
        var length = labels.count - 1
        var bidiLabels: [[UInt32]] = []
        for label in labels {
            guard !label.isEmpty else { return "empty label" }
            if label.allSatisfy({ $0 < 0x80 }) {
                let bytes = label.map { UInt8($0) }
                let (problem, decoded) = bytes.withUnsafeBufferPointer { buffer in
                    (asciiLabelProblem(buffer, 0..<buffer.count), decodeALabel(buffer, 0..<buffer.count))
                }
                if let problem { return problem }
                length += label.count
                bidiLabels.append(decoded ?? label)
            } else {
                // An A-label spends at least one character per code point after "xn--", so a longer U-label cannot
                // fit in 63; rejecting it first keeps the quadratic Punycode encoder on short input.
                let tooLong = "a label's A-label form is longer than 63 characters"
                guard label.count <= 59 else { return tooLong }
                if let problem = IDNA.uLabelProblem(label) { return problem }
                guard let encoded = Punycode.encode(label), encoded.count + 4 <= 63 else { return tooLong }
                length += encoded.count + 4
                bidiLabels.append(label)
            }
        }
        guard length <= 253 else { return "longer than 253 characters in its ASCII form" }
        return IDNA.bidiProblem(bidiLabels)
    }

    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")

    /// Checks one LDH label, and the label an `xn--` A-label encodes.
    private static func asciiLabelProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> String? {
        guard !label.isEmpty else { return "empty label" }
        guard label.count <= 63 else { return "label '\(FormatBytes.text(bytes, label))' is longer than 63 characters" }
        for index in label {
            let byte = bytes[index]
            guard FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) || byte == hyphen else {
                return "unexpected \(FormatBytes.describe(byte))"
            }
        }
        guard bytes[label.lowerBound] != hyphen, bytes[label.upperBound - 1] != hyphen else {
            return "label '\(FormatBytes.text(bytes, label))' starts or ends with '-'"
        }
        guard isALabel(bytes, label) else { return nil }
        let text = FormatBytes.text(bytes, label)
        guard let decoded = decodeALabel(bytes, label) else { return "'\(text)' is not valid Punycode" }
        guard decoded.contains(where: { $0 >= 0x80 }) else { return "A-label '\(text)' encodes only ASCII" }
        let encoded = Punycode.encode(decoded) ?? []
        let written = bytes[label.lowerBound + 4..<label.upperBound]
        guard encoded.count == written.count, zip(encoded, written).allSatisfy({ $0 == $1 | 0x20 }) else {
            return "A-label '\(text)' is not in canonical Punycode form"
        }
        if let problem = IDNA.uLabelProblem(decoded) { return "A-label '\(text)': \(problem)" }
        return nil
    }

    /// Whether a label starts with the ACE prefix `xn--`, in any case.
    private static func isALabel(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> Bool {
        label.count >= 4 && bytes[label.lowerBound] | 0x20 == UInt8(ascii: "x")
            && bytes[label.lowerBound + 1] | 0x20 == UInt8(ascii: "n")
            && bytes[label.lowerBound + 2] == hyphen && bytes[label.lowerBound + 3] == hyphen
    }

    /// The code points of an A-label, or nil when the label is not one or does not decode. Letter case does not
    /// matter in an A-label (RFC 5890 section 2.3.2.1), so it is read in lower case.
    private static func decodeALabel(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> [UInt32]? {
        guard isALabel(bytes, label) else { return nil }
        let lowered = bytes[label.lowerBound + 4..<label.upperBound].map { FormatBytes.isAlpha($0) ? $0 | 0x20 : $0 }
        return Punycode.decode(lowered[...])
    }
}
