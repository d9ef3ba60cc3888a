/// A count with its noun, as messages and reports write it: "1 exchange", "3 exchanges", "2 properties".
package enum CountText {
    /// `plural` is for nouns that do not take an `s` ("property" → "properties").
    package static func phrase(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
