/// Where each value of a loaded document was written.
///
/// The map is a flat array in document (pre-)order that mirrors the value tree: one entry per value, holding the
/// position of the value and, for object members, of its key, plus the number of entries below it. Building it
/// costs one append per value; a lookup walks the pointer, skipping whole sibling subtrees by their sizes, so it
/// needs no per-node allocation and no string keys. Lookups are rare (only when a finding is rendered).
package struct SourceMap: Sendable {
    /// Position of one value. Columns are Unicode-scalar columns, or byte columns when `byteColumns` is set.
    struct Entry: Sendable {
        var keyLine: UInt32
        var keyColumn: UInt32
        var line: UInt32
        var column: UInt32
        var descendants: UInt32
    }

    var entries: [Entry]
    /// JSON input records byte columns (cheap while scanning); they are turned into scalar columns on lookup.
    let byteColumns: Bool
    let file: SourceFile

    init(entries: [Entry], file: SourceFile, byteColumns: Bool) {
        self.entries = entries
        self.file = file
        self.byteColumns = byteColumns
    }

    /// A map with no entries, for values that were not read from a file.
    package static func empty(file: SourceFile) -> SourceMap {
        SourceMap(entries: [], file: file, byteColumns: false)
    }

    /// The location of the value a pointer names. For an object member this is the member's key, which is where
    /// a reader looks (`get:`, `maxLength: 80`); for an array item, the item itself. When the pointer runs past
    /// the values that exist, the deepest one reached is given.
    package func location(of pointer: JSONPointer, in root: JSONValue) -> SourceLocation? {
        resolve(pointer, in: root).map { locate($0.entry, preferKey: $0.isMember) }
    }

    /// Like `location(of:in:)` but always the value's own start, never the key's.
    package func valueLocation(of pointer: JSONPointer, in root: JSONValue) -> SourceLocation? {
        resolve(pointer, in: root).map { locate($0.entry, preferKey: false) }
    }

    /// The index of the entry of the value `pointer` names; nil when there is no such value.
    func entry(of pointer: JSONPointer, in root: JSONValue) -> Int? {
        guard let found = resolve(pointer, in: root), found.complete else { return nil }
        return found.entry
    }

    /// The entry of the value a pointer names, or of the deepest one reached (`complete` false) when it runs past.
    private func resolve(_ pointer: JSONPointer, in root: JSONValue) -> (entry: Int, isMember: Bool, complete: Bool)? {
        guard !entries.isEmpty else { return nil }
        var entry = 0
        var value = root
        var isMember = false
        for token in pointer.tokens {
            let position: Int
            let child: JSONValue
            switch value {
            case .object(let object):
                guard let found = object.position(of: token) else { return (entry, isMember, false) }
                position = found
                child = object.values[found]
                isMember = true
            case .array(let array):
                guard let index = JSONPointer.arrayIndex(token), index < array.count else { return (entry, isMember, false) }
                position = index
                child = array[index]
                isMember = false
            default:
                return (entry, isMember, false)
            }
            var next = entry + 1
            for _ in 0..<position {
                guard next < entries.count else { return (entry, isMember, false) }
                next += 1 + Int(entries[next].descendants)
            }
            guard next < entries.count else { return (entry, isMember, false) }
            entry = next
            value = child
        }
        return (entry, isMember, true)
    }

    private func locate(_ index: Int, preferKey: Bool) -> SourceLocation {
        let item = entries[index]
        let useKey = preferKey && item.keyLine != 0
        let line = Int(useKey ? item.keyLine : item.line)
        var column = Int(useKey ? item.keyColumn : item.column)
        if byteColumns {
            column = scalarColumn(line: line, byteColumn: column)
        }
        return SourceLocation(file: file.path, line: line, column: column)
    }

    private func scalarColumn(line: Int, byteColumn: Int) -> Int {
        file.scalarColumn(line: line, byteColumn: byteColumn) ?? byteColumn
    }
}

/// Appends entries in document order while a reader walks its input.
struct SourceMapBuilder {
    private(set) var entries: [SourceMap.Entry] = []

    init(estimatedCount: Int = 0) {
        entries.reserveCapacity(estimatedCount)
    }

    /// Records a value; returns its entry index so a container can be closed later. Key line 0 means "no key".
    @inline(__always)
    mutating func add(keyLine: Int = 0, keyColumn: Int = 0, line: Int, column: Int) -> Int {
        entries.append(
            SourceMap.Entry(
                keyLine: UInt32(truncatingIfNeeded: keyLine),
                keyColumn: UInt32(truncatingIfNeeded: keyColumn),
                line: UInt32(truncatingIfNeeded: line),
                column: UInt32(truncatingIfNeeded: column),
                descendants: 0
            )
        )
        return entries.count - 1
    }

    /// Marks the end of a container begun at `index`: everything appended since lies below it.
    @inline(__always)
    mutating func close(_ index: Int) {
        entries[index].descendants = UInt32(truncatingIfNeeded: entries.count - index - 1)
    }

    /// Gives a member its key position after the fact (YAML reports the key before the value starts).
    @inline(__always)
    mutating func setKey(of index: Int, line: Int, column: Int) {
        entries[index].keyLine = UInt32(truncatingIfNeeded: line)
        entries[index].keyColumn = UInt32(truncatingIfNeeded: column)
    }

    func build(file: SourceFile, byteColumns: Bool) -> SourceMap {
        SourceMap(entries: entries, file: file, byteColumns: byteColumns)
    }
}

/// A file's values together with where each one was written.
package struct LoadedDocument: Sendable {
    package var file: SourceFile
    package var root: JSONValue
    package var sourceMap: SourceMap
    /// The source map entries of YAML scalars tagged binary (`!!binary`, Ruby's `!binary`): base64 text standing
    /// for bytes, which a reader of the value alone would take for the text itself.
    package var binaryEntries: Set<Int>

    package init(file: SourceFile, root: JSONValue, sourceMap: SourceMap, binaryEntries: Set<Int> = []) {
        self.file = file
        self.root = root
        self.sourceMap = sourceMap
        self.binaryEntries = binaryEntries
    }

    package func location(of pointer: JSONPointer) -> SourceLocation? {
        sourceMap.location(of: pointer, in: root)
    }

    /// Whether the value at `pointer` is a scalar tagged binary, its text the base64 of the bytes it stands for.
    package func isBinary(at pointer: JSONPointer) -> Bool {
        guard !binaryEntries.isEmpty, let entry = sourceMap.entry(of: pointer, in: root) else { return false }
        return binaryEntries.contains(entry)
    }
}
