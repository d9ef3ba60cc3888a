import Foundation

/// A file's path and bytes, kept so that a location can be shown with its source line.
public struct SourceFile: Sendable, Hashable {
    /// The path as the user gave it (or as reached from a `$ref`), used in every message.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Reads a file from disk; a failure becomes a `LoadError` naming the path.
    public init(contentsOf path: String, limits: LoadLimits = .default) throws(LoadError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "cannot be read"
            throw LoadError(.io, "cannot read file: \(reason)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard data.count <= limits.maxDocumentBytes else {
            throw LoadError(
                .tooLarge,
                "file is \(data.count) bytes, more than the limit of \(limits.maxDocumentBytes)",
                at: SourceLocation(file: path, line: 1, column: 1)
            )
        }
        self.init(path: path, bytes: [UInt8](data))
    }

    /// The text of a 1-based line without its line break, decoded leniently for display.
    public func lineText(_ line: Int) -> String? {
        LineTable(bytes).lineText(line, in: bytes)
    }
}

/// Byte offsets of line starts; turns offsets into 1-based line and scalar column.
public struct LineTable: Sendable {
    private var starts: [Int]

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(offset + 1)
        }
        self.starts = starts
    }

    public var lineCount: Int { starts.count }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    public func location(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let start = starts[low]
        let end = min(offset, bytes.count)
        var column = 1
        var index = start
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    public func lineText(_ line: Int, in bytes: [UInt8]) -> String? {
        guard line >= 1, line <= starts.count else { return nil }
        let start = starts[line - 1]
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard start <= end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
