import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

extension ExchangeCheck {
    /// At most this many items of one body get findings of their own; the others that fail are counted in one
    /// finding, so a long stream of bad items does not make a report of its size.
    static let reportedItems = 20

    /// Whether a body is read as a sequence of items: only in OpenAPI 3.2 descriptions (`itemSchema` exists from
    /// 3.2 on, and 3.0/3.1 say nothing of sequential media types), for a sequential Content-Type, and under a media
    /// type that has an `itemSchema` or is itself sequential (a `*/*` with a schema keeps its reading).
    func sequenceFormat(of contentType: String, media: MediaType) -> SequenceFormat? {
        guard validator.document.version.isV32OrLater, let format = SequenceFormat(mediaType: contentType) else { return nil }
        guard media.itemSchema != nil || SequenceFormat(mediaType: media.name) != nil else { return nil }
        return format
    }

    /// A sequential body (OpenAPI 3.2, "Sequential Media Types"): `itemSchema` checks each item on its own, and
    /// `schema` the whole body "as if the values were in an array in the same order". A finding on an item points
    /// at it (`/3/data`) and names it as a person counts it ("line 4"); a body cut short inside an item is a note
    /// (`body-stream-truncated`), which leaves the items before it standing.
    mutating func checkSequence(_ body: HTTPBody, format: SequenceFormat, contentType: String, media: MediaType, side: ExchangeSide) {
        let bodyRule: RuleID = side == .request ? .requestBodyInvalid : .responseBodyInvalid
        let direction: ValueDirection = side == .request ? .request : .response
        let subject = "\(side.rawValue) body"
        let itemSchema = media.itemSchema.flatMap(validator.schemas.schema(at:))
        let schema = media.schema.flatMap(validator.schemas.schema(at:))
        guard itemSchema != nil || schema != nil else {
            report(.notValidated, side, "\(subject) not checked: \(media.name) documents no schema", at: media.origin)
            return
        }
        let bytes = Self.bytes(of: body)
        var items: [SequenceItem]
        var truncation: String? = nil
        if var reader = format.reader() {
            let read = reader.readAll(bytes)
            items = read.items
            truncation = read.end.truncation
        } else {
            guard let parts = MixedParts(decoder: BodyDecoder(schemas: compiled, budget: budget)).read(bytes, contentType: contentType, media: media, itemSchema: itemSchema) else {
                report(bodyRule, side, "the multipart/mixed body does not follow the boundary of its Content-Type '\(contentType)'", at: media.origin, expected: media.name)
                return
            }
            items = parts.items
            if !parts.unchecked.isEmpty {
                report(.notValidated, side, "\(subject) \(parts.unchecked.joined(separator: ", ")) checked for presence only: no schema describes its bytes", at: media.origin)
            }
        }
        var failing = 0
        var values: [JSONValue] = []
        var wellFormed = true
        for item in items {
            switch item.content {
            case .malformed(let message):
                wellFormed = false
                failing += 1
                if failing <= Self.reportedItems {
                    report(bodyRule, side, "\(subject) \(message)", at: media.origin, instance: JSONPointer(tokens: [String(item.index)]))
                }
            case .value(let value):
                if schema != nil { values.append(value) }
                guard let itemSchema else { continue }
                let failures = self.failures(of: value, against: itemSchema, direction: direction)
                // Notes of undecided patterns alone do not make the item fail.
                if !failures.contains(where: { !$0.notValidated }) {
                    report(failures, as: bodyRule, side, subject: "\(subject) \(item.label)", item: item.index)
                    continue
                }
                failing += 1
                if failing <= Self.reportedItems { report(failures, as: bodyRule, side, subject: "\(subject) \(item.label)", item: item.index) }
            }
        }
        items.removeAll()
        if failing > Self.reportedItems {
            let more = failing - Self.reportedItems
            report(bodyRule, side, "\(subject): \(CountText.phrase(more, "more item")) \(more == 1 ? "fails" : "fail") \(itemSchema == nil ? "to read" : "their item schema"), not listed (only the first \(Self.reportedItems) failing items are)", at: media.itemSchema ?? media.origin)
        }
        if let truncation {
            report(.bodyStreamTruncated, side, "\(subject) \(truncation)", at: media.origin)
        }
        // The whole-body schema judges the items as an array, which means something only when every item was read.
        if let schema, wellFormed {
            report(failures(of: .array(values), against: schema, direction: direction), as: bodyRule, side, subject: subject)
        }
    }

    /// A recording keeps a text body as bytes; one stored as a JSON value is read as its text (a string) or as
    /// its compact serialization, one line.
    private static func bytes(of body: HTTPBody) -> [UInt8] {
        switch body.jsonValue {
        case .string(let text)?: Array(text.utf8)
        case let value?: Array(JSONWriter.string(value).utf8)
        case nil: if case .bytes(let bytes) = body { bytes } else { [] }
        }
    }
}
