import ConformValues

/// What every output shows in place of a secret, and the body members whose values are secrets whatever their
/// schema says: one home for the redactor (an exchange's headers, query and cookies) and the schema failures'
/// texts (values in bodies), so that both mask alike.
package enum SecretText {
    package static let mask = "[REDACTED]"

    /// Whether an object member of this name holds a credential: a password of any kind (`password`,
    /// `newPassword`, `password_confirmation`), a client secret, an OAuth token, an API or private key. Compared
    /// without case, `_` or `-`, so `client_secret`, `clientSecret` and `Client-Secret` are one name.
    package static func isSecretMember(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isSecretMember(utf8: $0) }
    }

    /// `isSecretMember` on a name's UTF-8 bytes. Asked of every key of every failing body, so the name is folded
    /// on the stack and compared as bytes (Foundation's `String.contains` costs microseconds a call on Linux).
    package static func isSecretMember(utf8 name: UnsafeBufferPointer<UInt8>) -> Bool {
        // The shortest names are six letters (`secret`, `passwd`, `apikey`): most keys (`id`, `type`, `name`) are
        // shorter and answered here.
        guard name.count >= 6 else { return false }
        // Names longer than this are read by their start: credentials have short names.
        let capacity = 48
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { folded in
            var count = 0
            for byte in name where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                guard count < capacity else { break }
                folded[count] = byte.asciiLowercased
                count += 1
            }
            let text = UnsafeBufferPointer(rebasing: folded[..<count])
            if contains(text, "password") || contains(text, "passwd") { return true }
            return secretMembers.contains { $0.withUTF8Buffer { $0.elementsEqual(text) } }
        }
    }

    private static let secretMembers: [StaticString] = [
        "secret", "clientsecret", "accesstoken", "refreshtoken", "idtoken", "apikey", "privatekey", "secretkey",
    ]

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let word = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard text.count >= word.count else { return false }
        for start in 0...(text.count - word.count) where text[start] == word[0] {
            if UnsafeBufferPointer(rebasing: text[start..<start + word.count]).elementsEqual(word) { return true }
        }
        return false
    }
}
