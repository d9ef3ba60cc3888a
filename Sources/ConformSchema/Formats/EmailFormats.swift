/// `email` (RFC 5321 Mailbox) and `idn-email` (RFC 6531, which admits UTF-8 in the local part and U-labels in the
/// domain). The local part is a dot-string or a quoted string of at most 64 octets; the domain is a host name or an
/// address literal: `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
enum EmailFormats {
    static func email(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> String? {
        mailboxProblem(bytes, international: international).map { "not a valid e-mail address: \($0)" }
    }

    /// pydantic's `name-email`: `Name <address>` (the name any text, quoted or not) or a bare address, which may be
    /// international as email-validator allows.
    static func nameEmail(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.last == UInt8(ascii: ">"), let open = bytes.lastIndex(of: UInt8(ascii: "<")) else {
            return email(bytes, international: true)
        }
        let address = UnsafeBufferPointer(rebasing: bytes[open + 1..<bytes.count - 1])
        return mailboxProblem(address, international: true).map { "not a valid name and e-mail address: \($0)" }
    }

    private static func mailboxProblem(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> String? {
        guard !bytes.isEmpty else { return "empty" }
        let localEnd: Int
        switch localPart(bytes, international: international) {
        case .failure(let problem): return problem
        case .success(let end): localEnd = end
        }
        guard localEnd < bytes.count, bytes[localEnd] == UInt8(ascii: "@") else {
            return localEnd < bytes.count
                ? "unexpected \(FormatBytes.describe(bytes[localEnd])) in the local part" : "missing '@'"
        }
        guard localEnd <= 64 else { return "the local part is longer than 64 octets" }
        let domain = localEnd + 1..<bytes.count
        guard !domain.isEmpty else { return "missing domain" }
        if bytes[domain.lowerBound] == UInt8(ascii: "[") {
            return addressLiteralProblem(bytes, domain)
        }
        let problem: String?
        if international {
            let text = FormatBytes.text(bytes, domain)
            problem = HostnameFormats.internationalName(text)
        } else {
            problem = HostnameFormats.asciiName(bytes, domain)
        }
        return problem.map { "domain: \($0)" }
    }

    private enum Scan {
        case success(Int)
        case failure(String)
    }

    /// Scans the local part from the start; returns where it ends.
    private static func localPart(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> Scan {
        var index = 0
        if bytes[0] == UInt8(ascii: "\"") {
            index = 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { return .success(index + 1) }
                if byte == UInt8(ascii: "\\") {
                    guard index + 1 < bytes.count, (0x20...0x7E).contains(bytes[index + 1]) else {
                        return .failure("a backslash in a quoted local part must escape a printable character")
                    }
                    index += 2
                    continue
                }
                guard (0x20...0x7E).contains(byte) || (international && byte >= 0x80) else {
                    return .failure("unexpected \(FormatBytes.describe(byte)) in the quoted local part")
                }
                index += 1
            }
            return .failure("unterminated quoted local part")
        }
        var atomStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard index > atomStart else {
                    return .failure(index == 0 ? "the local part starts with '.'" : "'..' in the local part")
                }
                atomStart = index + 1
            } else if !(isAtomText(byte) || (international && byte >= 0x80)) {
                break
            }
            index += 1
        }
        guard index > 0 else { return .failure("empty local part") }
        guard index > atomStart else { return .failure("the local part ends with '.'") }
        return .success(index)
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtomText(_ byte: UInt8) -> Bool {
        if FormatBytes.isAlpha(byte) || FormatBytes.isDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `[IPv4]` or `[IPv6:address]`; other tagged literals are not supported.
    private static func addressLiteralProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ domain: Range<Int>) -> String? {
        guard bytes[domain.upperBound - 1] == UInt8(ascii: "]"), domain.count >= 2 else {
            return "an address literal must end with ']'"
        }
        let inner = domain.lowerBound + 1..<domain.upperBound - 1
        let tag = Array("ipv6:".utf8)
        if inner.count >= tag.count, zip(bytes[inner], tag).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 }) {
            return NetworkFormats.ipv6(bytes, inner.lowerBound + tag.count..<inner.upperBound)
                .map { "not a valid IPv6 address literal: \($0)" }
        }
        return NetworkFormats.ipv4(bytes, inner).map { "not a valid IPv4 address literal: \($0)" }
    }
}
