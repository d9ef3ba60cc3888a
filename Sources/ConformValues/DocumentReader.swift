/// Picks the reader for a file: JSON for `.json` files and for content that starts like JSON, YAML otherwise.
///
/// JSON is a subset of YAML, but the JSON reader is stricter (RFC 8259) and many times faster, so it is used
/// whenever the input is JSON.
package enum DocumentReader {
    package static func read(_ file: SourceFile, limits: LoadLimits = .default) throws(LoadError) -> LoadedDocument {
        if looksLikeJSON(file) {
            return try JSONReader.read(file, limits: limits)
        }
        return try YAMLReader.read(file, limits: limits)
    }

    package static func read(path: String, limits: LoadLimits = .default) throws(LoadError) -> LoadedDocument {
        try read(SourceFile(contentsOf: path, limits: limits), limits: limits)
    }

    static func looksLikeJSON(_ file: SourceFile) -> Bool {
        if hasExtension(file.path, "json") { return true }
        if hasExtension(file.path, "yaml") || hasExtension(file.path, "yml") { return false }
        var bytes = file.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Whether `path` ends in `.` and `lowercased` (ASCII, any case), without building a lowercased copy.
    private static func hasExtension(_ path: String, _ lowercased: String) -> Bool {
        let name = path.utf8
        let suffix = lowercased.utf8
        guard name.count > suffix.count else { return false }
        let start = name.index(name.endIndex, offsetBy: -suffix.count)
        guard name[name.index(before: start)] == UInt8(ascii: ".") else { return false }
        return zip(name[start...], suffix).allSatisfy { ($0 | 0x20) == $1 }
    }
}
