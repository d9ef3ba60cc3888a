import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

extension ExampleChecker {
    /// An OpenAPI 3.2 Example Object's `serializedValue` in a media type: the example as it goes on the wire, read
    /// the way the exchange checker reads a body of that media type (JSON parsed, a form decoded into an object by
    /// the schema and the media type's `encoding`, text as the string itself) and then checked against the schema.
    /// A value that does not read as the media type is a finding of its own. Media types read no other way (binary,
    /// XML, multipart, whose boundary an example cannot carry) are not checked.
    mutating func validate(
        serialized pointer: SpecPointer, of mediaType: MediaType, against schema: SchemaID, direction: ValueDirection, operation: Operation
    ) {
        guard !MediaTypeName.essence(mediaType.name).hasPrefix("multipart/"), checked.insert(pointer).inserted,
            case .string(let text)? = context.bundle.value(at: pointer)
        else { return }
        let decoder = BodyDecoder(schemas: context.schemas.compiled, stylesApplyToMultipart: context.document.version.isV31OrLater, budget: budget)
        switch decoder.decode(.text(text), contentType: mediaType.name, media: mediaType, schema: schema) {
        case .value(let tape):
            let failures = context.schemas.compiled.validate(tape, against: schema, direction: direction, budget: budget, masksSecrets: false)
            report(failures, example: pointer, operation: operation, what: "serializedValue", inside: false)
        case .malformed(let reason):
            findings.append(Finding(
                rule: .specExampleInvalid,
                message: "serializedValue cannot be read as \(mediaType.name): \(reason)",
                operation: operation.key,
                specPointer: pointer))
        case .multipart, .notChecked:
            return
        }
    }
}
