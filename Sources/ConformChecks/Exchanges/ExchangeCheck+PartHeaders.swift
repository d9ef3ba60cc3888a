import ConformValues
import ConformFindings
import ConformSpec
import ConformTraffic

extension ExchangeCheck {
    /// The headers of a request's multipart parts against the `headers` of their property's Encoding Object
    /// (Content-Type is `contentType`'s business, so a `Content-Type` entry there is ignored, as OpenAPI says). A
    /// part is part of the body, so a required header it lacks, or a value its schema rejects, is
    /// `request-body-invalid`. A part that was not sent has no headers to check; whether it had to be sent is the
    /// body schema's `required`.
    mutating func checkPartHeaders(_ parts: [MultipartBody.Part], encodings: [Encoding]) {
        let decoder = ParameterDecoder(schemas: compiled, budget: budget)
        for encoding in encodings where !encoding.headers.isEmpty {
            for part in parts where part.name == encoding.property {
                for header in encoding.headers where !header.name.caseInsensitiveEquals("Content-Type") {
                    let what = "header '\(header.name)' of the '\(encoding.property)' part"
                    if let broken = header.unresolved {
                        report(.specRefUnresolved, .request, "\(what) is \(broken), which resolves nowhere; it cannot be checked", at: broken.pointer, expected: broken.reference)
                        continue
                    }
                    guard let text = part.headers[header.name] else {
                        if header.required {
                            report(.requestBodyInvalid, .request, "the '\(encoding.property)' part of the request body lacks its required header '\(header.name)'", at: header.origin, expected: header.name)
                        }
                        continue
                    }
                    guard let pointer = header.schema ?? header.content.first?.schema else { continue }
                    guard let schema = validator.schemas.schema(at: pointer) else {
                        report(.notValidated, .request, "\(what) is not checked against its schema", at: header.origin)
                        continue
                    }
                    let value = decoder.decode(header, schema: schema, text: text)
                    report(failures(of: value, against: schema, direction: .request), as: .requestBodyInvalid, .request, subject: "request body \(what)")
                }
            }
        }
    }
}
