import ConformFindings
import ConformValues
import Foundation

/// A description as loaded: every file, the version, and the problems met on the way (a `$ref` that resolves
/// nowhere, a referenced file that does not parse, a reference cycle).
package struct LoadedSpec: Sendable {
    package var bundle: SpecBundle
    package var version: SpecVersion
    package var findings: [Finding]
}

/// Reads an entry document and every file its `$ref`s reach, then checks that each `$ref` resolves.
///
/// Only the entry document can make loading fail (it is thrown as a `LoadError`); a broken referenced file is a
/// finding, so one bad fragment does not hide everything else wrong with a description.
package enum SpecLoader {
    package static func load(path: String, limits: LoadLimits = .default) throws(LoadError) -> LoadedSpec {
        try refuseDevice(path)
        let entryPath = RefPath.normalize(path)
        let entry = try DocumentReader.read(SourceFile(contentsOf: path, limits: limits).renamed(entryPath), limits: limits)
        return try load(entry: entry, limits: limits)
    }

    /// Loads from an entry document already in memory (tests, stdin).
    package static func load(entry: LoadedDocument, limits: LoadLimits = .default) throws(LoadError) -> LoadedSpec {
        let version = try SpecVersion.detect(in: entry)
        var bundle = SpecBundle(entryPath: entry.file.path)
        bundle.maxReferenceHops = limits.maxReferenceHops
        let gate = ReferencedFileGate(entryPath: entry.file.path, limits: limits)
        bundle.add(entry, at: entry.file.path)
        var findings: [Finding] = []
        let entryScan = ReferenceScanner.scan(entry.root)
        var scans: [String: ScanResult] = [entry.file.path: entryScan]
        // Files are found a level at a time: the files the documents of one level reference are read and scanned
        // side by side (reading is most of loading a description of many files), then added in the order they
        // were found, so the result does not depend on which finished first.
        // The files each document of the level references.
        var level = [referencedFiles(entryScan, from: entry.file.path, limits: limits)]
        // Every file queued so far, loaded or not.
        var seen: Set<PathKey> = [PathKey(entry.file.path)]
        while !level.isEmpty {
            var found = level.joined().filter { seen.insert(PathKey($0)).inserted }
            level = []
            // Past the `files` limit nothing more is read; every `$ref` into a file left out says why.
            let room = max(0, limits.maxFiles - bundle.documents.count)
            if found.count > room {
                for file in found[room...] {
                    bundle.markUnloadable(file, reason: "was not read: the description reaches more than \(limits.maxFiles) files (--limit files=…)")
                }
                found.removeSubrange(room...)
            }
            let outcomes = readAndScan(found, gate: gate, limits: limits)
            bundle.reserveCapacity(bundle.documents.count + found.count)
            scans.reserveCapacity(scans.count + found.count)
            for (file, outcome) in zip(found, outcomes) {
                switch outcome {
                case .success(let read):
                    bundle.add(read.document, at: file)
                    scans[file] = read.scan
                    level.append(read.references)
                case .failure(let failure):
                    bundle.markUnloadable(file, reason: failure.reason)
                    if let finding = failure.finding { findings.append(finding) }
                }
            }
        }

        // A fetched document is known by its URL: its relative references resolve against it, and a reference to
        // the URL finds it.
        for path in bundle.filePaths where RemoteDocument.isRemote(path) {
            bundle.register(documentURI: path, for: path)
        }
        if version.isV32OrLater {
            assignDocumentURIs(in: &bundle)
        }
        if version.isV31OrLater {
            registerIdentifiers(scans, in: &bundle)
        }
        findings += resolveReferences(scans, in: &bundle)
        return LoadedSpec(bundle: bundle, version: version, findings: findings)
    }

    /// An entry file that is a device or a folder is refused before it is read: `/dev/zero` never ends and
    /// `/dev/tty` waits for a person. A FIFO is read (`lint <(generate-spec)`), bounded by `document-bytes`.
    private static func refuseDevice(_ path: String) throws(LoadError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let type = status.st_mode & S_IFMT
        guard type == S_IFCHR || type == S_IFBLK || type == S_IFDIR else { return }
        let what = type == S_IFDIR ? "a folder" : "a device"
        throw LoadError(.io, "cannot read file: it is \(what), not a description file", at: SourceLocation(file: path, line: 1, column: 1))
    }

    /// The file a reference names, when it names one on disk (not a fragment of the same file, not a URI).
    static func referencedFile(_ reference: String, from path: String) -> String? {
        let filePart = RefPath.split(reference).document
        guard !filePart.isEmpty, !RefPath.hasScheme(reference), let decoded = RefPath.percentDecode(filePart) else {
            return nil
        }
        return RefPath.join(path, decoded)
    }

    /// The files a document's references name, each once, in the order first named. Many references of a file
    /// repeat the same file part; each distinct one is joined to the path once.
    private static func referencedFiles(_ scan: ScanResult, from path: String, limits: LoadLimits) -> [String] {
        var handled: Set<Substring> = []
        var files: [String] = []
        let base = RemoteDocument.isRemote(path) ? URL(string: path) : nil
        for site in scan.references {
            let documentPart = RefPath.split(site.reference).document
            // A fragment of the same file (`#/components/…`) loads nothing.
            guard !documentPart.isEmpty, handled.insert(documentPart).inserted else { continue }
            if let base {
                // In a fetched document every reference is a URL, relative to the document's own.
                guard limits.allowRemoteReferences, let target = URL(string: String(documentPart), relativeTo: base)?.absoluteString,
                    RemoteDocument.isRemote(target)
                else { continue }
                files.append(target)
            } else if RemoteDocument.isRemote(String(documentPart)) {
                if limits.allowRemoteReferences { files.append(String(documentPart)) }
            } else if let file = referencedFile(site.reference, from: path) {
                files.append(file)
            }
        }
        return files
    }

    private struct ReferencedFileFailure: Error, Sendable {
        var reason: String
        var finding: Finding?
    }

    /// A referenced file as read on a worker: its document, its scan and the files it references in turn.
    private struct ReadFile: Sendable {
        var document: LoadedDocument
        var scan: ScanResult
        var references: [String]
    }

    /// Reads and scans files side by side, one result per path in the same order.
    private static func readAndScan(
        _ paths: [String], gate: ReferencedFileGate, limits: LoadLimits
    ) -> [Result<ReadFile, ReferencedFileFailure>] {
        paths.parallelMap { path in
            let remote = RemoteDocument.isRemote(path)
            if !remote, let refusal = gate.refusal(of: path) { return .failure(ReferencedFileFailure(reason: refusal, finding: nil)) }
            return (remote ? fetchReferenced(path, limits: limits) : loadReferenced(path, limits: limits)).map { document in
                let scan = ReferenceScanner.scan(document.root)
                return ReadFile(document: document, scan: scan, references: referencedFiles(scan, from: path, limits: limits))
            }
        }
    }

    /// A remote `$ref` target (`--allow-remote-refs`), read as a file of that name is.
    private static func fetchReferenced(_ address: String, limits: LoadLimits) -> Result<LoadedDocument, ReferencedFileFailure> {
        switch RemoteDocument.fetch(address, limits: limits) {
        case .failure(let refusal):
            return .failure(ReferencedFileFailure(reason: refusal.reason, finding: nil))
        case .success(let bytes):
            do {
                return .success(try DocumentReader.read(SourceFile(path: address, bytes: bytes), limits: limits))
            } catch {
                let finding = Finding(
                    rule: .specLoadFailed, message: error.message, sourceLocation: error.location,
                    notes: error.sourceLine.map { [Snippet.render(line: $0, column: error.location.column)] } ?? [])
                return .failure(ReferencedFileFailure(reason: "cannot be loaded (\(error.message))", finding: finding))
            }
        }
    }

    private static func loadReferenced(_ path: String, limits: LoadLimits) -> Result<LoadedDocument, ReferencedFileFailure> {
        do {
            let file: SourceFile
            do {
                file = try SourceFile(contentsOf: path, limits: limits)
            } catch where error.kind == .io && !FileManager.default.fileExists(atPath: path) {
                // Asked only on failure: a check before every read cost a system call per file.
                return .failure(ReferencedFileFailure(reason: "does not exist", finding: nil))
            }
            return .success(try DocumentReader.read(file, limits: limits))
        } catch {
            let finding = Finding(
                rule: .specLoadFailed,
                message: error.message,
                sourceLocation: error.location,
                notes: error.sourceLine.map { [Snippet.render(line: $0, column: error.location.column)] } ?? [])
            return .failure(ReferencedFileFailure(reason: "cannot be loaded (\(error.message))", finding: finding))
        }
    }

    /// OpenAPI 3.2's `$self`: the URI a document is known by, against which its relative references resolve (in
    /// place of where it was read from). Relative references name files beside the entry document, and those were
    /// loaded from beside its file; a file without a `$self` of its own is known by the URI its place beside the
    /// entry gives it (`$self` `https://example.com/api/openapi` makes `schemas/pet.yaml` known as
    /// `https://example.com/api/schemas/pet.yaml`), which is what a reference resolved against `$self` names. So a
    /// reference reaches the same file whether written relative or as the absolute URI.
    private static func assignDocumentURIs(in bundle: inout SpecBundle) {
        var declared: [String: String] = [:]
        for path in bundle.filePaths {
            guard case .string(let text)? = bundle.documents[path]?.root["$self"],
                case .uri(let uri) = SpecBundle.resolveIdentifier(text, against: .file(absolutePath(path)))
            else { continue }
            declared[path] = uri
        }
        guard let entryURI = declared[bundle.entryPath], let base = URL(string: entryURI) else {
            for (path, uri) in declared { bundle.register(documentURI: uri, for: path) }
            return
        }
        let entryDirectory = (absolutePath(bundle.entryPath) as NSString).deletingLastPathComponent
        for path in bundle.filePaths {
            if let own = declared[path] {
                bundle.register(documentURI: own, for: path)
                continue
            }
            let relative = relativePath(of: absolutePath(path), from: entryDirectory)
            let encoded = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
            if let uri = URL(string: encoded, relativeTo: base)?.absoluteURL.standardized.absoluteString {
                bundle.register(documentURI: uri, for: path)
            }
        }
    }

    /// `path` as a relative reference from `directory` (`schemas/pet.yaml`, `../common/error.yaml`).
    private static func relativePath(of path: String, from directory: String) -> String {
        let target = path.split(separator: "/")
        let base = directory.split(separator: "/")
        var shared = 0
        while shared < min(target.count - 1, base.count), target[shared] == base[shared] { shared += 1 }
        let up = Array(repeating: "..", count: base.count - shared)
        return (up + target[shared...].map(String.init)).joined(separator: "/")
    }

    private static func absolutePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardized.path
    }

    /// Records every `$id`, `$anchor` and `$dynamicAnchor` so that references can name them (OAS 3.1 schemas).
    private static func registerIdentifiers(_ scans: [String: ScanResult], in bundle: inout SpecBundle) {
        let ordered = scans.keys.sorted()
        for path in ordered {
            for site in scans[path]!.identifiers where site.keyword == "$id" {
                bundle.markIdentifiersPresent()
                let holder = SpecPointer(file: path, pointer: site.holder)
                let parent = site.holder.parent.map { bundle.baseResource(of: SpecPointer(file: path, pointer: $0)) }
                    ?? .file(path)
                if case .uri(let uri) = SpecBundle.resolveIdentifier(site.value, against: parent) {
                    bundle.register(identifier: uri, at: holder)
                }
            }
        }
        for path in ordered {
            for site in scans[path]!.identifiers where site.keyword != "$id" {
                let holder = SpecPointer(file: path, pointer: site.holder)
                bundle.register(anchor: site.value, in: bundle.baseResource(of: holder).key, at: holder)
            }
        }
    }

    /// Resolves every `$ref` once, recording its target in the bundle; returns one finding per `$ref` that
    /// resolves nowhere and one per reference cycle. Files are resolved side by side (each only reads the bundle),
    /// and the findings come out in the order of the sorted paths whatever the scheduling.
    private static func resolveReferences(_ scans: [String: ScanResult], in bundle: inout SpecBundle) -> [Finding] {
        let paths = scans.keys.sorted()
        let unresolved = bundle
        let resolved = paths.parallelMap { path in
            resolveReferences(of: scans[path]!.references, in: path, bundle: unresolved)
        }
        var findings: [Finding] = []
        for (path, file) in zip(paths, resolved) {
            bundle.referenceTargets[path] = file.targets
            findings += file.findings
        }
        var reportedCycles: Set<[SpecPointer]> = []
        let chains = zip(paths, resolved).flatMap { path, file in
            brokenChains(from: file.chained, in: path, bundle: bundle)
        }
        // A chain too long is reported once, at its head: the references along it run into the same limit.
        let chainedTargets = Set(zip(paths, resolved).flatMap { path, file in
            file.chained.compactMap { file.targets[$0] }
        })
        for chain in chains {
            switch chain {
            case .cycle(let cycle) where reportedCycles.insert(Array(Set(cycle)).sorted()).inserted:
                findings.append(Finding(
                    rule: .specRefCycle,
                    message: "'$ref' never reaches a value: the references form a cycle, " + ReferenceProblem.cycle(cycle).chainDescription,
                    specPointer: cycle[0] / "$ref"))
            case .tooLong(let head, let problem) where !chainedTargets.contains(head):
                findings.append(Finding(
                    rule: .specRefUnresolved, message: "'$ref' never reaches a value: \(problem)", specPointer: head / "$ref"))
            default:
                continue
            }
        }
        return findings
    }

    /// Where one file's references lead, by the pointer of the object holding each, and a finding for each that
    /// leads nowhere.
    private struct ResolvedFile: Sendable {
        var targets: [JSONPointer: SpecPointer]
        var findings: [Finding]
        /// The holders whose target holds a `$ref` in turn: only these can start a cycle.
        var chained: [JSONPointer]
    }

    /// A reference's target and whether the target holds a `$ref` itself, or why the reference leads nowhere.
    private struct Resolved {
        var result: Result<SpecPointer, ReferenceProblem>
        var chained: Bool

        init(_ found: Result<(pointer: SpecPointer, value: JSONValue), ReferenceProblem>) {
            result = found.map(\.pointer)
            if case .success(let target) = found, case .string? = target.value["$ref"] {
                chained = true
            } else {
                chained = false
            }
        }
    }

    private static func resolveReferences(of sites: [ReferenceSite], in path: String, bundle: SpecBundle) -> ResolvedFile {
        // The same reference from the same base resource always lands on the same target (descriptions repeat
        // `#/components/schemas/X` hundreds of times), so each distinct one is resolved once. Without `$id`s the
        // base is the file itself, and the memo is keyed by the reference text alone.
        struct Resolution: Hashable {
            var base: ResourceBase
            var reference: String
        }
        var resolved: [Resolution: Resolved] = [:]
        var resolvedInFile: [String: Resolved] = [:]
        var file = ResolvedFile(targets: Dictionary(minimumCapacity: sites.count), findings: [], chained: [])
        for site in sites {
            let holder = SpecPointer(file: path, pointer: site.holder)
            let known: Resolved
            if bundle.identifiersPresent {
                let key = Resolution(base: bundle.baseResource(of: holder), reference: site.reference)
                if let found = resolved[key] {
                    known = found
                } else {
                    known = Resolved(bundle.resolveWithValue(site.reference, from: holder))
                    resolved[key] = known
                }
            } else if let found = resolvedInFile[site.reference] {
                known = found
            } else {
                known = Resolved(bundle.resolveWithValue(site.reference, from: holder))
                resolvedInFile[site.reference] = known
            }
            switch known.result {
            case .success(let target):
                file.targets[site.holder] = target
                if known.chained { file.chained.append(site.holder) }
            case .failure(let problem):
                file.findings.append(Finding(
                    rule: .specRefUnresolved,
                    message: "'$ref: \(site.reference)' cannot be resolved: \(problem)",
                    specPointer: holder / "$ref"))
            }
        }
        return file
    }

    /// A chain of references that never reaches a value: a cycle (from where it starts repeating), or a chain
    /// longer than the `ref-hops` limit (from the holder it was followed from).
    private enum BrokenChain {
        case cycle([SpecPointer])
        case tooLong(head: SpecPointer, problem: ReferenceProblem)
    }

    /// The broken chains that the `$ref`s held at `holders` of a file run into.
    ///
    /// Each chain is walked once: how many hops each reference is from a value is remembered, so a description of
    /// thousands of references chained one into the next costs a walk of the chain, not one per reference (5,000
    /// chained schemas took seconds). Only a reference that is in a cycle, or too far from a value and not itself
    /// the target of another (the head, where the finding goes), is followed again to word its problem.
    private static func brokenChains(from holders: [JSONPointer], in path: String, bundle: SpecBundle) -> [BrokenChain] {
        guard let targets = bundle.referenceTargets[path] else { return [] }
        let chainedTargets = Set(holders.compactMap { targets[$0] })
        /// Hops from each reference to a value; nil once known to be in or lead into a cycle.
        var distance: [SpecPointer: Int?] = [:]
        var chains: [BrokenChain] = []
        for holder in holders {
            // Only a reference whose target holds another resolved reference can start a cycle.
            guard let target = targets[holder], bundle.referenceTarget(of: target) != nil else { continue }
            let start = SpecPointer(file: path, pointer: holder)
            var walked: [SpecPointer] = []
            var onWalk: Set<SpecPointer> = []
            var current = start
            var known: Int?? = nil
            while true {
                if let remembered = distance[current] { known = remembered; break }
                guard onWalk.insert(current).inserted else { known = .some(nil); break }
                walked.append(current)
                guard let next = bundle.referenceTarget(of: current) else { known = .some(0); break }
                current = next
            }
            // Back along the walk: each reference one hop further from the value than the next, or in the cycle.
            var hops = known ?? nil
            for pointer in walked.reversed() {
                hops = hops.map { $0 + 1 }
                distance[pointer] = .some(hops)
            }
            let startHops = distance[start] ?? nil
            if let startHops, startHops <= bundle.maxReferenceHops { continue }
            if startHops != nil, chainedTargets.contains(start) { continue }
            switch bundle.follow(start) {
            case .failure(.cycle(let chain)):
                // The chain may lead into the cycle from outside it; the cycle starts where it repeats.
                let first = chain.firstIndex(of: chain[chain.count - 1]) ?? 0
                chains.append(.cycle(Array(chain[first...])))
            case .failure(let problem):
                if case .tooManyHops = problem { chains.append(.tooLong(head: start, problem: problem)) }
            default:
                continue
            }
        }
        return chains
    }
}

/// A file path as a set member, hashed by its length and its last bytes only. The paths of a description's files
/// share long prefixes and differ near the end, and the loader asks about every file every document references
/// (DigitalOcean: about 8,000 times); hashing whole paths was most of the time spent between levels. Equality
/// still compares whole paths.
private struct PathKey: Hashable {
    let path: String

    init(_ path: String) {
        self.path = path
    }

    func hash(into hasher: inout Hasher) {
        path.withUTF8Bytes { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(32))))
        }
    }
}

extension SourceFile {
    /// The same bytes under another path (the normalized form used as the bundle's key).
    func renamed(_ path: String) -> SourceFile {
        SourceFile(path: path, bytes: bytes)
    }
}
