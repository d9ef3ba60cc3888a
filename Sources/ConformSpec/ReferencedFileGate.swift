import ConformValues
import Foundation

/// Decides, before a referenced file is opened, whether a `$ref` may read it.
///
/// A description comes from people the tool does not know and is read unattended in CI. A `$ref` such as
/// `../../../home/runner/.ssh/id_rsa#/x` or a symbolic link beside the description must not make the tool read
/// (and quote in its findings) files the description's author never shipped, so relative references stay inside
/// the entry description's folder, measured after `..` and symbolic links are resolved, unless the user allows
/// it (`--allow-external-refs`). A reference to something that is not a regular file (`/dev/zero`, a FIFO, a
/// folder) would block or never end; it is refused without being opened, even when external files are allowed.
struct ReferencedFileGate: Sendable {
    /// The entry description's folder with `..` and symbolic links resolved, ending in `/`.
    let root: String
    let allowsExternalFiles: Bool
    /// Folders already resolved: a description of thousands of files in a few dozen folders resolves each folder
    /// once, rather than every component of every file's path (a `readlink` each).
    private let folders = ResolvedFolders()

    /// The gate for a description whose entry file is `entryPath` (a name without a folder, such as `<stdin>`,
    /// stands for the working directory).
    init(entryPath: String, limits: LoadLimits) {
        let folder = entryPath.lastIndex(of: "/").map { String(entryPath[...$0]) } ?? "./"
        root = (Self.realPath(folder) ?? folder).withTrailingSlash
        allowsExternalFiles = limits.allowExternalReferences
    }

    /// Why the file at `path` is not to be read, as the end of "the file 'x' …", or nil when it may be. A file
    /// that does not exist passes: reading it then says so.
    func refusal(of path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            return "is not a regular file (it is \(Self.describe(type))) and is not read"
        }
        guard !allowsExternalFiles, let real = resolved(path), !real.hasPrefix(root) else { return nil }
        return "is outside the description's folder '\(root)' (it is '\(real)' once '..' and symbolic links are "
            + "resolved) and is not read; --allow-external-refs (or 'allow-external-refs: true' in the config) "
            + "lets a $ref reach it"
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a file"
        }
    }

    /// `realpath(3)` of a file: its folder's, from the cache, and its name, unless the name is itself a link or
    /// `.`/`..`, when the whole path is resolved.
    private func resolved(_ path: String) -> String? {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Self.realPath(path) }
        let folder = String(path[...slash])
        let name = path[path.utf8.index(after: slash)...]
        var status = stat()
        guard !name.isEmpty, name != ".", name != "..", lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFLNK else {
            return Self.realPath(path)
        }
        guard let realFolder = folders.resolve(folder, Self.realPath) else { return nil }
        return realFolder.withTrailingSlash + name
    }

    fileprivate static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension String {
    fileprivate var withTrailingSlash: String { hasSuffix("/") ? self : self + "/" }
}

/// Resolved folders, shared by the loader's threads.
private final class ResolvedFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var resolved: [String: String?] = [:]

    func resolve(_ folder: String, _ resolve: (String) -> String?) -> String? {
        lock.lock()
        if let known = resolved[folder] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let real = resolve(folder)
        lock.lock()
        resolved[folder] = real
        lock.unlock()
        return real
    }
}
