import ConformValues

/// A place in the description: a file of the bundle and a JSON pointer into it. Turned into `file:line:col`
/// only when a report is rendered.
public struct SpecPointer: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var pointer: JSONPointer

    public init(file: String, pointer: JSONPointer) {
        self.file = file
        self.pointer = pointer
    }

    public func appending(_ token: String) -> SpecPointer {
        SpecPointer(file: file, pointer: pointer.appending(token))
    }

    public func appending(_ index: Int) -> SpecPointer {
        SpecPointer(file: file, pointer: pointer.appending(index))
    }

    public static func / (lhs: SpecPointer, token: String) -> SpecPointer { lhs.appending(token) }
    public static func / (lhs: SpecPointer, index: Int) -> SpecPointer { lhs.appending(index) }

    /// `file#/json/pointer`, the form a `$ref` would use.
    public var description: String { "\(file)#\(pointer)" }

    public static func < (lhs: SpecPointer, rhs: SpecPointer) -> Bool {
        lhs.file != rhs.file ? lhs.file < rhs.file : lhs.pointer < rhs.pointer
    }
}

/// Something that can say where a spec pointer was written; the loaded bundle implements it.
public protocol SpecLocating: Sendable {
    func location(of pointer: SpecPointer) -> SourceLocation?
    func sourceLine(of location: SourceLocation) -> String?
}
