import ConformFindings
import ConformValues

/// Every file of one description, as loaded: the entry document and each file its `$ref`s reach.
public struct SpecBundle: Sendable, SpecLocating {
    /// Path of the entry document, as the user gave it.
    public let entryPath: String
    /// Loaded documents by normalized path.
    package private(set) var documents: [String: LoadedDocument]
    /// Files a `$ref` named that could not be loaded, with the reason, by normalized path.
    package private(set) var unloadable: [String: String]
    /// Schema resources by absolute `$id` (OAS 3.1), and `$anchor`s by "resource#anchor".
    var identifiers: [String: SpecPointer]
    var anchors: [String: SpecPointer]
    /// Where each `$ref` of the bundle leads: by file, then by the pointer of the object holding it. Filled once
    /// by the loader so that following a reference later is a lookup, not a resolution; kept per file so that the
    /// loader fills each file's table on its own core and a lookup hashes no file path but one.
    var referenceTargets: [String: [JSONPointer: SpecPointer]] = [:]
    /// OpenAPI 3.2: the URI each file is known by when the description sets `$self` (see `SpecLoader`); files
    /// not named here are known by their path.
    private(set) var documentURIs: [String: String] = [:]
    /// Set once any schema `$id` (or a 3.2 `$self`) is seen, so that descriptions without one skip base-URI tracking.
    private(set) var identifiersPresent = false
    /// Most `$ref`s `follow` takes one after another (the `ref-hops` limit); a longer chain is reported by the loader.
    package var maxReferenceHops = LoadLimits.default.maxReferenceHops

    init(entryPath: String) {
        self.entryPath = entryPath
        self.documents = [:]
        self.unloadable = [:]
        self.identifiers = [:]
        self.anchors = [:]
    }

    package var entry: LoadedDocument {
        // The loader never builds a bundle without its entry document.
        documents[entryPath] ?? LoadedDocument(
            file: SourceFile(path: entryPath, bytes: []), root: .null,
            sourceMap: .empty(file: SourceFile(path: entryPath, bytes: [])))
    }

    /// Paths of the loaded files, entry first, the rest sorted.
    public var filePaths: [String] {
        [entryPath] + documents.keys.filter { $0 != entryPath }.sorted()
    }

    package var totalBytes: Int { documents.values.reduce(0) { $0 + $1.file.bytes.count } }

    /// Where the `$ref` of the object at `holder` leads, once the loader has resolved it.
    func referenceTarget(of holder: SpecPointer) -> SpecPointer? {
        referenceTargets[holder.file]?[holder.pointer]
    }

    public func value(at pointer: SpecPointer) -> JSONValue? {
        documents[pointer.file]?.root.value(at: pointer.pointer)
    }

    public func location(of pointer: SpecPointer) -> SourceLocation? {
        documents[pointer.file]?.location(of: pointer.pointer)
    }

    public func sourceLine(of location: SourceLocation) -> String? {
        documents[location.file]?.file.lineText(location.line)
    }

    mutating func reserveCapacity(_ files: Int) {
        documents.reserveCapacity(files)
    }

    mutating func add(_ document: LoadedDocument, at path: String) {
        documents[path] = document
    }

    mutating func markUnloadable(_ path: String, reason: String) {
        unloadable[path] = reason
    }

    mutating func markIdentifiersPresent() {
        identifiersPresent = true
    }

    /// The URI relative references in a file resolve against, and that names it: its `$self`, or where it sits
    /// beside a document that has one. Nil when the file is known by its path.
    package func documentURI(of path: String) -> String? {
        documentURIs[path]
    }

    mutating func register(documentURI: String, for path: String) {
        documentURIs[path] = documentURI
        identifiersPresent = true
        register(identifier: documentURI, at: SpecPointer(file: path, pointer: .root))
    }

    mutating func register(identifier: String, at pointer: SpecPointer) {
        if identifiers[identifier] == nil { identifiers[identifier] = pointer }
    }

    mutating func register(anchor: String, in resource: String, at pointer: SpecPointer) {
        let key = resource + "#" + anchor
        if anchors[key] == nil { anchors[key] = pointer }
    }
}
