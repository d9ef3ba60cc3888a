import ConformFindings
import ConformValues

/// A set of places in the files of a description, asked whether a place is in it, lies under one of its members,
/// or has members under it. A tree of tokens per file: the questions walk a pointer's tokens without building a
/// pointer for each of its prefixes, which matters when a description split into hundreds of files asks them for
/// thousands of parts.
struct PointerTree {
    private final class Node {
        var children: [String: Node] = [:]
        var isMember = false
    }

    private var files: [String: Node] = [:]

    mutating func insert(_ pointer: SpecPointer) {
        var node: Node
        if let root = files[pointer.file] {
            node = root
        } else {
            node = Node()
            files[pointer.file] = node
        }
        for token in pointer.pointer.tokens {
            if let next = node.children[token] {
                node = next
            } else {
                let next = Node()
                node.children[token] = next
                node = next
            }
        }
        node.isMember = true
    }

    func contains(_ pointer: SpecPointer) -> Bool {
        node(at: pointer)?.isMember == true
    }

    /// Whether `pointer` is a member or lies under one.
    func covers(_ pointer: SpecPointer) -> Bool {
        guard var node = files[pointer.file] else { return false }
        if node.isMember { return true }
        for token in pointer.pointer.tokens {
            guard let next = node.children[token] else { return false }
            if next.isMember { return true }
            node = next
        }
        return false
    }

    /// Whether `pointer` is a member or has members under it.
    func reaches(_ pointer: SpecPointer) -> Bool {
        node(at: pointer) != nil
    }

    private func node(at pointer: SpecPointer) -> Node? {
        guard var node = files[pointer.file] else { return nil }
        for token in pointer.pointer.tokens {
            guard let next = node.children[token] else { return nil }
            node = next
        }
        return node
    }
}
