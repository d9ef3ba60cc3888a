import Foundation

/// Why a file could not be turned into values, and where.
///
/// `description` renders the compiler-style form users see:
/// ```
/// specs/api.yaml:3:7: error: duplicate key "get" in mapping
///   get: {}
///   ^
/// ```
public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case io
        case syntax
        case invalidUTF8
        case duplicateKey
        case tooDeep
        case aliasExpansion
        case tooLarge
        case multipleDocuments
        case emptyDocument
        case unsupportedVersion
        case notOpenAPI
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation
    /// The source line the location points into, when known.
    public var sourceLine: String?

    /// A file that cannot be opened or read, with the system's reason for `errno` code.
    package static func unreadable(_ path: String, errno code: Int32) -> LoadError {
        LoadError(.io, "cannot read file: \(String(cString: strerror(code)))", at: SourceLocation(file: path, line: 1, column: 1))
    }

    package init(_ kind: Kind, _ message: String, at location: SourceLocation, sourceLine: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    /// A copy with the source line filled in from the file's bytes.
    package func withSourceLine(from file: SourceFile) -> LoadError {
        var copy = self
        copy.sourceLine = file.lineText(location.line)
        return copy
    }

    public var description: String {
        var text = "\(location): error: \(message)"
        if let sourceLine {
            text += "\n" + Snippet.render(line: sourceLine, column: location.column)
        }
        return text
    }
}
