import ConformTraffic
import Foundation

/// How long an API that answered "come back later" asked to be left alone (RFC 9110 §10.2.3): a 429 Too Many
/// Requests (RFC 6585 §4), or a 503 that says when with `Retry-After`.
enum RetryAfter {
    /// The wait before sending the request again; nil when the answer is not one to wait for, or asks for longer
    /// than `longest` (the answer is then the one to check). `otherwise` is the wait for a 429 that names none.
    static func wait(for response: HTTPResponse, otherwise: Duration, longest: Duration, now: Date = Date()) -> Duration? {
        guard response.status == 429 || response.status == 503 else { return nil }
        let asked = response.headers["Retry-After"].flatMap { delay(in: $0, now: now) }
        guard let wait = asked ?? (response.status == 429 ? otherwise : nil) else { return nil }
        return wait <= longest ? wait : nil
    }

    /// A `Retry-After` value: delay-seconds, or an HTTP-date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, as
    /// senders must write it) counted from `now`, no less than zero.
    static func delay(in value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        guard let date = imfFixdate(text) else { return nil }
        return .milliseconds(max(0, Int(((date - now.timeIntervalSince1970) * 1000).rounded(.up))))
    }

    /// Seconds since 1970 of an IMF-fixdate; read by hand, as a shared `DateFormatter` is not safe to use from
    /// the probe's concurrent requests.
    static func imfFixdate(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...31).contains(day), (0..<24).contains(time[0]), (0..<60).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        // Days from 1970-01-01 to the civil date (H. Hinnant's days_from_civil).
        let y = month < 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month < 2 ? month + 10 : month - 2) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days * 86_400 + time[0] * 3_600 + time[1] * 60 + time[2])
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
