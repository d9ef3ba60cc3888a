import ConformChecks
import ConformFindings
import Foundation

/// JUnit XML for CI test views: a testsuite per operation and a testcase per exchange, so a failing exchange shows
/// up as a failing test with the findings as its message. The description's findings form a suite of their own,
/// documented responses no exchange reached are skipped testcases (coverage gaps show as skips), and unreadable
/// entries are errors. Within an exchange, a finding repeated in many array items is written once with its count.
/// The output follows the Ant JUnit schema (windyroad JUnit.xsd).
public struct JUnitReporter: Reporter {
    public init() {}

    /// Streams the document a testsuite at a time: only one operation's testcases are held at once.
    public func write<Output: TextOutputStream>(_ report: ConformanceReport, to output: inout Output) {
        let text = FindingText(locator: report.contract.bundle, colour: false, paths: report.paths)
        let timestamp = Self.timestamp(report.generatedAt)
        output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
        var nextID = 0
        func emit(_ suite: Suite) {
            output.write(suite.xml(id: nextID, package: report.name, timestamp: timestamp, spec: report.specPath))
            nextID += 1
        }
        if !report.descriptionFindings.isEmpty {
            var suite = Suite(name: "description \(report.specPath)")
            for finding in report.descriptionFindings {
                let location = report.location(of: finding).map { " at \($0)" } ?? ""
                let failing = report.fails(finding)
                suite.cases.append(Case(
                    name: "\(finding.rule.name)\(location)", classname: "\(report.name).description",
                    outcome: failing ? .failure(message: finding.message, type: finding.rule.name, body: text.render(finding)) : .passed))
                if !failing { suite.output.append(text.render(finding)) }
            }
            emit(suite)
        }
        let rows = Dictionary(report.coverage.rows.map { ($0.operation, $0) }, uniquingKeysWith: { first, _ in first })
        var seenOperations: Set<OperationKey> = []
        for group in report.resultsByOperation {
            let name = group.operation?.description ?? "not routed to any operation"
            var suite = Suite(name: name)
            if let operation = group.operation {
                seenOperations.insert(operation)
                if let id = rows[operation]?.operationID { suite.properties.append(("operationId", id)) }
            }
            for result in group.results {
                let outcome: Case.Outcome = result.passed ? .passed : result.findings.first(where: report.fails).map { first in
                    .failure(message: first.message, type: first.rule.name, body: Self.body(result.findings, text: text))
                } ?? .passed
                suite.cases.append(Case(
                    name: TextReporter.heading(of: result, paths: report.paths), classname: "\(report.name).\(name)", outcome: outcome))
                let below = result.findings.filter { !report.fails($0) }
                if result.passed, !below.isEmpty {
                    suite.output.append(TextReporter.heading(of: result, paths: report.paths))
                    suite.output += FindingGroup.sameFinding(below).map { "  " + text.render($0) }
                }
            }
            if let row = group.operation.flatMap({ rows[$0] }) { suite.cases += Self.neverSeenCases(row, api: report.name) }
            emit(suite)
        }
        if report.checksTraffic {
            for row in report.coverage.rows where !seenOperations.contains(row.operation) {
                var suite = Suite(name: row.operation.description)
                if let id = row.operationID { suite.properties.append(("operationId", id)) }
                suite.cases = Self.neverSeenCases(row, api: report.name)
                emit(suite)
            }
        }
        if !report.unreadable.isEmpty {
            var suite = Suite(name: "unreadable traffic")
            for finding in report.unreadable {
                suite.cases.append(Case(
                    name: finding.exchange.map { report.paths($0) } ?? "unreadable file",
                    classname: "\(report.name).traffic", outcome: .error(message: finding.message, type: finding.rule.name, body: text.render(finding))))
            }
            emit(suite)
        }

        output.write("</testsuites>\n")
    }

    /// An exchange's findings as text, a finding repeated in many array items once with its count.
    private static func body(_ findings: [Finding], text: FindingText) -> String {
        FindingGroup.sameFinding(findings).map { text.render($0) }.joined(separator: "\n")
    }

    /// A skipped testcase for each documented response of the operation that no exchange reached.
    private static func neverSeenCases(_ row: Coverage.Row, api: String) -> [Case] {
        row.cells.filter { $0.tally.exchanges == 0 }.map { cell in
            Case(
                name: "documented response \(cell.key)" + (cell.mediaType.map { " \($0)" } ?? ""),
                classname: "\(api).\(row.operation.description)",
                outcome: .skipped(message: "no recorded exchange reached this documented response"))
        }
    }

    /// JUnit's timestamp: UTC without a zone designator, as the schema demands.
    static func timestamp(_ date: Date) -> String {
        String(ReportDate.iso8601(date).dropLast())
    }

    struct Case {
        enum Outcome {
            case passed
            case failure(message: String, type: String, body: String)
            case error(message: String, type: String, body: String)
            case skipped(message: String)
        }

        var name: String
        var classname: String
        var outcome: Outcome

        var xml: String {
            let open = "    <testcase name=\"\(XMLEscaping.attribute(name))\" classname=\"\(XMLEscaping.attribute(classname))\" time=\"0\""
            switch outcome {
            case .passed:
                return open + "/>\n"
            case .failure(let message, let type, let body), .error(let message, let type, let body):
                let element = if case .failure = outcome { "failure" } else { "error" }
                return open + ">\n      <\(element) message=\"\(XMLEscaping.attribute(message))\" type=\"\(XMLEscaping.attribute(type))\">"
                    + XMLEscaping.text(body) + "</\(element)>\n    </testcase>\n"
            case .skipped(let message):
                return open + ">\n      <skipped message=\"\(XMLEscaping.attribute(message))\"/>\n    </testcase>\n"
            }
        }

        var isFailure: Bool { if case .failure = outcome { true } else { false } }
        var isError: Bool { if case .error = outcome { true } else { false } }
        var isSkipped: Bool { if case .skipped = outcome { true } else { false } }
    }

    struct Suite {
        var name: String
        var properties: [(String, String)] = []
        var cases: [Case] = []
        /// Findings below the failing severity, so they are not lost from the CI view.
        var output: [String] = []

        func xml(id: Int, package: String, timestamp: String, spec: String) -> String {
            var xml = "  <testsuite package=\"\(XMLEscaping.attribute(package))\" id=\"\(id)\" name=\"\(XMLEscaping.attribute(name))\""
            xml += " timestamp=\"\(timestamp)\" hostname=\"localhost\" tests=\"\(cases.count)\""
            xml += " failures=\"\(cases.filter(\.isFailure).count)\" errors=\"\(cases.filter(\.isError).count)\""
            xml += " skipped=\"\(cases.filter(\.isSkipped).count)\" time=\"0\">\n"
            xml += "    <properties>\n"
            for (key, value) in [("spec", spec)] + properties {
                xml += "      <property name=\"\(XMLEscaping.attribute(key))\" value=\"\(XMLEscaping.attribute(value))\"/>\n"
            }
            xml += "    </properties>\n"
            for testcase in cases { xml += testcase.xml }
            xml += "    <system-out>" + XMLEscaping.text(output.joined(separator: "\n")) + "</system-out>\n"
            xml += "    <system-err></system-err>\n"
            xml += "  </testsuite>\n"
            return xml
        }
    }
}
