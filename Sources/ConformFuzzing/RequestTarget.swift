import ConformHTTP

/// The live server's request parser.
enum RequestTarget {
    /// The server's own limits would let one input hold a 16 MB body; these keep a run within the fuzzer's input
    /// size while still reaching both limits.
    static let maxHeaderBytes = 8 * 1024
    static let maxBodyBytes = 64 * 1024

    /// A connection's bytes read whole and byte by byte must give the same requests and the same error.
    static func http(_ input: [UInt8]) throws(FuzzFailure) {
        let whole = RequestStream.transcript(input, piece: .max, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        let trickled = RequestStream.transcript(input, piece: 1, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        guard whole == trickled else {
            throw FuzzFailure("the request parser reads the same bytes differently whole and byte by byte:\n"
                + "whole:        \(whole)\nbyte by byte: \(trickled)")
        }
    }
}
