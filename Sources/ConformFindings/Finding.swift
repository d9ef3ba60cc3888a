import ConformValues

/// Which half of an exchange a finding is about.
public enum ExchangeSide: String, Sendable, Hashable, Comparable {
    case request
    case response

    public static func < (lhs: ExchangeSide, rhs: ExchangeSide) -> Bool { lhs == .request && rhs == .response }
}

/// Where exchanges come from: a recording on disk, or a live source (a mock, a probe, a proxy) that has no file.
public enum TrafficSource: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A traffic file (HAR, JSONL, cassette, Pact file), by the path it was given as; `-` is standard input.
    case file(String)
    /// Exchanges that were never written to a file, by the name reports show (`mock`, `probe https://api.example`).
    case live(String)

    /// The path for a file, nil for a live source: what a report may point at as an artifact.
    public var file: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// The file's path, or the live source's name.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .live(let name): return name
        }
    }

    public static func < (lhs: TrafficSource, rhs: TrafficSource) -> Bool {
        switch (lhs, rhs) {
        case (.file(let left), .file(let right)), (.live(let left), .live(let right)): return left < right
        case (.file, .live): return true
        case (.live, .file): return false
        }
    }
}

/// One exchange of a source: the 0-based entry (HAR entry, JSONL line, cassette or Pact interaction, or the
/// position in a live session) and, when the reader knows it, the 1-based line where the entry starts. Readers
/// stamp it on every exchange and findings carry it, so a finding can always be joined back to its exchange.
public struct ExchangeReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var source: TrafficSource
    // Every result and finding of a long run holds a reference: index and line are kept in 32 bits each (0: no
    // line), which no recording comes near.
    private var storedIndex: UInt32
    private var storedLine: UInt32

    public init(source: TrafficSource, index: Int, line: Int? = nil) {
        self.source = source
        self.storedIndex = UInt32(clamping: index)
        self.storedLine = line.map { UInt32(clamping: $0) } ?? 0
    }

    public var index: Int {
        get { Int(storedIndex) }
        set { storedIndex = UInt32(clamping: newValue) }
    }

    /// 1-based line in the file where the exchange starts, when known.
    public var line: Int? {
        get { storedLine == 0 ? nil : Int(storedLine) }
        set { storedLine = newValue.map { UInt32(clamping: $0) } ?? 0 }
    }

    /// An entry of a traffic file.
    public init(file: String, index: Int, line: Int? = nil) {
        self.init(source: .file(file), index: index, line: line)
    }

    /// The traffic file, nil for a live exchange.
    public var file: String? { source.file }

    /// `traffic.har#3`, `mock#3`.
    public var description: String { "\(source)#\(index)" }

    public static func < (lhs: ExchangeReference, rhs: ExchangeReference) -> Bool {
        lhs.source != rhs.source ? lhs.source < rhs.source : lhs.index < rhs.index
    }
}

/// One problem found, in the terms a reviewer needs: which rule, how bad, what was wrong in words, and where,
/// both in the payload (`instancePointer`) and in the description (`specPointer`).
public struct Finding: Sendable, Hashable {
    public var rule: RuleID
    public var severity: Severity
    public var message: String
    /// The operation the finding belongs to, when it belongs to one.
    public var operation: OperationKey?
    /// The exchange the finding is about, for findings from traffic.
    public var exchange: ExchangeReference?
    /// Request or response, for findings from traffic.
    public var side: ExchangeSide?
    /// Where in the payload, for findings about exchanges and payloads.
    public var instancePointer: JSONPointer?
    /// Where in the description the rule was broken.
    public var specPointer: SpecPointer?
    /// A location given directly, for problems found before any value exists there (a syntax error).
    public var sourceLocation: SourceLocation?
    public var expected: String?
    public var actual: String?
    /// Further sentences shown under the message.
    public var notes: [String]

