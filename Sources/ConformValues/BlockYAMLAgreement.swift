/// Whether `BlockYAMLReader` and the libyaml reader agree on one file: the block reader must build exactly what
/// libyaml builds (values and every source-map position), or decline; it must never accept what libyaml rejects.
///
/// The block reader's tests compare the corpus and generated documents with it, and the differential fuzz target
/// compares whatever libFuzzer makes.
package enum BlockYAMLAgreement: Equatable, Sendable {
    case declined
    case agreed
    /// The block reader's result differs from libyaml's; the text says where.
    case differs(String)

    /// Reads `file` both ways and compares.
    package static func compare(_ file: SourceFile, limits: LoadLimits = .default) -> BlockYAMLAgreement {
        let block = BlockYAMLReader.read(file, limits: limits)
        let reference: LoadedDocument
        do {
            reference = try YAMLReader.readWithLibyaml(file, limits: limits)
        } catch {
            return block == nil ? .declined : .differs("accepted, but libyaml rejects it: \(error.description)")
        }
        guard let block else { return .declined }
        if block.root != reference.root {
            return .differs("values differ: \(firstDifference(block.root, reference.root, at: ""))")
        }
        let ours = block.sourceMap.entries
        let theirs = reference.sourceMap.entries
        guard ours.count == theirs.count else {
            return .differs("source map has \(ours.count) entries, libyaml's \(theirs.count)")
        }
        for (index, (mine, expected)) in zip(ours, theirs).enumerated() {
            let same = mine.keyLine == expected.keyLine && mine.keyColumn == expected.keyColumn
                && mine.line == expected.line && mine.column == expected.column
                && mine.descendants == expected.descendants
            if !same {
                return .differs("""
                    source map entry \(index): key \(mine.keyLine):\(mine.keyColumn) value \(mine.line):\(mine.column) \
                    (\(mine.descendants) below), libyaml's key \(expected.keyLine):\(expected.keyColumn) value \
                    \(expected.line):\(expected.column) (\(expected.descendants) below)
                    """)
            }
        }
        return .agreed
    }

    /// A JSON pointer to the first place two values differ, with both values there (`lhs` is the block reader's).
    package static func firstDifference(_ lhs: JSONValue, _ rhs: JSONValue, at pointer: String) -> String {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)) where left.keys == right.keys:
            for (key, value) in left.members {
                if let other = right[key], value != other { return firstDifference(value, other, at: pointer + "/" + key) }
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            for (index, value) in left.enumerated() where value != right[index] {
                return firstDifference(value, right[index], at: pointer + "/\(index)")
            }
        default:
            break
        }
        return "at '\(pointer)': \(lhs) against libyaml's \(rhs)"
    }
}
