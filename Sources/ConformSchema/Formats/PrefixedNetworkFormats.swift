/// The address families a network format takes.
enum IPFamily: Sendable {
    case v4, v6, any

    var name: String {
        switch self {
        case .v4: "IPv4"
        case .v6: "IPv6"
        case .any: "IPv4 or IPv6"
        }
    }
}

/// pydantic's address formats, which every FastAPI description with an IP field carries: `ipvanyaddress` (either
/// family), and the networks and interfaces of Python's `ipaddress` (`ipv4network`, `ipvanyinterface`, …): an
/// address with an optional `/prefix` (a length, or for IPv4 a netmask; none means the full length). A network's
/// host bits are zero (`192.0.2.0/24`; `192.0.2.1/24` is refused, as `ipaddress` refuses it); an interface's may be
/// set.
enum PrefixedNetworkFormats {
    static func address(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let all = 0..<bytes.count
        guard NetworkFormats.ipv4(bytes, all) != nil, NetworkFormats.ipv6(bytes, all) != nil else { return nil }
        return "not a valid IPv4 or IPv6 address"
    }

    static func prefixed(_ bytes: UnsafeBufferPointer<UInt8>, family: IPFamily, network: Bool) -> String? {
        // Worded only for a value that fails: every value under these formats comes here.
        func what(_ problem: String) -> String { "not a valid \(family.name) \(network ? "network" : "interface"): \(problem)" }
        let slash = bytes.firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
        let address = 0..<slash
        let isV4: Bool
        switch family {
        case .v4:
            if let problem = NetworkFormats.ipv4(bytes, address) { return what(problem) }
            isV4 = true
        case .v6:
            if let problem = NetworkFormats.ipv6(bytes, address) { return what(problem) }
            isV4 = false
        case .any:
            isV4 = NetworkFormats.ipv4(bytes, address) == nil
            if !isV4, NetworkFormats.ipv6(bytes, address) != nil { return what("the address before any '/' is neither") }
        }
        let bits = isV4 ? 32 : 128
        var length = bits
        if slash < bytes.count {
            let prefix = slash + 1..<bytes.count
            if !prefix.isEmpty, prefix.count <= 3, FormatBytes.digitsEnd(bytes, from: prefix.lowerBound) == bytes.count {
                length = FormatBytes.decimal(bytes, prefix)
                guard length <= bits else { return what("the prefix length \(length) is more than \(bits)") }
            } else if isV4, NetworkFormats.ipv4(bytes, prefix) == nil, let maskLength = Self.maskLength(ipv4Value(bytes, prefix)) {
                length = maskLength
            } else {
                return what("'\(FormatBytes.text(bytes, prefix))' after '/' is no prefix length" + (isV4 ? " or netmask" : ""))
            }
        }
        guard network else { return nil }
        let (high, low) = isV4 ? (0, UInt64(ipv4Value(bytes, address))) : ipv6Value(bytes, address)
        let hostBits = bits - length
        let hostMask: (UInt64, UInt64) = switch hostBits {
        case 0: (0, 0)
        case ..<64: (0, (1 << UInt64(hostBits)) - 1)
        case 64: (0, .max)
        default: (hostBits == 128 ? .max : (1 << UInt64(hostBits - 64)) - 1, .max)
        }
        guard high & hostMask.0 == 0, low & hostMask.1 == 0 else { return what("host bits are set after the first \(length)") }
        return nil
    }

    /// The prefix length a netmask such as 255.255.240.0 stands for, or nil when its ones are not contiguous.
    private static func maskLength(_ mask: UInt32) -> Int? {
        let ones = mask.leadingZeroBitCount == 0 ? (~mask).leadingZeroBitCount : 0
        return ones == 32 || mask << ones == 0 ? ones : nil
    }

    /// A valid dotted quad's 32 bits.
    private static func ipv4Value(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32 {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        for index in range {
            if bytes[index] == UInt8(ascii: ".") {
                value = value << 8 | octet
                octet = 0
            } else {
                octet = octet * 10 + UInt32(bytes[index] - 0x30)
            }
        }
        return value << 8 | octet
    }

    /// A valid IPv6 address's 128 bits, high and low halves: its groups before and after `::`, the gap filled with
    /// zeros, and an embedded IPv4 address as its last two groups.
    private static func ipv6Value(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64) {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var afterGap = false
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: ":") {
                if index + 1 < range.upperBound, bytes[index + 1] == UInt8(ascii: ":") {
                    afterGap = true
                    index += 2
                } else {
                    index += 1
                }
                continue
            }
            var end = index
            while end < range.upperBound, bytes[end] != UInt8(ascii: ":") { end += 1 }
            var groups: [UInt16]
            if bytes[index..<end].contains(UInt8(ascii: ".")) {
                let quad = ipv4Value(bytes, index..<end)
                groups = [UInt16(quad >> 16), UInt16(quad & 0xFFFF)]
            } else {
                groups = [UInt16(FormatBytes.text(bytes, index..<end), radix: 16) ?? 0]
            }
            if afterGap { tail += groups } else { head += groups }
            index = end
        }
        let all = head + [UInt16](repeating: 0, count: max(0, 8 - head.count - tail.count)) + tail
        let high = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }
}
