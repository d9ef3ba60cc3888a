/// Names as a message lists them: "a", "a and b", "a, b and c" (or with "or").
package enum ListText {
    package static func joined(_ items: [String], _ conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        var text = items[0]
        for index in 1..<(items.count - 1) { text += ", " + items[index] }
        return text + " " + conjunction + " " + items[items.count - 1]
    }
}
