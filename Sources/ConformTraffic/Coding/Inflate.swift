/// A DEFLATE decoder (RFC 1951), for bodies sent with `Content-Encoding: gzip` or `deflate`: Foundation on Linux
/// has no decompression API, and a recording or a proxied exchange holds such a body as it went over the wire.
///
/// Codes are decoded a bit at a time by canonical code counts (the method of zlib's `puff.c`): slower than table
/// lookups, but bodies are small, only encoded ones come here, and it is short enough to check by eye.
enum Inflate {
    struct Failure: Error {
        let reason: String
    }

    /// The data of the stream starting at `start`, and the index just past its last block; `limit` bounds the
    /// output (a small body may inflate a thousandfold).
    static func inflate(_ input: [UInt8], from start: Int, limit: Int) throws(Failure) -> (output: [UInt8], end: Int) {
        var reader = BitReader(bytes: input, position: start)
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(1024, (input.count - start) * 4)))
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0: try stored(&reader, &output, limit: limit)
            case 1: try codes(&reader, &output, literals: fixedLiterals, distances: fixedDistances, limit: limit)
            case 2:
                let (literals, distances) = try dynamicTables(&reader)
                try codes(&reader, &output, literals: literals, distances: distances, limit: limit)
            default: throw Failure(reason: "a block of the reserved type 3")
            }
        }
        return (output, reader.byteEnd)
    }

    /// A stored block: its length, the length's complement, and that many bytes as they are.
    private static func stored(_ reader: inout BitReader, _ output: inout [UInt8], limit: Int) throws(Failure) {
        reader.alignToByte()
        let length = try reader.bits(16)
        let complement = try reader.bits(16)
        guard length == ~complement & 0xFFFF else { throw Failure(reason: "a stored block whose length does not match its complement") }
        guard output.count + length <= limit else { throw Failure(reason: "it inflates to more than \(limit) bytes") }
        for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
    }

    /// Literals and back-references until the end-of-block code.
    private static func codes(
        _ reader: inout BitReader, _ output: inout [UInt8], literals: Huffman, distances: Huffman, limit: Int
    ) throws(Failure) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                guard output.count < limit else { throw Failure(reason: "it inflates to more than \(limit) bytes") }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthCode = symbol - 257
            guard lengthCode < lengthBase.count else { throw Failure(reason: "a length code out of range") }
            let length = lengthBase[lengthCode] + (try reader.bits(lengthExtra[lengthCode]))
            let distanceCode = try distances.decode(&reader)
            guard distanceCode < distanceBase.count else { throw Failure(reason: "a distance code out of range") }
            let distance = distanceBase[distanceCode] + (try reader.bits(distanceExtra[distanceCode]))
            guard distance <= output.count else { throw Failure(reason: "a distance back past the start of the data") }
            guard output.count + length <= limit else { throw Failure(reason: "it inflates to more than \(limit) bytes") }
            // Byte by byte: a copy may overlap what it writes (distance 1 repeats the last byte).
            let from = output.count - distance
            for offset in 0..<length { output.append(output[from + offset]) }
        }
    }

    /// The code tables a dynamic block starts with: lengths of the code-length code, then the literal/length and
    /// distance code lengths written in it, runs encoded by symbols 16, 17 and 18.
    private static func dynamicTables(_ reader: inout BitReader) throws(Failure) -> (Huffman, Huffman) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Failure(reason: "too many codes in a dynamic block") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[codeLengthOrder[index]] = try reader.bits(3) }
        let codeLengthCode = try Huffman(lengths: codeLengthLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&reader)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Failure(reason: "a repeat with no length before it") }
                lengths += repeatElement(previous, count: 3 + (try reader.bits(2)))
            case 17: lengths += repeatElement(0, count: 3 + (try reader.bits(3)))
            default: lengths += repeatElement(0, count: 11 + (try reader.bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw Failure(reason: "code lengths that run past their count") }
        guard lengths[256] != 0 else { throw Failure(reason: "no end-of-block code") }
        return (try Huffman(lengths: Array(lengths[..<literalCount])), try Huffman(lengths: Array(lengths[literalCount...])))
    }

    /// A canonical Huffman code as counts of codes per length and symbols in code order.
    struct Huffman {
        private var counts = [Int](repeating: 0, count: 16)
        private var symbols: [Int] = []

        init(lengths: [Int]) throws(Failure) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            // A code may be incomplete (one distance code), but never over-subscribed.
            var left = 1
            for length in 1..<16 {
                left = left << 1 - counts[length]
                guard left >= 0 else { throw Failure(reason: "an over-subscribed code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - first < count { return symbols[index + code - first] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw Failure(reason: "a code that is not in its table")
        }
    }

    /// Bits least significant first, as DEFLATE packs them.
    struct BitReader {
        let bytes: [UInt8]
        var position: Int
        private var buffer = 0
        private var count = 0

        init(bytes: [UInt8], position: Int) {
            self.bytes = bytes
            self.position = position
        }

        mutating func bits(_ needed: Int) throws(Failure) -> Int {
            while count < needed {
                guard position < bytes.count else { throw Failure(reason: "the data ends before its last block does") }
                buffer |= Int(bytes[position]) << count
                position += 1
                count += 8
            }
            let value = buffer & (1 << needed - 1)
            buffer >>= needed
            count -= needed
            return value
        }

        mutating func alignToByte() {
            buffer = 0
            count = 0
        }

        /// The index past the last byte any bit was read from.
        var byteEnd: Int { position - count / 8 }
    }

    private static let fixedLiterals = try! Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    private static let fixedDistances = try! Huffman(lengths: [Int](repeating: 5, count: 30))
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
        8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
}
