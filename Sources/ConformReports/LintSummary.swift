import ConformChecks
import Foundation
import ConformFindings
import ConformSpec

/// The one-screen overview `lint` prints before its findings.
package enum LintSummary {
    /// Operations listed one per line before the rest are counted instead.
    static let operationsShown = 12

    package static func render(_ contract: Contract) -> String {
        let document = contract.document
        var lines: [String] = []
        let title = document.title.isEmpty ? "" : " · \(document.title)" + (document.apiVersion.isEmpty ? "" : " \(document.apiVersion)")
        lines.append("\(contract.bundle.entryPath): \(document.version)\(title)")

        let fileCount = contract.bundle.documents.count
        lines.append("  files       \(fileCount) (\(formatBytes(contract.bundle.totalBytes)))")
        if document.servers.isEmpty {
            lines.append("  servers     none (paths are relative to the host)")
        } else {
            for (index, server) in document.servers.enumerated() {
                let label = index == 0 ? "  servers     " : "              "
                lines.append(label + server.url + (server.description.map { "  (\($0))" } ?? ""))
            }
        }

        let operations = document.operations
        lines.append("  operations  \(operations.count)")
        for operation in operations.prefix(operationsShown) {
            lines.append("    \(operation.key)" + (operation.operationID.map { "  [\($0)]" } ?? ""))
        }
        if operations.count > operationsShown {
            lines.append("    … and \(operations.count - operationsShown) more")
        }
        if !document.webhooks.isEmpty {
            lines.append("  webhooks    \(document.webhooks.count)")
        }
        lines.append("  schemas     \(document.components.schemas.count)")
        let schemes = document.components.securitySchemes.keys.sorted()
        lines.append("  security    " + (schemes.isEmpty ? "none defined" : schemes.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }

    /// `lint`'s text: the overview, the findings (one message at many places shown once with its count), the
    /// findings per rule and the closing tally (with the findings the baseline left out). `quiet` leaves out the overview and the findings below the failing
    /// severity.
    package static func text<Output: TextOutputStream>(_ contract: Contract, colour: Bool, quiet: Bool, to output: inout Output) {
        let text = FindingText(locator: contract.bundle, colour: colour)
        if !quiet { output.write(render(contract) + "\n") }
        let shown = quiet ? contract.findings.filter { $0.severity >= contract.failOn } : contract.findings
        for group in FindingGroup.sameMessage(shown) { output.write(text.render(group) + "\n") }
        if let rules = RuleTally(contract.findings).line { output.write(rules + "\n") }
        let baselined = contract.baselinedFindings > 0 ? " · \(contract.baselinedFindings) in the baseline" : ""
        output.write(tally(contract.findings) + baselined + "\n")
    }

    /// The closing line: how many findings of each severity.
    package static func tally(_ findings: [Finding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.count - errors - warnings
        var parts = [CountText.phrase(errors, "error"), CountText.phrase(warnings, "warning")]
        if notes > 0 { parts.append(CountText.phrase(notes, "note")) }
        return parts.joined(separator: ", ")
    }

    static func formatBytes(_ bytes: Int) -> String {
        if bytes < 1_000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return String(format: "%.1f kB", Double(bytes) / 1_000) }
        return String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
