import ConformFindings
import Foundation

/// Shows file paths relative to a base directory, so reports read the same on every machine and CI log.
public struct PathDisplay: Sendable {
    public var base: String? {
        didSet { prefix = base.map { $0 + "/" } }
    }
    /// `base` and a slash: every path of a report is shown through here, so it is made once.
    private var prefix: String?

    public init(base: String?) {
        self.base = base.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        prefix = self.base.map { $0 + "/" }
    }

    public static var currentDirectory: PathDisplay { PathDisplay(base: FileManager.default.currentDirectoryPath) }

    public func callAsFunction(_ path: String) -> String {
        String(shown(path))
    }

    /// `path` as shown, within `path`: reports write one for every exchange. Paths are compared as bytes, as the
    /// file system compares them.
    package func shown(_ path: String) -> Substring {
        guard let prefix, prefix.utf8.count > 1, path.utf8.starts(with: prefix.utf8) else { return Substring(path) }
        return path[path.utf8.index(path.utf8.startIndex, offsetBy: prefix.utf8.count)...]
    }
}

extension PathDisplay {
    /// A traffic file shown as paths are, or a live source's name.
    public func callAsFunction(_ source: TrafficSource) -> String {
        switch source {
        case .file(let path): return self(path)
        case .live(let name): return name
        }
    }

    /// `traffic.har#3`, `mock#3`: an exchange as reports label it.
    public func callAsFunction(_ reference: ExchangeReference) -> String {
        "\(self(reference.source))#\(reference.index)"
    }
}
