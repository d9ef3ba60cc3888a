extension String {
    /// Whether `other`'s UTF-8 bytes occur in this string's: a plain byte search, with none of the Unicode-aware
    /// comparison `contains` does through Foundation, which costs microseconds per call where this is asked for
    /// every exchange of a run. Byte equality is what matters for masking secrets, which are compared as sent.
    package func containsBytes(of other: String) -> Bool {
        var haystack = self
        var needle = other
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard pattern.count <= text.count else { return false }
                let lastStart = text.count - pattern.count
                var index = 0
                while index <= lastStart {
                    if text[index] == first {
                        var matched = 1
                        while matched < pattern.count && text[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
