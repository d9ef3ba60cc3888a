/// Where findings go as they are made. The library never prints; it hands findings to a sink.
public protocol FindingSink {
    mutating func emit(_ finding: Finding)
}

/// Keeps every finding, in the order emitted.
public struct CollectingSink: FindingSink, Sendable {
    public private(set) var findings: [Finding] = []

    public init() {}

    public mutating func emit(_ finding: Finding) {
        findings.append(finding)
    }

    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
