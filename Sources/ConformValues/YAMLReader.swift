/// Reads one YAML document into a `JSONValue` and its `SourceMap`, from libyaml's events.
///
/// The walk is iterative, with an explicit stack of open collections, so nesting depth costs heap, not call stack.
/// Beyond what libyaml checks it rejects: nesting deeper than `LoadLimits.maxDepth` (counted from events, since
/// libyaml has no bound), aliases that expand to more than `LoadLimits.maxAliasExpansion` copied nodes in all,
/// duplicate keys, keys that are collections, aliases without an earlier anchor, and more than one document.
///
/// Aliases are expanded into copies, and the source map gets copies of the anchor's entries, so it stays a
/// pre-order mirror of the expanded tree. YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`) are applied, since
/// real OpenAPI files use them. Scalars are typed by `YAMLScalarResolver`; tags on collections are ignored.
///
/// The block-style subset descriptions are written in is read by `BlockYAMLReader`, which gives the same result
/// faster; whatever it declines (including every error) comes here.
package enum YAMLReader {
    package static func read(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> LoadedDocument {
        if let document = BlockYAMLReader.read(file, limits: limits) { return document }
        return try readWithLibyaml(file, limits: limits)
    }

    /// Reads through libyaml's events only (the block reader's tests and the load benchmark compare the two).
    package static func readWithLibyaml(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> LoadedDocument {
        do {
            return try file.bytes.withUnsafeBufferPointer { (input) throws(LoadError) -> LoadedDocument in
                var builder = try YAMLTreeBuilder(file: file, input: input, limits: limits)
                return try builder.run()
            }
        } catch {
            throw error.withSourceLine(from: file)
        }
    }
}

/// A collection whose end event has not arrived yet. Plain data, so pushing and popping it is a copy of bytes;
/// what a collection may own besides (an anchor name, merge sources, a key set) lives on side stacks.
private struct OpenCollection {
    enum Kind: UInt8 {
        /// The document itself, holding the root value.
        case document
        case sequence
        case mapping
        /// The `[*a, *b]` after a merge key: collects mappings to merge, builds no value.
        case mergeList
    }

    let kind: Kind
    /// Source map entry of the collection (unused for `document` and `mergeList`).
    let entry: Int
    /// Where this collection's items (or member values) start on the value stack.
    let valueStart: Int
    /// Where this mapping's keys start on the key stack.
    let keyStart: Int
    /// Whether an anchor names this collection; the name is the top of `openAnchors` when it closes.
    let isAnchored: Bool
    /// Height of the tallest finished child (a scalar is 0), to know how deep an alias of this collection reaches.
    var childHeight = 0
    /// In a mapping: the next scalar is a key. After a key it is false until the value is finished.
    var expectingKey = true
    var keyMark = YAMLMark(line: 0, column: 0)
    /// In a mapping: the current key is `<<`, so the value names mappings to merge.
    var pendingMerge = false
    var hasMergeKey = false
    /// Whether this mapping's keys are also in a set (the top of `keySets`), once too many for a linear scan.
    var hasKeySet = false
}

/// What an anchor names: its value, where its subtree's entries are in the source map (the builder only ever
/// appends, so the range stays valid), and for a scalar its text (used when an alias stands as a mapping key,
/// which keeps its text). For a scalar the range is just the root entry, which an alias replaces with its own.
private struct YAMLAnchor {
    var value: JSONValue
    var text: String?
    var entryStart: Int
    var entryCount: Int
    var height: Int
}

/// The state of one `YAMLReader.read` call.
private struct YAMLTreeBuilder: ~Copyable {
    private let file: SourceFile
    private let limits: LoadLimits
    private let events: YAMLEventStream
    private var builder: SourceMapBuilder
    private var stack: [OpenCollection] = []
    private var top: OpenCollection
    private var values = MoveStack<JSONValue>(capacity: 256)
    private var keys = MoveStack<String>(capacity: 256)
    private var anchors: [String: YAMLAnchor] = [:]
    /// Entries of scalars tagged binary (see `LoadedDocument.binaryEntries`).
    private var binaryEntries: Set<Int> = []
    /// Names of the anchors on open collections, innermost last.
    private var openAnchors: [String] = []
    /// Mappings to merge, with the alias naming each and the depth of the mapping that merges it; innermost last.
    private var mergeSources: [(depth: Int, anchor: YAMLAnchor, alias: YAMLMark)] = []
    private var keySets: [Set<ExactKey>] = []
    private var expandedNodes = 0
    private var documentMark: YAMLMark?
    private var rootIsEmpty = false

    /// Mappings up to this size are checked for duplicate keys by a linear scan.
    private static let linearKeyScanLimit = 16
    private static let multipleDocuments =
        "the file holds more than one YAML document; an OpenAPI description is one document"

    /// A builder reading `input`, which holds `file.bytes` and must outlive the builder.
    init(file: SourceFile, input: UnsafeBufferPointer<UInt8>, limits: LoadLimits) throws(LoadError) {
        self.file = file
        self.limits = limits
        events = try YAMLEventStream(input: input, path: file.path)
        // OpenAPI YAML averages roughly one value per 20 bytes.
        builder = SourceMapBuilder(estimatedCount: file.bytes.count / 20)
        top = OpenCollection(kind: .document, entry: -1, valueStart: 0, keyStart: 0, isAnchored: false)
        stack.reserveCapacity(32)
    }

    mutating func run() throws(LoadError) -> LoadedDocument {
        loop: while true {
            switch try events.next() {
            case .streamStart, .documentEnd:
                continue
            case .documentStart(_, let mark):
                if documentMark != nil { throw error(.multipleDocuments, Self.multipleDocuments, at: mark) }
                documentMark = mark
            case .scalar(let text, let anchor, let tag, let style, let mark):
                try scalar(text, anchor: anchor, tag: tag, style: style, mark: mark)
            case .alias(let name, let mark):
                try alias(name, mark: mark)
            case .sequenceStart(let anchor, _, let mark):
                try open(.sequence, anchor: anchor, mark: mark)
            case .mappingStart(let anchor, _, let mark):
                try open(.mapping, anchor: anchor, mark: mark)
            case .sequenceEnd, .mappingEnd:
                try close()
            case .streamEnd:
                break loop
            }
        }
        guard documentMark != nil, values.count == 1, !rootIsEmpty else {
            throw error(.emptyDocument, "empty document", at: YAMLMark(line: 1, column: 1))
        }
        let root = values.take(from: 0)[0]
        return LoadedDocument(
            file: file, root: root, sourceMap: builder.build(file: file, byteColumns: false), binaryEntries: binaryEntries)
    }

    // MARK: Events

    private mutating func scalar(
        _ text: String, anchor: String?, tag: String?, style: YAMLScalarStyle, mark: YAMLMark
    ) throws(LoadError) {
        if text.utf8.count > limits.maxStringBytes {
            throw error(
                .tooLarge,
                "a scalar of \(text.utf8.count) bytes, more than the string-bytes limit of \(limits.maxStringBytes) (--limit string-bytes=…)",
                at: mark)
        }
        let isKey = top.kind == .mapping && top.expectingKey
        if !isKey { try refuseInMerge(mark) }
        // A key keeps its text; its value is only needed if an alias may use it.
        let value = isKey && anchor == nil ? .null : try resolve(text, style: style, tag: tag, mark: mark)
        if let anchor {
            anchors[anchor] = YAMLAnchor(value: value, text: text, entryStart: 0, entryCount: 1, height: 0)
        }
        if isKey {
            let isMerge = style == .plain && text == "<<" && (tag == nil || tag == "tag:yaml.org,2002:merge")
            return try key(text, isMerge: isMerge, mark: mark)
        }
        if top.kind == .document {
            rootIsEmpty = text.isEmpty && style == .plain && tag == nil && anchor == nil
        }
        let entry = addEntry(mark)
        if tag == YAMLScalarResolver.tagPrefix + "binary" || tag == "!binary" { binaryEntries.insert(entry) }
        finish(value, height: 0)
    }

    private mutating func alias(_ name: String, mark: YAMLMark) throws(LoadError) {
        if openAnchors.contains(name) {
            throw error(.syntax, "alias *\(name) refers to a collection that contains it", at: mark)
        }
        guard let target = anchors[name] else {
            throw error(.syntax, "alias *\(name) has no anchor &\(name) before it", at: mark)
        }
        if top.kind == .mapping && top.expectingKey {
            guard let text = target.text else { throw error(.syntax, "mapping keys must be scalars", at: mark) }
            try key(text, isMerge: false, mark: mark)
            return
        }
        if top.kind == .mergeList || (top.kind == .mapping && top.pendingMerge) {
            guard case .object = target.value else {
                let type = target.value.typeName
                let article = type.first.map { "aeiou".contains($0) } == true ? "an" : "a"
                throw error(.syntax, "the merge key '<<' needs mappings, but *\(name) is \(article) \(type)", at: mark)
            }
            // A merge list is one level below the mapping that merges.
            let depth = top.kind == .mergeList ? stack.count - 1 : stack.count
            mergeSources.append((depth, target, mark))
            if top.kind == .mapping {
                top.pendingMerge = false
                top.expectingKey = true
            }
            return
        }
        try countExpansion(target.entryCount, at: mark)
        if stack.count + target.height > limits.maxDepth {
            throw error(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: mark)
        }
        let root = addEntry(mark)
        builder.appendCopy(of: (target.entryStart + 1)..<(target.entryStart + target.entryCount))
        builder.close(root)
        finish(target.value, height: target.height)
    }

    @inline(__always)
    private mutating func open(_ kind: OpenCollection.Kind, anchor: String?, mark: YAMLMark) throws(LoadError) {
        // `top` is at depth `stack.count` (the document is depth 0), so a new collection is one deeper.
        if stack.count + 1 > limits.maxDepth {
            throw error(.tooDeep, "nesting deeper than \(limits.maxDepth) levels", at: mark)
        }
        if top.kind == .mapping && top.expectingKey {
            throw error(.syntax, "mapping keys must be scalars", at: mark)
        }
        var kind = kind
        if top.kind == .mapping && top.pendingMerge && kind == .sequence {
            top.pendingMerge = false
            kind = .mergeList
        } else {
            try refuseInMerge(mark)
        }
        let entry = kind == .mergeList ? -1 : addEntry(mark)
        if let anchor { openAnchors.append(anchor) }
        stack.append(top)
        top = OpenCollection(
            kind: kind, entry: entry, valueStart: values.count, keyStart: keys.count, isAnchored: anchor != nil
        )
    }

    @inline(__always)
    private mutating func close() throws(LoadError) {
        guard let parent = stack.last else { return }
        let closed = top
        var height = closed.childHeight + 1
        let value: JSONValue
        switch closed.kind {
        case .document:
            return
        case .mergeList:
            // An anchor on a merge list names nothing an alias could use.
            if closed.isAnchored { openAnchors.removeLast() }
            top = stack.removeLast()
            top.expectingKey = true
            return
        case .sequence:
            value = .array(values.take(from: closed.valueStart))
        case .mapping:
            if closed.hasKeySet { keySets.removeLast() }
            if let last = mergeSources.last, last.depth == stack.count {
                height = max(height, try merge(into: closed))
            }
            let members = keys.take(from: closed.keyStart)
            value = .object(JSONObject(uniqueKeys: members, values: values.take(from: closed.valueStart)))
        }
        builder.close(closed.entry)
        if closed.isAnchored {
            let name = openAnchors.removeLast()
            let count = builder.entries.count - closed.entry
            anchors[name] = YAMLAnchor(
                value: value, text: nil, entryStart: closed.entry, entryCount: count, height: height
            )
        }
        top = parent
        stack.removeLast()
        finish(value, height: height)
    }

    // MARK: Members

    /// Takes a key: rejects a duplicate, and otherwise waits for its value.
    @inline(__always)
    private mutating func key(_ text: consuming String, isMerge: Bool, mark: YAMLMark) throws(LoadError) {
        if isMerge {
            if top.hasMergeKey { throw error(.duplicateKey, "duplicate key \"<<\" in mapping", at: mark) }
            top.hasMergeKey = true
            top.pendingMerge = true
        } else {
            if isDuplicate(text) { throw error(.duplicateKey, "duplicate key \(quoted(text)) in mapping", at: mark) }
            keys.push(text)
        }
        top.expectingKey = false
        top.keyMark = mark
    }

    /// Whether the open mapping already has `key`; records it in the key set when there is one. Small mappings
    /// are scanned linearly, larger ones get a set.
    private mutating func isDuplicate(_ key: String) -> Bool {
        if top.hasKeySet {
            return !keySets[keySets.count - 1].insert(ExactKey(key)).inserted
        }
        if keys.count - top.keyStart < Self.linearKeyScanLimit {
            return keys.containsExactly(key, from: top.keyStart)
        }
        var set = Set(keys.copy(from: top.keyStart).map(ExactKey.init))
        let inserted = set.insert(ExactKey(key)).inserted
        keySets.append(set)
        top.hasKeySet = true
        return !inserted
    }

    /// Adds the members of the mappings merged into `mapping` that it does not define itself, after its own
    /// members. Among merged mappings the earlier one wins (`<<: [*a, *b]` takes a key from `a` before `b`). The
    /// members' source map entries are copies of the anchor's, so a merged member points at where it was written.
    /// Returns the mapping's height counting merged members.
    private mutating func merge(into mapping: OpenCollection) throws(LoadError) -> Int {
        var sources: [(anchor: YAMLAnchor, alias: YAMLMark)] = []
        while let last = mergeSources.last, last.depth == stack.count {
            sources.append((last.anchor, last.alias))
            mergeSources.removeLast()
        }
        var height = 0
        var present = Set(keys.copy(from: mapping.keyStart).map(ExactKey.init))
        for (source, alias) in sources.reversed() {
            guard case .object(let object) = source.value else { continue }
            var entry = source.entryStart + 1
            for (key, value) in object.members {
                let size = 1 + Int(builder.entries[entry].descendants)
                if present.insert(ExactKey(key)).inserted {
                    try countExpansion(size, at: alias)
                    builder.appendCopy(of: entry..<(entry + size))
                    keys.push(key)
                    values.push(value)
                    height = max(height, source.height)
                }
                entry += size
            }
        }
        return height
    }

    // MARK: Helpers

    /// Appends a finished value to the open collection.
    private mutating func finish(_ value: consuming JSONValue, height: Int) {
        values.push(value)
        if height > top.childHeight { top.childHeight = height }
        if top.kind == .mapping { top.expectingKey = true }
    }

    /// Records where a value starts; in a mapping, also where its key was.
    private mutating func addEntry(_ mark: YAMLMark) -> Int {
        if top.kind == .mapping {
            let key = top.keyMark
            return builder.add(keyLine: key.line, keyColumn: key.column, line: mark.line, column: mark.column)
        }
        return builder.add(line: mark.line, column: mark.column)
    }

    private func refuseInMerge(_ mark: YAMLMark) throws(LoadError) {
        if top.kind == .mergeList || (top.kind == .mapping && top.pendingMerge) {
            throw error(.syntax, "the merge key '<<' takes an alias (*name) or a list of aliases", at: mark)
        }
    }

    private mutating func countExpansion(_ nodes: Int, at mark: YAMLMark) throws(LoadError) {
        expandedNodes += nodes
        guard expandedNodes > limits.maxAliasExpansion else { return }
        let message = "alias expansion exceeds \(limits.maxAliasExpansion) nodes (a 'billion laughs' document?)"
        throw error(.aliasExpansion, message, at: mark)
    }

    private func resolve(
        _ text: String, style: YAMLScalarStyle, tag: String?, mark: YAMLMark
    ) throws(LoadError) -> JSONValue {
        guard let tag else { return style == .plain ? YAMLScalarResolver.resolvePlain(text) : .string(text) }
        do {
            return try YAMLScalarResolver.resolve(text, style: style, tag: tag)
        } catch {
            throw self.error(.syntax, error.message, at: mark)
        }
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func error(_ kind: LoadError.Kind, _ message: String, at mark: YAMLMark) -> LoadError {
        LoadError(kind, message, at: SourceLocation(file: file.path, line: mark.line, column: mark.column))
    }
}

extension SourceMapBuilder {
    /// Appends copies of the entries in `range`, which must hold whole subtrees, rebuilding their sizes.
    mutating func appendCopy(of range: Range<Int>) {
        var open: [(entry: Int, end: Int)] = []
        for source in range {
            let original = entries[source]
            let (keyLine, keyColumn) = (Int(original.keyLine), Int(original.keyColumn))
            let (line, column) = (Int(original.line), Int(original.column))
            let entry = add(keyLine: keyLine, keyColumn: keyColumn, line: line, column: column)
            if original.descendants > 0 {
                open.append((entry, entry + 1 + Int(original.descendants)))
                continue
            }
            while let last = open.last, last.end == entries.count {
                close(last.entry)
                open.removeLast()
            }
        }
    }
}
