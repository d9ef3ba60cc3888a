import ConformValues
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetching a description's remote `$ref` target (`https://example.com/schemas/pet.yaml`), which happens only when
/// the user allows it (`--allow-remote-refs`): a description from a stranger must not make the tool reach out to
/// hosts of the stranger's choosing unasked. Bounded like a file read: a timeout for the whole transfer, and the
/// `document-bytes` limit counted as the bytes arrive, so a server that never stops sending is cut off there.
enum RemoteDocument {
    /// Whether a reference target is a URL this fetches (http or https).
    static func isRemote(_ target: String) -> Bool {
        let lowered = target.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// Why a fetch gave no document, as the end of "'URL' …".
    struct Refusal: Error {
        var reason: String
    }

    /// The document's bytes, or why there are none.
    static func fetch(_ address: String, limits: LoadLimits) -> Result<[UInt8], Refusal> {
        guard let url = URL(string: address) else { return .failure(Refusal(reason: "is not a valid URL")) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = limits.remoteTimeout
        configuration.timeoutIntervalForResource = limits.remoteTimeout
        let download = BoundedDownload(maximum: limits.maxDocumentBytes)
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: url).resume()
        guard download.finished.wait(timeout: .now() + limits.remoteTimeout + 1) == .success else {
            return .failure(Refusal(reason: "could not be fetched within \(Int(limits.remoteTimeout)) s"))
        }
        return download.outcome
    }
}

/// One transfer's bytes, stopped at a size bound or a status that is not success.
private final class BoundedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let maximum: Int
    let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var refusal: String?

    init(maximum: Int) {
        self.maximum = maximum
    }

    var outcome: Result<[UInt8], RemoteDocument.Refusal> {
        lock.withLock { refusal.map { .failure(RemoteDocument.Refusal(reason: $0)) } ?? .success(bytes) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            lock.withLock { refusal = "could not be fetched: the server answered \(http.statusCode)" }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooLarge = lock.withLock { () -> Bool in
            guard refusal == nil else { return false }
            bytes.append(contentsOf: data)
            guard bytes.count > maximum else { return false }
            refusal = "is larger than the document-bytes limit (\(maximum) bytes); it was not read further"
            bytes = []
            return true
        }
        if tooLarge { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.withLock {
            if refusal == nil, let error { refusal = "could not be fetched: \(error.localizedDescription)" }
        }
        finished.signal()
    }
}
