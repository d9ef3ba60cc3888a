import ConformFindings
import ConformValues
import Foundation

/// Why a `$ref` leads nowhere, in words for the finding.
package enum ReferenceProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case fileUnavailable(path: String, reason: String)
    case pointerNotFound(file: String, pointer: String)
    case anchorNotFound(resource: String, anchor: String)
    case malformedPointer(String)
    case remote(String)
    case cycle([SpecPointer])
    /// A chain of references longer than the `ref-hops` limit, from where it started to where following stopped.
    case tooManyHops(limit: Int, last: SpecPointer)

    package var description: String {
        switch self {
        case .fileUnavailable(let path, let reason):
            return "the file '\(path)' \(reason)"
        case .pointerNotFound(let file, let pointer):
            return "'\(file)' has nothing at '#\(pointer)'"
        case .anchorNotFound(let resource, let anchor):
            return "'\(resource)' defines no anchor '\(anchor)'"
        case .malformedPointer(let fragment):
            return "the fragment '#\(fragment)' is not a valid JSON pointer"
        case .remote(let uri):
            return "'\(uri)' is a remote document, and remote references are not fetched without --allow-remote-refs"
        case .tooManyHops(let limit, let last):
            return "the chain of references is longer than the ref-hops limit of \(limit) (--limit ref-hops=…); following stopped at \(last)"
        case .cycle:
            return "the references form a cycle that never reaches a value: " + chainDescription
        }
    }

    /// A cycle's references in order, `a.yaml#/x → a.yaml#/y → a.yaml#/x`; empty for other problems.
    package var chainDescription: String {
        guard case .cycle(let chain) = self else { return "" }
        return chain.map(\.description).joined(separator: " → ")
    }
}

/// Where a reference's target lives: a file of the bundle, or a schema resource named by an absolute `$id`.
enum ResourceBase: Hashable {
    case file(String)
    case uri(String)

    var key: String {
        switch self {
        case .file(let path): return path
        case .uri(let uri): return uri
        }
    }
}

extension SpecBundle {
    /// Resolves one `$ref` written at `site` (the pointer of the object holding it) to the pointer it names.
    package func resolve(_ reference: String, from site: SpecPointer) -> Result<SpecPointer, ReferenceProblem> {
        resolveWithValue(reference, from: site).map(\.pointer)
    }

    /// Like `resolve`, with the value found at the target (the loader looks at it, and finding it twice was a
    /// walk from the document root and a hash of the file path per reference).
    func resolveWithValue(
        _ reference: String, from site: SpecPointer
    ) -> Result<(pointer: SpecPointer, value: JSONValue), ReferenceProblem> {
        let (uriPart, fragmentPart) = RefPath.split(reference)
        let fragment = String(fragmentPart)
        let base = baseResource(of: site)

        let target: ResourceBase
        if uriPart.isEmpty {
            target = base
        } else if case .file(let path) = base, !RefPath.hasScheme(reference) {
            guard let decoded = RefPath.percentDecode(uriPart) else { return .failure(.malformedPointer(reference)) }
            target = .file(RefPath.join(path, decoded))
        } else {
            let baseURL: URL? = if case .uri(let uri) = base { URL(string: uri) } else { nil }
            guard let absolute = URL(string: String(uriPart), relativeTo: baseURL)?.absoluteString else {
                return .failure(.malformedPointer(reference))
            }
            target = .uri(absolute)
        }
        let found = locate(fragment: fragment, in: target)
        // A relative reference in a document known by its `$self` names a URI; when no loaded file has it (the file
        // was refused or missing), the file it stands for says why, not "a remote document".
        if case .failure(.remote) = found, !documentURIs.isEmpty, !RefPath.hasScheme(reference),
            let decoded = RefPath.percentDecode(uriPart)
        {
            return locate(fragment: fragment, in: .file(RefPath.join(site.file, decoded)))
        }
        return found
    }

