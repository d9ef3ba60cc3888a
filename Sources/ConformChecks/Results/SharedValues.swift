import ConformFindings
import ConformSpec
import ConformValues

/// One stored copy of each repeated value, so that equal strings, pointers and note lists of the findings a report
/// keeps share storage: operation names, messages, pointers and notes repeat across exchanges (the same defect in
/// many responses), and sharing them keeps a long recording's report small.
struct SharedValues: Sendable {
    private var strings: Set<String> = []
    private var pointers: Set<SpecPointer> = []
    private var instancePointers: Set<JSONPointer> = []
    private var operations: Set<OperationKey> = []
    private var notes: Set<[String]> = []
    /// The first finding of each fingerprint, its values already shared. A finding with the same fingerprint most
    /// often repeats its values too, and comparing each with the first's costs less than hashing it.
    private var firsts: [Finding] = []
    private var firstIndex: [UInt64: Int] = [:]
    /// For each fingerprint some of whose findings expected otherwise than its first, those occurrences.
    private(set) var otherWordings: [UInt64: FindingWordings] = [:]

    /// Shares `finding`'s values with those of the findings before, and gives its key. The key is worked out here,
    /// on the finding in place: read out of its result first, the finding would be copied.
    mutating func compact(_ finding: inout Finding) -> FindingKey {
        let key = FindingKey(finding)
        if let first = firstIndex[key.fingerprint] {
            share(&finding, like: first)
            // What the schema or description expected tells occurrences apart in substance (which required property
            // is missing); messages differ by the values they quote and the item they are about too. Shared values
            // are one storage, so an equal one compares at once.
            if finding.expected != firsts[first].expected {
                otherWordings[key.fingerprint, default: FindingWordings()].add(expected: finding.expected, message: finding.message)
            }
        } else {
            share(&finding, like: nil)
            firstIndex[key.fingerprint] = firsts.count
            firsts.append(finding)
        }
        return key
    }

    /// Each value of `finding` as its stored copy, compared first with the value of the finding at `first` in
    /// `firsts` when there is one.
    private mutating func share(_ finding: inout Finding, like first: Int?) {
        finding.operation = finding.operation.map { Self.share($0, like: first.flatMap { firsts[$0].operation }, in: &operations) }
        finding.specPointer = finding.specPointer.map { Self.share($0, like: first.flatMap { firsts[$0].specPointer }, in: &pointers) }
        finding.instancePointer = finding.instancePointer.map {
            Self.share($0, like: first.flatMap { firsts[$0].instancePointer }, in: &instancePointers)
        }
        finding.expected = finding.expected.map { Self.share($0, like: first.flatMap { firsts[$0].expected }, in: &strings) }
        finding.actual = finding.actual.map { Self.share($0, like: first.flatMap { firsts[$0].actual }, in: &strings) }
        finding.message = Self.share(finding.message, like: first.map { firsts[$0].message }, in: &strings)
        if !finding.notes.isEmpty { finding.notes = Self.share(finding.notes, like: first.map { firsts[$0].notes }, in: &notes) }
    }

    /// `first` when the value equals it (the first's values are the stored copies), else the stored copy.
    private static func share<Value: Hashable>(_ value: Value, like first: Value?, in set: inout Set<Value>) -> Value {
        if let first, value == first { return first }
        return share(value, in: &set)
    }

    private static func share<Value: Hashable>(_ value: Value, in set: inout Set<Value>) -> Value {
        let (inserted, member) = set.insert(value)
        return inserted ? value : member
    }
}

/// The occurrences of one finding (one fingerprint) that expected something else than its first: a required
/// property missing is one finding at the object whichever property it is, and the reports that show a finding
/// once with its count show the first's message, so they say that others read otherwise (`'message' is missing`
/// beside `'code' is missing`). Occurrences that differ only in the values they quote or the item they are about
/// are not counted here.
package struct FindingWordings: Sendable, Equatable {
    /// How many wordings are kept, with their counts; the rest are counted in `occurrences` only.
    package static let kept = 3
    /// Occurrences that expected otherwise than the first.
    package private(set) var occurrences = 0
    /// The first message of each of the first few other expectations, in the order they came, and how often each
    /// expectation occurred.
    package private(set) var wordings: [Wording] = []

    package struct Wording: Sendable, Equatable {
        package var expected: String?
        package var message: String
        package var count: Int
    }

    package init() {}

    mutating func add(expected: String?, message: String) {
        occurrences += 1
        if let known = wordings.firstIndex(where: { $0.expected == expected }) {
            wordings[known].count += 1
        } else if wordings.count < Self.kept {
            wordings.append(Wording(expected: expected, message: message, count: 1))
        }
    }
}
