@_spi(Tape) import ConformValues

/// The document readers: JSON, YAML (the block reader and libyaml), and the differential comparisons.
enum ReaderTargets {
    /// Pointers whose locations are looked up after a successful read: enough to reach the source map's corners
    /// (keys, items, deep values, multi-byte columns) without making a large document slow.
    static let lookups = 200

    static func json(_ input: [UInt8]) {
        if let document = try? JSONReader.read(SourceFile(path: "fuzz.json", bytes: input)) {
            locateValues(of: document)
        }
        _ = try? JSONReader.parse(input)
    }

    static func yaml(_ input: [UInt8]) {
        let file = SourceFile(path: "fuzz.yaml", bytes: input)
        if let document = try? YAMLReader.read(file) {
            locateValues(of: document)
        }
        _ = try? YAMLReader.readWithLibyaml(file)
    }

    /// The block reader must build what libyaml builds, positions included, or decline.
    static func blockAgainstLibyaml(_ input: [UInt8]) throws(FuzzFailure) {
        if case .differs(let difference) = BlockYAMLAgreement.compare(SourceFile(path: "fuzz.yaml", bytes: input)) {
            throw FuzzFailure("block YAML reader and libyaml disagree: \(difference)")
        }
    }

    /// The tape parser reads bodies and traffic entries in one pass: it must accept exactly what `JSONReader`
    /// accepts, and lay out exactly the tape `JSONTape(JSONReader.parse(…))` does.
    static func jsonAgainstTape(_ input: [UInt8]) throws(FuzzFailure) {
        let direct = JSONTapeParser.parse(input, limits: .default)
        guard let value = try? JSONReader.parse(input) else {
            if direct != nil { throw FuzzFailure("the tape parser accepts JSON the reader refuses") }
            return
        }
        guard let direct else { throw FuzzFailure("the tape parser refuses JSON the reader accepts") }
        guard direct.hasSameLayout(as: JSONTape(value)) else {
            throw FuzzFailure("the tape parser's tape differs from the reader's value laid out")
        }
    }

    /// JSON is YAML: what the JSON reader accepts, the YAML reader must read to the same value when it accepts it
    /// too (libyaml may refuse some JSON, such as a key over 1024 characters, and says so). One difference is by
    /// design: JSON's `-0` keeps its sign (`.number(-0.0)`), YAML's core schema reads it as the integer 0, and the
    /// two are the same number to JSON Schema; zeros are compared as numbers.
    static func jsonAgainstYAML(_ input: [UInt8]) throws(FuzzFailure) {
        guard let json = try? JSONReader.read(SourceFile(path: "fuzz.json", bytes: input)),
              let yaml = try? YAMLReader.read(SourceFile(path: "fuzz.yaml", bytes: input))
        else { return }
        if json.root != yaml.root, zeroAsInteger(json.root) != zeroAsInteger(yaml.root) {
            throw FuzzFailure(
                "JSON and YAML readers disagree: \(BlockYAMLAgreement.firstDifference(json.root, yaml.root, at: ""))")
        }
    }

    /// `value` with every zero, `-0` and `0.0` included, as `.integer(0)`.
    static func zeroAsInteger(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let number) where number == 0:
            return .integer(0)
        case .array(let items):
            return .array(items.map(zeroAsInteger))
        case .object(let object):
            return .object(JSONObject(uniqueKeys: object.keys, values: object.values.map(zeroAsInteger)))
        default:
            return value
        }
    }

    /// Looks up the location of the first `lookups` values in document order.
    static func locateValues(of document: LoadedDocument) {
        var pending: [(JSONPointer, JSONValue)] = [(.root, document.root)]
        var looked = 0
        while let (pointer, value) = pending.popLast(), looked < lookups {
            _ = document.location(of: pointer)
            _ = document.sourceMap.valueLocation(of: pointer, in: document.root)
            looked += 1
            switch value {
            case .object(let object):
                pending += object.members.prefix(lookups).reversed().map { (pointer / $0.0, $0.1) }
            case .array(let items):
                pending += items.prefix(lookups).enumerated().reversed().map { (pointer / $0.offset, $0.element) }
            default:
                break
            }
        }
    }
}
