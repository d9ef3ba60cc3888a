import ConformFindings
import ConformValues
import Foundation

extension ModelBuilder {
    mutating func buildDocument() -> OpenAPIDocument {
        let rootPointer = SpecPointer(file: bundle.entryPath, pointer: .root)
        let root = bundle.entry.root.objectValue ?? JSONObject()

        var title = ""
        var apiVersion = ""
        if root["info"] == nil {
            report(.specStructure, "the description has no 'info', which is required", at: rootPointer)
        } else if let (infoPointer, info) = object(at: rootPointer / "info", "'info'", references: .misplaced(what: "'info'")) {
            title = requiredString("title", in: info, at: infoPointer, of: "'info'") ?? ""
            apiVersion = requiredString("version", in: info, at: infoPointer, of: "'info'") ?? ""
        }

        let servers = buildServers(in: root, at: rootPointer)
        let components = buildComponents(in: root, at: rootPointer)
        let security = buildSecurity(in: root, at: rootPointer)

        var paths: [PathItem] = []
        if let (pathsPointer, pathsObject) = map("paths", in: root, at: rootPointer) {
            let entries = pathsObject.members.filter { !$0.0.hasPrefix("x-") }.map { (template: $0.0, value: $0.1) }
            paths = buildPathItems(entries, at: pathsPointer)
        } else if root["paths"] == nil && !version.isV31OrLater {
            report(.specStructure, "the description has no 'paths', which OpenAPI 3.0 requires", at: rootPointer)
        }

        var webhooks: [(name: String, item: PathItem)] = []
        if version.isV31OrLater, let (hooksPointer, hooks) = map("webhooks", in: root, at: rootPointer) {
            for (name, hook) in hooks.members where !name.hasPrefix("x-") {
                if let item = buildPathItem(template: name, at: hooksPointer / name, value: hook) {
                    webhooks.append((name, item))
                }
            }
        }
        if version.isV31OrLater, root["paths"] == nil, root["webhooks"] == nil, root["components"] == nil {
            report(.specStructure, "an OpenAPI 3.1 description needs 'paths', 'webhooks' or 'components'", at: rootPointer)
        }

        return OpenAPIDocument(
            version: version,
            title: title,
            apiVersion: apiVersion,
            servers: servers,
            paths: paths,
            webhooks: webhooks,
            components: components,
            security: security,
            jsonSchemaDialect: version.isV31OrLater ? string("jsonSchemaDialect", in: root, at: rootPointer) : nil,
            tags: buildTags(in: root, at: rootPointer),
            origin: rootPointer)
    }

    /// The path items of `paths`, built on all cores: each slice of the paths by a builder of its own (with its
    /// own memo of followed references), whose findings are appended slice by slice, so items and findings come
    /// out in the order a single builder gives. Building the model of a description of hundreds of operations is
    /// most of the time after loading it.
    private mutating func buildPathItems(
        _ entries: [(template: String, value: JSONValue)], at pathsPointer: SpecPointer
    ) -> [PathItem] {
        let sliceCount = min(entries.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        guard sliceCount > 1 else { return buildPathItems(entries[...], at: pathsPointer) }
        let slices = (0..<sliceCount).map { index in
            (entries.count * index / sliceCount)..<(entries.count * (index + 1) / sliceCount)
        }
        // The paths hold most of the description's references; a slice follows about its share of them.
        let references = bundle.referenceTargets.values.reduce(0) { $0 + $1.count }
        let fresh = ModelBuilder(
            bundle: bundle, version: version, followsMisplacedReferences: followsMisplacedReferences, expectedReferences: references / sliceCount)
        let built = slices.parallelMap { slice in
            var builder = fresh
            let items = builder.buildPathItems(entries[slice], at: pathsPointer)
            return (items: items, findings: builder.findings)
        }
        for slice in built { findings += slice.findings }
        return built.flatMap(\.items)
    }

    private mutating func buildPathItems(
        _ entries: ArraySlice<(template: String, value: JSONValue)>, at pathsPointer: SpecPointer
    ) -> [PathItem] {
        var paths: [PathItem] = []
        for (template, value) in entries {
            let pointer = pathsPointer / template
            if !template.hasPrefix("/") {
                report(.specStructure, "path '\(template)' must begin with '/'", at: pointer)
            }
            if let item = buildPathItem(template: template, at: pointer, value: value) { paths.append(item) }
        }
        return paths
    }

    mutating func buildServers(in object: JSONObject, at pointer: SpecPointer) -> [Server] {
        guard let (serversPointer, items) = array("servers", in: object, at: pointer) else { return [] }
        var servers: [Server] = []
        for (index, item) in items.enumerated() {
            let itemPointer = serversPointer / index
            guard let (serverPointer, server) = self.object(at: itemPointer, value: item, "a server", references: .misplaced(what: "a Server Object"))
            else { continue }
            guard let url = requiredString("url", in: server, at: serverPointer, of: "a server") else { continue }
            var variables: [ServerVariable] = []
            if let (variablesPointer, variableMap) = map("variables", in: server, at: serverPointer) {
                for (name, value) in variableMap.members {
                    let variablePointer = variablesPointer / name
                    guard let (_, variable) = self.object(at: variablePointer, value: value, "server variable '\(name)'", references: .misplaced(what: "a Server Variable"))
                    else { continue }
                    let defaultValue = requiredString("default", in: variable, at: variablePointer, of: "server variable '\(name)'") ?? ""
                    let allowed = array("enum", in: variable, at: variablePointer)?.items.compactMap(\.stringValue)
                    variables.append(ServerVariable(name: name, defaultValue: defaultValue, allowedValues: allowed, origin: variablePointer))
                }
            }
            let built = Server(
                url: url, name: version.isV32OrLater ? string("name", in: server, at: serverPointer) : nil,
                description: string("description", in: server, at: serverPointer), variables: variables, origin: serverPointer)
            for name in built.templateVariables where !variables.contains(where: { $0.name == name }) {
                report(.specServerVariableUndefined, "server URL '\(url)' uses '{\(name)}', but the server defines no variable '\(name)'", at: serverPointer / "url")
            }
            servers.append(built)
        }
        return servers
    }

    mutating func buildComponents(in root: JSONObject, at rootPointer: SpecPointer) -> Components {
        guard let (pointer, components) = map("components", in: root, at: rootPointer) else { return Components() }
        var result = Components()
        if let (schemasPointer, schemas) = map("schemas", in: components, at: pointer) {
            result.schemas = schemas.keys.map { ($0, schemasPointer / $0) }
        }
        if let (schemesPointer, schemes) = map("securitySchemes", in: components, at: pointer) {
            for (name, value) in schemes.members {
                if let scheme = buildSecurityScheme(name: name, at: schemesPointer / name, value: value) {
                    result.securitySchemes[name] = scheme
                }
            }
        }
        return result
    }
}
