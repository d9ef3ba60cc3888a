import Foundation

/// Timestamps in reports: UTC, to the second.
public enum ReportDate {
    /// The time a report says it was made: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    /// convention) when it is set, so that the same run gives byte-identical reports; otherwise the clock.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0 {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }

    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
