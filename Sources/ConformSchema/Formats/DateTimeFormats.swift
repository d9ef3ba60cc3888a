/// `date`, `time`, `date-time` (RFC 3339 section 5.6) and `duration` (RFC 3339 appendix A), as JSON Schema 2020-12
/// specifies them. Only the RFC 3339 profile is accepted, not the rest of ISO 8601: four-digit years, two-digit
/// fields, ASCII digits only. `T` and `Z` may be lower case, as RFC 3339 allows.
enum DateTimeFormats {
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count == 10 else { return "expected a date as YYYY-MM-DD" }
        return fullDate(bytes, at: 0)
    }

    static func time(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        fullTime(bytes, at: 0)
    }

    static func dateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 11, bytes[10] | 0x20 == UInt8(ascii: "t") else {
            return "expected a date-time as YYYY-MM-DDTHH:MM:SS with an offset"
        }
        return fullDate(bytes, at: 0) ?? fullTime(bytes, at: 11)
    }

    /// Checks `YYYY-MM-DD` at `start`, ten bytes the caller has made sure exist.
    private static func fullDate(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> String? {
        guard digits(bytes, start, 4), bytes[start + 4] == UInt8(ascii: "-"), digits(bytes, start + 5, 2),
            bytes[start + 7] == UInt8(ascii: "-"), digits(bytes, start + 8, 2)
        else { return "expected a date as YYYY-MM-DD" }
        let year = FormatBytes.checkedDigits(bytes, start, 4)
        let month = FormatBytes.checkedDigits(bytes, start + 5, 2)
        let day = FormatBytes.checkedDigits(bytes, start + 8, 2)
        guard (1...12).contains(month) else { return "month \(month) is out of range" }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            let yearText = FormatBytes.text(bytes, start..<start + 4)
            return "day \(day) is out of range: \(monthNames[month - 1]) \(yearText) has \(days) days"
        }
        return nil
    }

    /// Checks `HH:MM:SS[.fraction]` and an offset (`Z` or `±HH:MM`) from `start` to the end of the bytes.
    private static func fullTime(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> String? {
        let shape = "expected a time as HH:MM:SS with an offset (Z or ±HH:MM)"
        guard bytes.count >= start + 9, digits(bytes, start, 2), bytes[start + 2] == UInt8(ascii: ":"),
            digits(bytes, start + 3, 2), bytes[start + 5] == UInt8(ascii: ":"), digits(bytes, start + 6, 2)
        else { return shape }
        let hour = FormatBytes.checkedDigits(bytes, start, 2)
        let minute = FormatBytes.checkedDigits(bytes, start + 3, 2)
        let second = FormatBytes.checkedDigits(bytes, start + 6, 2)
        guard hour <= 23 else { return "hour \(hour) is out of range" }
        guard minute <= 59 else { return "minute \(minute) is out of range" }
        guard second <= 60 else { return "second \(second) is out of range" }
        var index = start + 8
        if bytes[index] == UInt8(ascii: ".") {
            let end = FormatBytes.digitsEnd(bytes, from: index + 1)
            guard end > index + 1 else { return "expected digits after the decimal point of the seconds" }
            index = end
        }
        guard index < bytes.count else { return "missing time offset (Z or ±HH:MM)" }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == index + 6, digits(bytes, index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                digits(bytes, index + 4, 2)
            else { return "expected a time offset as ±HH:MM" }
            let offsetHour = FormatBytes.checkedDigits(bytes, index + 1, 2)
            let offsetMinute = FormatBytes.checkedDigits(bytes, index + 4, 2)
            guard offsetHour <= 23 else { return "offset hour \(offsetHour) is out of range" }
            guard offsetMinute <= 59 else { return "offset minute \(offsetMinute) is out of range" }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        default:
            return "expected a time offset (Z or ±HH:MM) instead of \(FormatBytes.describe(bytes[index]))"
        }
        guard index == bytes.count else { return "unexpected \(FormatBytes.describe(bytes[index])) after the time" }
        if second == 60 {
            // A leap second is inserted at 23:59:60 UTC, so the local time minus its offset must be 23:59.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            guard utc == 23 * 60 + 59 else { return "a leap second must fall at 23:59:60 UTC" }
        }
        return nil
    }

    /// `P` then date components in the order Y, M, D, or time components after `T` in the order H, M, S, or weeks
    /// alone. A component may be omitted only at the end of its part: `P1Y2M` is valid, `P1Y2D` is not
    /// (RFC 3339 appendix A). Fractions and signs are not allowed.
    static func duration(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.first == UInt8(ascii: "P") else { return "a duration must start with 'P'" }
        var index = 1
        var components = 0
        var nextDateUnit = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "T") {
            let end = FormatBytes.digitsEnd(bytes, from: index)
            guard end > index else { return "expected digits, found \(FormatBytes.describe(bytes[index]))" }
            guard end < bytes.count else { return "the number at the end has no unit" }
            let unit = bytes[end]
            if unit == UInt8(ascii: "W") {
                guard components == 0, end + 1 == bytes.count else {
                    return "weeks cannot be combined with other components"
                }
                return nil
            }
            guard let position = dateUnits.firstIndex(of: unit) else {
                return "unexpected \(FormatBytes.describe(unit)) in the date part of a duration"
            }
            guard position >= nextDateUnit, components == 0 || position == nextDateUnit else {
                return "date components must run Y, M, D without gaps"
            }
            nextDateUnit = position + 1
            components += 1
            index = end + 1
        }
        if index < bytes.count {
            index += 1
            var nextTimeUnit = 0
            var timeComponents = 0
            while index < bytes.count {
                let end = FormatBytes.digitsEnd(bytes, from: index)
                guard end > index else { return "expected digits, found \(FormatBytes.describe(bytes[index]))" }
                guard end < bytes.count else { return "the number at the end has no unit" }
                guard let position = timeUnits.firstIndex(of: bytes[end]) else {
                    return "unexpected \(FormatBytes.describe(bytes[end])) in the time part of a duration"
                }
                guard position >= nextTimeUnit, timeComponents == 0 || position == nextTimeUnit else {
                    return "time components must run H, M, S without gaps"
                }
                nextTimeUnit = position + 1
                timeComponents += 1
                index = end + 1
            }
            guard timeComponents > 0 else { return "'T' must be followed by a time component" }
            components += timeComponents
        }
        return components > 0 ? nil : "a duration needs at least one component"
    }

    private static let dateUnits: [UInt8] = [UInt8(ascii: "Y"), UInt8(ascii: "M"), UInt8(ascii: "D")]
    private static let timeUnits: [UInt8] = [UInt8(ascii: "H"), UInt8(ascii: "M"), UInt8(ascii: "S")]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    @inline(__always)
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Bool {
        guard start + count <= bytes.count else { return false }
        for index in start..<start + count where !FormatBytes.isDigit(bytes[index]) { return false }
        return true
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
