import ConformFindings
import ConformValues

/// Turns a loaded description into the OpenAPI model.
///
/// Problems in the document become `spec-*` findings and the offending node is left out; building never throws
/// and never stops early, so one mistake does not hide the next.
package struct ModelBuilder: Sendable {
    let bundle: SpecBundle
    let version: SpecVersion
    /// Whether a `$ref` where the version allows no Reference Object is followed (with a warning), as bundlers
    /// and openapi-spec-validator do, or is an error and left out (the config's `strict: [misplaced-ref]`).
    let followsMisplacedReferences: Bool
    var findings: [Finding] = []
    /// Targets of the `$ref`s met so far, by file and reference text (see `follow`).
    private var memo: [FollowedReference: (pointer: SpecPointer, value: JSONValue)] = [:]

    /// A builder whose memo has room for `expectedReferences` targets from the start, so that a builder that will
    /// follow many never grows it midway (rehashing every key).
    init(bundle: SpecBundle, version: SpecVersion, followsMisplacedReferences: Bool = true, expectedReferences: Int = 0) {
        self.bundle = bundle
        self.version = version
        self.followsMisplacedReferences = followsMisplacedReferences
        memo.reserveCapacity(expectedReferences)
    }

    /// Builds the model of a loaded description; the findings include the loader's.
    package static func build(_ loaded: LoadedSpec, followsMisplacedReferences: Bool = true) -> (document: OpenAPIDocument, findings: [Finding]) {
        var builder = ModelBuilder(bundle: loaded.bundle, version: loaded.version, followsMisplacedReferences: followsMisplacedReferences)
        let document = builder.buildDocument()
        return (document, loaded.findings + builder.findings)
    }

    mutating func report(_ rule: RuleID, _ message: String, at pointer: SpecPointer, operation: OperationKey? = nil) {
        findings.append(Finding(rule: rule, message: message, operation: operation, specPointer: pointer))
    }

    /// Whether a Reference Object may stand at a place, per the OpenAPI version.
    enum ReferencePolicy {
        /// The place allows a Reference Object (parameters, responses, request bodies, headers, …).
        case allowed
        /// The place does not; a `$ref` found there is followed but reported as `spec-ref-misplaced`.
        case misplaced(what: String)
    }

    /// The object at a pointer, following a `$ref` when there is one. Returns the pointer of the object reached,
    /// so that model nodes record where they were really written. Nil (with a finding) when it is not an object.
    /// `value` is the value at `pointer` when the caller holds it already (from its parent), which saves following
    /// the pointer from the document root again.
    mutating func object(
        at pointer: SpecPointer, value known: JSONValue? = nil, _ what: @autoclosure () -> String, references: ReferencePolicy
    ) -> (pointer: SpecPointer, object: JSONObject)? {
        guard let value = known ?? bundle.value(at: pointer) else { return nil }
        if case .string(let reference)? = value["$ref"] {
            if case .misplaced(let place) = references {
                guard reportMisplaced(place, at: pointer) else { return nil }
            }
            // A reference that leads nowhere was reported by the loader.
            guard let target = follow(reference, at: pointer) else { return nil }
            return expectObject(target.value, at: target.pointer, what())
        }
        return expectObject(value, at: pointer, what())
    }

    /// After `object(at:)` found nothing: the `$ref` that `value` holds when that is why (it leads nowhere, which
    /// the loader reported), so the caller can keep a stand-in.
    mutating func unresolvedReference(in value: JSONValue?, at pointer: SpecPointer) -> UnresolvedReference? {
        guard let value = value ?? bundle.value(at: pointer), case .string(let reference)? = value["$ref"],
            follow(reference, at: pointer) == nil
        else { return nil }
        return UnresolvedReference(pointer: pointer / "$ref", reference: reference)
    }

    /// Where the `$ref` at `pointer` finally leads. Descriptions repeat the same references (a rate-limit header
    /// on every response), and without `$id`s a reference's target depends only on its file and its text, so
    /// targets are remembered by file and text instead of following each one from the document root again, which
    /// dominates building a large multi-file model.
    private mutating func follow(_ reference: String, at pointer: SpecPointer) -> (pointer: SpecPointer, value: JSONValue)? {
        let memoizes = !bundle.identifiersPresent
        let site = FollowedReference(file: pointer.file, reference: reference)
        if memoizes, let known = memo[site] { return known }
        let reached: (pointer: SpecPointer, value: JSONValue)
        if let target = bundle.referenceTarget(of: pointer), let value = bundle.value(at: target),
            value["$ref"] == nil
        {
            // Most references lead straight to a value: one lookup, instead of following from the holder (which
            // starts by finding the holder again from its document's root).
            reached = (target, value)
        } else {
            guard case .success(let target) = bundle.follow(pointer) else { return nil }
            reached = target
        }
        if memoizes { memo[site] = reached }
        return reached
    }

    private mutating func expectObject(
        _ value: JSONValue, at pointer: SpecPointer, _ what: @autoclosure () -> String
    ) -> (pointer: SpecPointer, object: JSONObject)? {
        guard case .object(let object) = value else {
            report(.specStructure, "\(what()) must be an object, found \(Self.describe(value))", at: pointer)
            return nil
        }
        return (pointer, object)
    }

    /// An optional string field; a value of another type is reported.
    mutating func string(_ key: String, in object: JSONObject, at pointer: SpecPointer) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            report(.specStructure, "'\(key)' must be a string, found \(Self.describe(value))", at: pointer / key)
            return nil
        }
        return text
    }

    /// A required string field; its absence is reported.
    mutating func requiredString(
        _ key: String, in object: JSONObject, at pointer: SpecPointer, of what: @autoclosure () -> String
    ) -> String? {
        guard object[key] != nil else {
            report(.specStructure, "\(what()) has no '\(key)', which is required", at: pointer)
            return nil
        }
        return string(key, in: object, at: pointer)
    }

    mutating func bool(_ key: String, in object: JSONObject, at pointer: SpecPointer) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value else {
            report(.specStructure, "'\(key)' must be true or false, found \(Self.describe(value))", at: pointer / key)
            return nil
        }
        return flag
    }

    /// An optional array field of the description (`parameters`, `servers`, `security`, `tags`) and where its items
    /// are written; a value of another type is reported. A `$ref` standing for the whole array is followed (see
    /// `map`).
    mutating func array(_ key: String, in object: JSONObject, at pointer: SpecPointer) -> (pointer: SpecPointer, items: [JSONValue])? {
        guard let (place, value) = field(key, in: object, at: pointer) else { return nil }
        guard case .array(let items) = value else {
            report(.specStructure, "'\(key)' must be an array, found \(Self.describe(value))", at: place)
            return nil
        }
        return (place, items)
    }

    /// An optional map field of the description (`content`, `headers`, `responses`, `paths`, …) and where its
    /// entries are written; a value of another type is reported. A `$ref` standing for the whole map, where no
    /// Reference Object is allowed (Lob's multi-file description writes `content: {$ref: responses/x.yml}`), is
    /// followed as bundlers do and reported as misplaced, and the entries are those of its target.
    mutating func map(_ key: String, in object: JSONObject, at pointer: SpecPointer) -> (pointer: SpecPointer, map: JSONObject)? {
        guard let (place, value) = field(key, in: object, at: pointer) else { return nil }
        guard case .object(let map) = value else {
            report(.specStructure, "'\(key)' must be an object, found \(Self.describe(value))", at: place)
            return nil
        }
        return (place, map)
    }

    /// A field's value and where it is written, through a misplaced `$ref` standing for the whole value.
    private mutating func field(_ key: String, in object: JSONObject, at pointer: SpecPointer) -> (pointer: SpecPointer, value: JSONValue)? {
        guard let value = object[key] else { return nil }
        let place = pointer / key
        guard case .string(let reference)? = value["$ref"] else { return (place, value) }
        guard reportMisplaced("'\(key)'", at: place) else { return nil }
        // A reference that leads nowhere was reported by the loader.
        return follow(reference, at: place)
    }

    /// Reports the `$ref` at `pointer`, where the version allows no Reference Object, and says whether to follow it:
    /// a warning and yes by default, an error and no under `strict: [misplaced-ref]`.
    private mutating func reportMisplaced(_ place: String, at pointer: SpecPointer) -> Bool {
        let message = "\(place) cannot be a Reference Object in OpenAPI \(version.text); "
        if followsMisplacedReferences {
            report(.specRefMisplaced, message + "the '$ref' is followed anyway", at: pointer / "$ref")
        } else {
            findings.append(Finding(
                rule: .specRefMisplaced, severity: .error, message: message + "it is left out (strict: misplaced-ref)", specPointer: pointer / "$ref"))
        }
        return followsMisplacedReferences
    }

    /// "a string \"abc\"", "an array", "null": how messages name a value found in the wrong place.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "the boolean \(flag)"
        case .integer(let number): return "the number \(number)"
        case .number(let number): return "the number \(number)"
        case .bigNumber(let text): return "the number \(text)"
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \"\(shown)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A `$ref` as `ModelBuilder.follow` remembers it: the file it is written in and its text.
///
/// The hash takes the reference text and only the length of the file's path: paths run to a hundred bytes and
/// share long prefixes, and hashing every byte of them for each reference followed (and again on each growth of
/// the memo) would be a large part of building a multi-file model. Equality still compares both in full.
private struct FollowedReference: Hashable {
    var file: String
    var reference: String

    func hash(into hasher: inout Hasher) {
        hasher.combine(reference)
        hasher.combine(file.utf8.count)
    }
}
