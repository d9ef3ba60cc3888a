import ConformTraffic
import Foundation

/// The `--record` file of a live command, written as exchanges happen: HAR 1.2 for `.har`, JSON Lines for
/// `.jsonl`/`.ndjson`, credentials masked by the contract's redactor. Appends come from several threads; a write
/// that fails is remembered (the first error) and reported when the recording closes, so a full disk costs the
/// recording, not the session.
package final class LiveRecording: Sendable {
    private enum Writer: Sendable {
        case har(HARFileWriter)
        case jsonl(JSONLFileWriter)
    }

    package let path: String
    private let writer: Writer
    private let failure = FirstError()

    /// - Parameter creatorVersion: The tool's version, which a HAR file names as its creator's.
    package init(path: String, redactor: Redactor, creatorVersion: String) throws {
        self.path = path
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
            writer = .jsonl(try JSONLFileWriter(path: path, writer: JSONLExchangeWriter(redact: redactor)))
        } else {
            writer = .har(try HARFileWriter(path: path, writer: HARWriter(creatorVersion: creatorVersion, redact: redactor)))
        }
    }

    package func append(_ recorded: RecordedExchange) {
        do {
            switch writer {
            case .har(let file): try file.append(recorded)
            case .jsonl(let file): try file.append(recorded.exchange)
            }
        } catch {
            failure.note(error)
        }
    }

    /// Finishes the file; the first error of the whole recording, if any.
    package func close() -> (any Error)? {
        do {
            switch writer {
            case .har(let file): try file.close()
            case .jsonl(let file): try file.close()
            }
        } catch {
            failure.note(error)
        }
        return failure.first
    }
}

/// The first error noted, from any thread.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func note(_ error: any Error) {
        lock.withLock { self.error = self.error ?? error }
    }

    var first: (any Error)? { lock.withLock { error } }
}