    /// The pointer a fragment names inside a resource, and the value there.
    func locate(
        fragment: String, in resource: ResourceBase
    ) -> Result<(pointer: SpecPointer, value: JSONValue), ReferenceProblem> {
        let root: SpecPointer
        let rootValue: JSONValue
        switch resource {
        case .file(let path):
            guard let document = documents[path] else {
                return .failure(.fileUnavailable(path: path, reason: unloadable[path] ?? "was not loaded"))
            }
            root = SpecPointer(file: path, pointer: .root)
            rootValue = document.root
        case .uri(let uri):
            if let found = identifiers[uri], let value = value(at: found) {
                root = found
                rootValue = value
            } else if uri.hasPrefix("file://"), let path = URL(string: uri)?.path, let document = documents[path] {
                root = SpecPointer(file: path, pointer: .root)
                rootValue = document.root
            } else if let reason = unloadable[uri] {
                // Fetched (`--allow-remote-refs`) and refused: why, rather than "not fetched".
                return .failure(.fileUnavailable(path: uri, reason: reason))
            } else {
                return .failure(.remote(uri))
            }
        }
        guard let decoded = RefPath.percentDecode(fragment[...]) else { return .failure(.malformedPointer(fragment)) }
        if decoded.isEmpty { return .success((root, rootValue)) }
        if decoded.utf8.first == UInt8(ascii: "/") {
            guard let pointer = try? JSONPointer(parsing: decoded) else { return .failure(.malformedPointer(decoded)) }
            let target = SpecPointer(file: root.file, pointer: root.pointer.appending(pointer))
            guard let value = rootValue.value(at: pointer) else {
                return .failure(.pointerNotFound(file: root.file, pointer: target.pointer.description))
            }
            return .success((target, value))
        }
        if let anchored = anchors[resource.key + "#" + decoded], let value = value(at: anchored) {
            return .success((anchored, value))
        }
        return .failure(.anchorNotFound(resource: resource.key, anchor: decoded))
    }

    /// Follows `$ref`s from a pointer until a value that is not a reference; nil target on a cycle or a
    /// dangling reference (which the loader has already reported).
    package func follow(_ start: SpecPointer) -> Result<(pointer: SpecPointer, value: JSONValue), ReferenceProblem> {
        var current = start
        var seen: [SpecPointer] = []
        // The chain so far as a set too: a hostile chain is as long as `ref-hops`, and searching the array at
        // each step would be quadratic in it.
        var visited: Set<SpecPointer> = []
        while true {
            guard let value = value(at: current) else {
                return .failure(.pointerNotFound(file: current.file, pointer: current.pointer.description))
            }
            guard case .string(let reference)? = value["$ref"] else { return .success((current, value)) }
            if visited.contains(current) { return .failure(.cycle(seen + [current])) }
            guard seen.count < maxReferenceHops else { return .failure(.tooManyHops(limit: maxReferenceHops, last: current)) }
            seen.append(current)
            visited.insert(current)
            if let known = referenceTarget(of: current) {
                current = known
                continue
            }
            switch resolve(reference, from: current) {
            case .success(let next): current = next
            case .failure(let problem): return .failure(problem)
            }
        }
    }

    /// The resource a pointer's relative references resolve against: the innermost enclosing schema `$id`
    /// (OAS 3.1 and later), else the document's URI (OAS 3.2 `$self`), else the file itself.
    func baseResource(of site: SpecPointer) -> ResourceBase {
        guard identifiersPresent, let root = documents[site.file]?.root else { return .file(site.file) }
        var base = documentURIs[site.file].map(ResourceBase.uri) ?? .file(site.file)
        var value = root
        var depth = 0
        while true {
            if case .string(let id)? = value["$id"] {
                base = Self.resolveIdentifier(id, against: base)
            }
            guard depth < site.pointer.tokens.count else { break }
            let token = site.pointer.tokens[depth]
            switch value {
            case .object(let object):
                guard let next = object[token] else { return base }
                value = next
            case .array(let array):
                guard let index = JSONPointer.arrayIndex(token), index < array.count else { return base }
                value = array[index]
            default:
                return base
            }
            depth += 1
        }
        return base
    }

    /// An `$id` made absolute against the enclosing base; its fragment (an old-style anchor) dropped.
    static func resolveIdentifier(_ id: String, against base: ResourceBase) -> ResourceBase {
        let withoutFragment = id.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
            .map(String.init) ?? id
        if withoutFragment.isEmpty { return base }
        let baseURL: URL? = switch base {
        case .file(let path): URL(fileURLWithPath: path)
        case .uri(let uri): URL(string: uri)
        }
        guard let absolute = URL(string: withoutFragment, relativeTo: baseURL)?.absoluteString else { return base }
        return .uri(absolute)
    }
}
