import ConformFindings
import ConformValues
import Foundation

/// A description as loaded: every file, the version, and the problems met on the way (a `$ref` that resolves
/// nowhere, a referenced file that does not parse, a reference cycle).
public struct LoadedSpec: Sendable {
    public var bundle: SpecBundle
    public var version: SpecVersion
    public var findings: [Finding]
}

/// Reads an entry document and every file its `$ref`s reach, then checks that each `$ref` resolves.
///
/// Only the entry document can make loading fail (it is thrown as a `LoadError`); a broken referenced file is a
/// finding, so one bad fragment does not hide everything else wrong with a description.
public enum SpecLoader {
    public static func load(path: String, limits: LoadLimits = .default) throws(LoadError) -> LoadedSpec {
        let entryPath = RefPath.normalize(path)
        let entry = try DocumentReader.read(SourceFile(contentsOf: path, limits: limits).renamed(entryPath), limits: limits)
        return try load(entry: entry, limits: limits)
    }

    /// Loads from an entry document already in memory (tests, stdin).
    public static func load(entry: LoadedDocument, limits: LoadLimits = .default) throws(LoadError) -> LoadedSpec {
        let version = try SpecVersion.detect(in: entry)
        var bundle = SpecBundle(entryPath: entry.file.path)
        bundle.add(entry, at: entry.file.path)
        var findings: [Finding] = []
        var scans: [String: ScanResult] = [entry.file.path: ReferenceScanner.scan(entry.root)]
        // Files are found a level at a time: the files the documents of one level reference are read and scanned
        // side by side (reading is most of loading a description of many files), then added in the order they
        // were found, so the result does not depend on which finished first.
        var level = [entry.file.path]
        // Many references of a file repeat the same file part; each distinct one is looked at once per file.
        var handled: Set<Substring> = []
        while !level.isEmpty {
            var found: [String] = []
            var queued: Set<String> = []
            for path in level {
                handled.removeAll(keepingCapacity: true)
                for site in scans[path]!.references {
                    let documentPart = RefPath.split(site.reference).document
                    // A fragment of the same file (`#/components/…`) loads nothing.
                    guard !documentPart.isEmpty, handled.insert(documentPart).inserted else { continue }
                    guard let file = referencedFile(site.reference, from: path),
                        bundle.documents[file] == nil, bundle.unloadable[file] == nil, queued.insert(file).inserted
                    else { continue }
                    found.append(file)
                }
            }
            level = []
            for (file, outcome) in zip(found, readAndScan(found, limits: limits)) {
                switch outcome {
                case .success(let (loaded, scan)):
                    bundle.add(loaded, at: file)
                    scans[file] = scan
                    level.append(file)
                case .failure(let failure):
                    bundle.markUnloadable(file, reason: failure.reason)
                    if let finding = failure.finding { findings.append(finding) }
                }
            }
        }

        if version.isV31 {
            registerIdentifiers(scans, in: &bundle)
        }
        findings += resolveReferences(scans, in: &bundle)
        return LoadedSpec(bundle: bundle, version: version, findings: findings)
    }

    /// The file a reference names, when it names one on disk (not a fragment of the same file, not a URI).
    static func referencedFile(_ reference: String, from path: String) -> String? {
        let filePart = RefPath.split(reference).document
        guard !filePart.isEmpty, !RefPath.hasScheme(reference), let decoded = RefPath.percentDecode(filePart) else {
            return nil
        }
        return RefPath.join(path, decoded)
    }

    private struct ReferencedFileFailure: Error, Sendable {
        var reason: String
        var finding: Finding?
    }

    /// Reads and scans files side by side, one result per path in the same order.
    private static func readAndScan(
        _ paths: [String], limits: LoadLimits
    ) -> [Result<(LoadedDocument, ScanResult), ReferencedFileFailure>] {
        paths.parallelMap { path in
            loadReferenced(path, limits: limits).map { ($0, ReferenceScanner.scan($0.root)) }
        }
    }

    private static func loadReferenced(_ path: String, limits: LoadLimits) -> Result<LoadedDocument, ReferencedFileFailure> {
        guard FileManager.default.fileExists(atPath: path) else {
            return .failure(ReferencedFileFailure(reason: "does not exist", finding: nil))
        }
        do {
            let file = try SourceFile(contentsOf: path, limits: limits)
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
    /// resolves nowhere and one per reference cycle.
    private static func resolveReferences(_ scans: [String: ScanResult], in bundle: inout SpecBundle) -> [Finding] {
        var findings: [Finding] = []
        // The same reference from the same base resource always lands on the same target (descriptions repeat
        // `#/components/schemas/X` hundreds of times), so each distinct one is resolved once. Without `$id`s the
        // base is the file itself, and the memo is kept per file, keyed by the reference text alone: hashing a
        // long file path with every lookup was a large part of loading a description of many files.
        struct Resolution: Hashable {
            var base: ResourceBase
            var reference: String
        }
        var resolved: [Resolution: Result<SpecPointer, ReferenceProblem>] = [:]
        var resolvedInFile: [String: Result<SpecPointer, ReferenceProblem>] = [:]
        let siteCount = scans.values.reduce(0) { $0 + $1.references.count }
        bundle.referenceTargets.reserveCapacity(siteCount)
        let paths = scans.keys.sorted()
        for path in paths {
            resolvedInFile.removeAll(keepingCapacity: true)
            for site in scans[path]!.references {
                let holder = SpecPointer(file: path, pointer: site.holder)
                let result: Result<SpecPointer, ReferenceProblem>
                if bundle.identifiersPresent {
                    let key = Resolution(base: bundle.baseResource(of: holder), reference: site.reference)
                    result = resolved[key] ?? bundle.resolve(site.reference, from: holder)
                    resolved[key] = result
                } else {
                    result = resolvedInFile[site.reference] ?? bundle.resolve(site.reference, from: holder)
                    resolvedInFile[site.reference] = result
                }
                switch result {
                case .success(let target):
                    bundle.referenceTargets[holder] = target
                case .failure(let problem):
                    findings.append(Finding(
                        rule: .specRefUnresolved,
                        message: "'$ref: \(site.reference)' cannot be resolved: \(problem)",
                        specPointer: holder / "$ref"))
                }
            }
        }
        var reportedCycles: Set<[SpecPointer]> = []
        for path in paths {
            for site in scans[path]!.references {
                let holder = SpecPointer(file: path, pointer: site.holder)
                // Only a reference whose target holds another reference can start a cycle.
                guard let target = bundle.referenceTargets[holder], bundle.referenceTargets[target] != nil else { continue }
                if case .failure(.cycle(let chain)) = bundle.follow(holder) {
                    // The chain may lead into the cycle from outside it; the cycle starts where it repeats.
                    let start = chain.firstIndex(of: chain[chain.count - 1]) ?? 0
                    let cycle = Array(chain[start...])
                    guard reportedCycles.insert(Array(Set(cycle)).sorted()).inserted else { continue }
                    findings.append(Finding(
                        rule: .specRefCycle,
                        message: "'$ref' never reaches a value: \(ReferenceProblem.cycle(cycle))",
                        specPointer: cycle[0] / "$ref"))
                }
            }
        }
        return findings
    }
}

extension SourceFile {
    /// The same bytes under another path (the normalized form used as the bundle's key).
    func renamed(_ path: String) -> SourceFile {
        SourceFile(path: path, bytes: bytes)
    }
}