    public init(
        rule: RuleID,
        severity: Severity? = nil,
        message: String,
        operation: OperationKey? = nil,
        exchange: ExchangeReference? = nil,
        side: ExchangeSide? = nil,
        instancePointer: JSONPointer? = nil,
        specPointer: SpecPointer? = nil,
        sourceLocation: SourceLocation? = nil,
        expected: String? = nil,
        actual: String? = nil,
        notes: [String] = []
    ) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.message = message
        self.operation = operation
        self.exchange = exchange
        self.side = side
        self.instancePointer = instancePointer
        self.specPointer = specPointer
        self.sourceLocation = sourceLocation
        self.expected = expected
        self.actual = actual
        self.notes = notes
    }

    /// What tells a finding from others at the same places, when the pointers do not: for an exchange that reached
    /// no operation, its `actual` value (the server's origin for `request-unknown-server`, the path for
    /// `request-unknown-path`), so that requests to two unknown hosts are two findings, not one; for
    /// `response-status-undocumented`, the status, so that an undocumented 422 and an undocumented 401 of one
    /// operation are two defects (documenting one leaves the other, and a baseline of one must not hide the other).
    public var subject: String? {
        if operation == nil && side != nil { return actual }
        return rule == .responseStatusUndocumented ? actual : nil
    }

    /// Identity of a finding across runs: rule, operation (or, without one, `subject`) and pointers, never payload
    /// values, so that a baseline keeps matching when payload values change. Array indices in the instance pointer count as one (`/items/*/id`):
    /// the same defect in the third item of one response and the fifth of the next is the same finding.
    /// The spec pointer counts by file name, not path, so the identity does not change with the directory the
    /// tool runs in or where the repository is checked out.
    public var fingerprint: String { StableHash.hex(fingerprintValue) }

    /// `fingerprint`'s 64 bits: the parts (rule, operation, side, instance pointer with indices as `*`, spec
    /// file name and pointer, subject) hashed as one text joined by U+001F, fed to the hash part by part so that a
    /// run with millions of findings builds no string for it.
    public var fingerprintValue: UInt64 {
        var hash = StableHash()
        hash.feed(rule.name)
        hash.separator()
        if let operation { hash.feed(operation.description) }
        hash.separator()
        if let side { hash.feed(side.rawValue) }
        hash.separator()
        if let instancePointer {
            for (position, token) in instancePointer.tokens.enumerated() {
                if position > 0 { hash.feed(byte: 0x2F) }
                if JSONPointer.arrayIndex(token) == nil { hash.feedEscaped(token) } else { hash.feed(byte: 0x2A) }
            }
        }
        hash.separator()
        if let specPointer {
            hash.feedFileName(specPointer.file)
            hash.feed(byte: 0x23)
            for token in specPointer.pointer.tokens {
                hash.feed(byte: 0x2F)
                hash.feedEscaped(token)
            }
        }
        if let subject {
            hash.separator()
            hash.feed(subject)
        }
        return hash.value
    }
}

extension Finding: CustomStringConvertible {
    /// `error[request-body-invalid] POST /pets: request body /name: …`: one line, for logs and test failures.
    public var description: String {
        "\(severity)[\(rule.name)] " + (operation.map { "\($0): " } ?? "") + message
    }
}

extension Finding: Comparable {
    /// Deterministic order: by spec location, then rule, then message.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        switch (lhs.specPointer, rhs.specPointer) {
        case let (left?, right?) where left != right: return left < right
        case (nil, _?): return false
        case (_?, nil): return true
        default: break
        }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        if lhs.operation != rhs.operation {
            guard let left = lhs.operation else { return true }
            guard let right = rhs.operation else { return false }
            return left < right
        }
        if lhs.instancePointer != rhs.instancePointer {
            return (lhs.instancePointer ?? .root) < (rhs.instancePointer ?? .root)
        }
        return lhs.message < rhs.message
    }
}

/// FNV-1a, 64 bits: a hash that is the same in every run and on every machine (Swift's `Hasher` is seeded).
package struct StableHash {
    /// FNV-1a, 64 bits: stable across runs, platforms and Swift versions (unlike `Hasher`).
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    package mutating func feed(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }

    package mutating func feed(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { feed(byte: byte) }
    }

    package mutating func feed(_ text: String) {
        text.withUTF8Bytes { feed($0) }
    }

    /// The text after the last slash of a path: the file's name.
    package mutating func feedFileName(_ path: String) {
        path.withUTF8Bytes { bytes in
            let start = bytes.lastIndex(of: 0x2F).map { $0 + 1 } ?? 0
            feed(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// A JSON Pointer token as `JSONPointer.escape` writes it (`~` as `~0`, `/` as `~1`). A report fingerprints
    /// every finding, so tokens are hashed from their bytes, escaped in pieces, with no escaped text made.
    package mutating func feedEscaped(_ token: String) {
        token.withUTF8Bytes { bytes in JSONPointer.forEachEscapedPiece(of: bytes) { feed($0) } }
    }

    /// U+001F, between the parts of a fingerprint.
    package mutating func separator() { feed(byte: 0x1F) }

    package static func hex(of text: String) -> String {
        var hash = StableHash()
        hash.feed(text)
        return hex(hash.value)
    }

    /// Sixteen lowercase hexadecimal digits.
    package static func hex(_ value: UInt64) -> String {
        HexDigits.string(value)
    }
}

extension Sequence where Element == Finding {
    /// Findings in reading order: by file, line and column of where they point, then rule and message.
    /// Findings that point nowhere in the description come last, in their own stable order.
    package func sorted(locatedBy locator: any SpecLocating) -> [Finding] {
        let keyed = map { finding in (finding, finding.sourceLocation ?? finding.specPointer.flatMap(locator.location(of:))) }
        return keyed.sorted { left, right in
            switch (left.1, right.1) {
            case let (leftLocation?, rightLocation?) where leftLocation != rightLocation:
                return leftLocation < rightLocation
            case (nil, _?): return false
            case (_?, nil): return true
            default: return left.0 < right.0
            }
        }.map(\.0)
    }
}
