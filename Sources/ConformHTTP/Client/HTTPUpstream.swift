/// Where the proxy forwards to: an `http://host[:port][/base-path]` URL, parsed once when the command starts so
/// that a typo is reported there, with the column, rather than as a failed request later.
///
/// Plain HTTP only: the package has no TLS library, and a proxy for contract tests usually sits in front of a
/// local server anyway.
package struct HTTPUpstream: Sendable, Equatable, CustomStringConvertible {
    /// Always `http`.
    package var scheme: String
    /// A name or an address; an IPv6 address without its brackets.
    package var host: String
    package var port: UInt16
    /// Prefixed to every forwarded target: empty, or `/api` (no trailing slash).
    package var basePath: String

    package init(host: String, port: UInt16 = 80, basePath: String = "") {
        scheme = "http"
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http://host[:port][/base-path]`.
    package init(parsing text: String) throws(HTTPUpstreamURLError) {
        let bytes = Array(text.utf8)
        func fail(_ index: Int, _ message: String) -> HTTPUpstreamURLError {
            HTTPUpstreamURLError(input: text, column: index + 1, message: message)
        }
        guard let schemeEnd = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[schemeEnd...].starts(with: "://".utf8), schemeEnd > 0
        else { throw fail(0, "expected 'http://host[:port][/base-path]'") }
        let scheme = String(decoding: bytes[..<schemeEnd], as: UTF8.self).lowercased()
        if scheme == "https" {
            throw fail(0, "https upstreams are not supported: put a TLS-terminating proxy in front")
        }
        guard scheme == "http" else { throw fail(0, "the scheme must be http, not '\(scheme)'") }
        let authorityStart = schemeEnd + 3
        var index = authorityStart
        while index < bytes.count, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: "?"),
              bytes[index] != UInt8(ascii: "#") {
            index += 1
        }
        let authorityEnd = index
        if let at = bytes[authorityStart..<authorityEnd].firstIndex(of: UInt8(ascii: "@")) {
            throw fail(at, "user information ('user@') is not supported in the upstream URL")
        }
        var host: String
        var portStart: Int?
        if authorityStart < authorityEnd, bytes[authorityStart] == UInt8(ascii: "[") {
            guard let close = bytes[authorityStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else {
                throw fail(authorityStart, "an IPv6 address needs its closing ']'")
            }
            let inner = bytes[(authorityStart + 1)..<close]
            guard !inner.isEmpty, inner.allSatisfy({ ByteClass.hexValue($0) != nil || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
                throw fail(authorityStart + 1, "not an IPv6 address")
            }
            host = String(decoding: inner, as: UTF8.self)
            if close + 1 < authorityEnd {
                guard bytes[close + 1] == UInt8(ascii: ":") else { throw fail(close + 1, "expected ':port' after the IPv6 address") }
                portStart = close + 2
            }
        } else {
            let colon = bytes[authorityStart..<authorityEnd].firstIndex(of: UInt8(ascii: ":"))
            let hostEnd = colon ?? authorityEnd
            guard hostEnd > authorityStart else { throw fail(authorityStart, "the host is missing") }
            if let bad = bytes[authorityStart..<hostEnd].firstIndex(where: { !Self.isHostByte($0) }) {
                throw fail(bad, "a host name holds letters, digits, '-', '.' and '_' only")
            }
            host = String(decoding: bytes[authorityStart..<hostEnd], as: UTF8.self)
            portStart = colon.map { $0 + 1 }
        }
        var port: UInt16 = 80
        if let portStart {
            let digits = bytes[portStart..<authorityEnd]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let number = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(number)
            else { throw fail(portStart, "the port must be a number from 1 to 65535") }
            port = UInt16(number)
        }
        var pathEnd = authorityEnd
        while pathEnd < bytes.count, bytes[pathEnd] != UInt8(ascii: "?"), bytes[pathEnd] != UInt8(ascii: "#") {
            if !ByteClass.isTargetByte(bytes[pathEnd]) {
                throw fail(pathEnd, "the base path holds a space or a control character (percent-encode it)")
            }
            pathEnd += 1
        }
        if pathEnd < bytes.count {
            throw fail(pathEnd, "a query or fragment cannot be part of the upstream URL")
        }
        var basePath = String(decoding: bytes[authorityEnd..<pathEnd], as: UTF8.self)
        while basePath.hasSuffix("/") { basePath.removeLast() }
        self.init(host: host, port: port, basePath: basePath)
    }

    /// `host:port` as messages name it (`[::1]:8080` for IPv6).
    package var authority: String {
        "\(bracketedHost):\(port)"
    }

    /// The `Host` field the client sends when the caller gives none: the port only when it is not 80.
    package var hostField: String {
        port == 80 ? bracketedHost : authority
    }

    /// The target to send for a target the proxy received: the base path joined to an origin-form target
    /// (`/orders?x=1` → `/api/orders?x=1`); `*` and absolute forms pass unchanged.
    package func target(for target: String) -> String {
        guard !basePath.isEmpty, target.hasPrefix("/") else { return target }
        return basePath + target
    }

    package var description: String {
        "http://\(hostField)\(basePath)"
    }

    private var bracketedHost: String {
        host.contains(":") ? "[\(host)]" : host
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}

/// Why an upstream URL was refused, pointing at the character where it went wrong.
package struct HTTPUpstreamURLError: Error, Sendable, Equatable, CustomStringConvertible {
    package var input: String
    /// 1-based, counted in UTF-8 bytes (the same as characters for the ASCII a valid URL holds).
    package var column: Int
    package var message: String

    package var description: String {
        "invalid upstream URL '\(input)' at column \(column): \(message)"
    }
}
