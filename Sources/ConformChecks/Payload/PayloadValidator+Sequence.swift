import ConformFindings
import ConformSchema
import ConformTraffic
import ConformValues

extension PayloadValidator {
    /// At most this many items of one file get findings of their own; one more finding counts the others.
    static let reportedItems = 20

    /// A sequential payload (OpenAPI 3.2 `itemSchema`) read a chunk at a time: each item is checked as soon as it
    /// is complete and then dropped, so a file of any size is checked in the memory of one chunk and one item.
    /// A finding points at its item (`/3/level`) and names it ("line 4"); a file cut short inside an item is a
    /// `body-stream-truncated` note.
    func validateItems(file path: String, bytes: [UInt8]?, reader: inout some SequenceReader) -> PayloadResult {
        var findings: [Finding] = []
        var failing = 0
        // One pattern-matching budget for the file, as for one exchange (see `PatternBudget`).
        let budget = schemas.compiled.patternBudget()
        let end: SequenceEnd
        do throws(LoadError) {
            end = try SequenceFile.read(path, bytes: bytes, through: &reader) { item in
                let location = item.line.map { SourceLocation(file: path, line: $0, column: 1) }
                let failures: [SchemaFailure]
                switch item.content {
                case .malformed(let message):
                    failing += 1
                    if failing <= Self.reportedItems {
                        findings.append(Finding(
                            rule: target.rule, message: message, operation: target.operation,
                            instancePointer: JSONPointer(tokens: [String(item.index)]), sourceLocation: location))
                    }
                    return
                case .value(let value):
                    failures = schemas.compiled.validate(value, against: schema, direction: target.direction, budget: budget)
                }
                guard !failures.isEmpty else { return }
                // Notes of undecided patterns alone do not make the item fail.
                if failures.contains(where: { !$0.notValidated }) { failing += 1 }
                guard failing <= Self.reportedItems else { return }
                findings += failures.map { failure in
                    finding(failure, instance: JSONPointer(tokens: [String(item.index)] + failure.instancePointer.tokens),
                            message: "\(item.label)\(failure.instancePointer.isRoot ? "" : " \(failure.instancePointer)"): \(failure.message)",
                            location: location)
                }
            }
        } catch {
            return PayloadResult(file: path, findings: [], loadError: error, source: nil, failOn: contract.failOn)
        }
        if failing > Self.reportedItems {
            let more = failing - Self.reportedItems
            findings.append(Finding(
                rule: target.rule,
                message: "\(CountText.phrase(more, "more item")) \(more == 1 ? "fails" : "fail"), not listed (only the first \(Self.reportedItems) failing items are)",
                operation: target.operation, specPointer: target.schema))
        }
        if let truncation = end.truncation {
            findings.append(Finding(rule: .bodyStreamTruncated, message: "the payload \(truncation)", operation: target.operation))
        }
        let configured = contract.config.apply(to: findings, operationIDs: contract.operationIDs)
        return PayloadResult(file: path, findings: configured, loadError: nil, source: nil, failOn: contract.failOn)
    }
}
