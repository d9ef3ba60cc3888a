import ConformChecks
import ConformFindings
/// Escaping for XML 1.0 text and attributes, shared by the JUnit and HTML reports.
///
/// Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates never reach here, U+FFFE/U+FFFF)
/// become U+FFFD, so a control byte in a recorded payload cannot make the report unreadable.
enum XMLEscaping {
    /// Text content: `&`, `<`, `>` escaped; quotes kept.
    static func text(_ value: String) -> String {
        escape(value, quotes: false)
    }

    /// An attribute value in double quotes: quotes and line breaks escaped as well.
    static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    private static func escape(_ value: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            case "\n" where quotes: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where quotes: result += "&#9;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
