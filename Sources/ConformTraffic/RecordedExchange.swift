import Foundation

/// An exchange as a live command saw it happen: what a recording file keeps beside the messages (HAR's
/// `startedDateTime`, `time` and `serverIPAddress`), which checking never needs.
package struct RecordedExchange: Sendable, Hashable {
    package var exchange: HTTPExchange
    /// When the request started to be sent.
    package var startedAt: Date
    /// From the start of the request to the end of the response, in seconds.
    package var duration: TimeInterval
    /// The address the request went to (`203.0.113.7`, `::1`), when the sender knows it.
    package var serverAddress: String?

    package init(_ exchange: HTTPExchange, startedAt: Date, duration: TimeInterval = 0, serverAddress: String? = nil) {
        self.exchange = exchange
        self.startedAt = startedAt
        self.duration = duration
        self.serverAddress = serverAddress
    }
}
