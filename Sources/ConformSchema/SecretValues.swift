@_spi(Tape) import ConformValues
import ConformFindings

/// The strings of a value that no failure's text may show. Members whose names say they hold credentials
/// (`SecretText.isSecretMember`: a password, a client secret, an OAuth token) are found here, before the collecting
/// pass renders anything; strings under `format: password` are found by that pass (`SecretsMet`).
enum SecretValues {
    /// The string values of the secret members of every object in the value at `root`. Run for every failing
    /// value, so keys are compared where they are in the tape.
    static func members(in tape: JSONTapeView, root: JSONTape.Index) -> Set<JSONTape.Index> {
        var found: Set<JSONTape.Index> = []
        let end = tape.end(root)
        // Entries are in document order, each container before what it holds: every object is met once.
        for index in root..<end where tape.kind(index) == .object {
            var key = index + 1
            for _ in 0..<tape.count(index) {
                if tape.kind(key + 1) == .string, SecretText.isSecretMember(utf8: tape.bytes(key)) { found.insert(key + 1) }
                key = tape.end(key + 1)
            }
        }
        return found
    }
}

/// Values as failures' texts show them: read from the tape, with the strings at `masked` given as `SecretText.mask`,
/// alone or inside the container shown.
struct ShownValues {
    let tape: JSONTapeView
    let masked: Set<JSONTape.Index>

    func value(_ index: JSONTape.Index) -> JSONValue {
        masked.isEmpty ? tape.value(at: index) : tape.value(at: index, replacing: masked, with: .string(SecretText.mask))
    }

    /// `ValueText.render` of the value shown.
    func rendered(_ index: JSONTape.Index) -> String {
        ValueText.render(value(index))
    }
}

/// The strings under `format: password` a collecting pass met that its mask did not hold, shared by the evaluator
/// and every probe and witness it makes (as `PatternTally` is), so that one met inside an alternative counts too.
final class SecretsMet {
    private(set) var indices: [JSONTape.Index] = []

    func add(_ index: JSONTape.Index) {
        indices.append(index)
    }
}
