/// What every output shows in place of a secret, and the body members whose values are secrets whatever their
/// schema says: one home for the redactor (an exchange's headers, query and cookies) and the schema failures'
/// texts (values in bodies), so that both mask alike.
package enum SecretText {
    package static let mask = "[REDACTED]"

    /// Whether an object member of this name holds a credential: a password of any kind (`password`,
    /// `newPassword`, `password_confirmation`), a client secret, an OAuth token, an API or private key. Compared
    /// without case, `_` or `-`, so `client_secret`, `clientSecret` and `Client-Secret` are one name.
    package static func isSecretMember(_ name: String) -> Bool {
        var folded = ""
        folded.reserveCapacity(name.utf8.count)
        for byte in name.utf8 where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
            folded.unicodeScalars.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte))
        }
        return folded.contains("password") || folded.contains("passwd") || secretMembers.contains(folded)
    }

    private static let secretMembers: Set<String> = [
        "secret", "clientsecret", "accesstoken", "refreshtoken", "idtoken", "apikey", "privatekey", "secretkey",
    ]
}
