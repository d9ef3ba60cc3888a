import ConformFindings
import ConformValues

extension ModelBuilder {
    /// The top-level `tags`, as far as they are written well: a tag that is no object or has no name is left out,
    /// and the meta-schema (under `lint`) says what is wrong with it, as tags change nothing an exchange is checked
    /// for. `summary`, `parent` and `kind` are read from OpenAPI 3.2 on, where they are fields.
    func buildTags(in root: JSONObject, at rootPointer: SpecPointer) -> [Tag] {
        guard case .array(let items)? = root["tags"] else { return [] }
        return items.enumerated().compactMap { index, item -> Tag? in
            guard case .object(let tag) = item, let name = tag["name"]?.stringValue else { return nil }
            func field(_ key: String) -> String? { version.isV32OrLater ? tag[key]?.stringValue : nil }
            return Tag(
                name: name, description: tag["description"]?.stringValue, summary: field("summary"), parent: field("parent"),
                kind: field("kind"), origin: rootPointer / "tags" / index)
        }
    }
}
