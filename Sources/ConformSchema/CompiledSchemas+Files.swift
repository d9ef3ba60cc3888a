import ConformValues

extension CompiledSchemas {
    /// OpenAPI's default type of a multipart part for a property's schema (Encoding Object, `contentType`): JSON for
    /// objects and arrays of objects, text otherwise. The reader of a part without a Content-Type and the writer of
    /// the probe's parts both go by it, so that a value is written as a client following the description writes it
    /// (a number in a string property is the text `5`, as every server reads a form field).
    package func defaultPartType(of property: SchemaID?) -> String {
        guard let property else { return "text/plain" }
        let shape = shape(of: property)
        if shape.isObject { return "application/json" }
        if shape.isArray, let items = shape.items, self.shape(of: items).isObject { return "application/json" }
        return "text/plain"
    }

    /// The media type of the file a schema describes as raw bytes, or nil when it describes a value. OpenAPI 3.0
    /// writes a file as `type: string, format: binary` (`application/octet-stream`); 3.1 as `contentMediaType`
    /// without a `contentEncoding` (one, such as base64, makes the bytes text). JSON content is a value written as
    /// text (pydantic's `Json` field), not a file; a text type (`text/csv`) is an upload. An array of files is a file per
    /// item, and an alternative with null (`Optional[UploadFile]` in FastAPI) is still a file. A multipart part
    /// for a file is sent as a file (a filename and its type): servers such as FastAPI and multer read a part
    /// without a filename as a text field, and refuse it where a file is wanted.
    package func fileMediaType(of schema: SchemaID) -> String? {
        var seen = Set<SchemaID>()
        func find(_ id: SchemaID) -> String? {
            guard seen.insert(id).inserted else { return nil }
            let node = nodes[Int(id)]
            if case .object(let raw)? = index.value(at: node.location) {
                if !node.dialect.isDraft4Family, raw["contentEncoding"] == nil, let type = raw["contentMediaType"]?.stringValue {
                    return MediaTypeName.isJSON(type) ? nil : type
                }
                if node.format == "binary" { return "application/octet-stream" }
            }
            if let items = node.items, let type = find(items) { return type }
            for next in [node.ref, node.dynamicRef?.target].compactMap({ $0 }) + node.allOf + node.anyOf + node.oneOf {
                if let type = find(next) { return type }
            }
            return nil
        }
        return find(schema)
    }
}
