import ConformFindings
import ConformSchema
import ConformValues

/// Reads a config document, reporting each mistake at its line, like any other load error.
struct ConformConfigParser {
    let document: LoadedDocument

    private func error(_ message: String, at pointer: JSONPointer) -> LoadError {
        let location = document.location(of: pointer) ?? SourceLocation(file: document.file.path, line: 1, column: 1)
        return LoadError(.syntax, message, at: location).withSourceLine(from: document.file)
    }

    func parse() throws(LoadError) -> ConformConfig {
        var config = ConformConfig()
        config.path = document.file.path
        guard case .object(let root) = document.root else {
            throw error("a config file is a mapping with 'formats' and 'rules'", at: .root)
        }
        let keys = ["formats", "rules", "ignore", "servers", "strict", "limits", "allow-external-refs", "allow-remote-refs"]
        for key in root.keys where !keys.contains(key) {
            let hint = EditDistance.suggestion(for: key, among: keys).map { "; did you mean '\($0)'?" } ?? ""
            throw error("unknown config key '\(key)'\(hint) (the keys are \(keys.map { "'\($0)'" }.joined(separator: ", ")))", at: JSONPointer(tokens: [key]))
        }
        if let servers = root["servers"] {
            guard case .array(let items) = servers else { throw error("'servers' is a list of server URLs", at: JSONPointer(tokens: ["servers"])) }
            for (index, item) in items.enumerated() {
                let pointer = JSONPointer(tokens: ["servers", String(index)])
                guard case .string(let url) = item else { throw error("a server is a URL such as 'http://localhost:8080/api'", at: pointer) }
                if let problem = ConformConfig.serverURLProblem(url) { throw error(problem, at: pointer) }
                config.servers.append(url)
            }
        }
        try parseLimits(root, into: &config.limits)
        if let strict = root["strict"] {
            guard case .array(let items) = strict else { throw error("'strict' is a list of readings to make strict", at: JSONPointer(tokens: ["strict"])) }
            let names = ConformConfig.Strictness.allCases.map(\.rawValue)
            for (index, item) in items.enumerated() {
                let pointer = JSONPointer(tokens: ["strict", String(index)])
                guard let name = item.stringValue, let reading = ConformConfig.Strictness(rawValue: name) else {
                    let text = item.stringValue ?? ""
                    let hint = EditDistance.suggestion(for: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
                    throw error("unknown strict reading '\(text)'\(hint) (they are \(names.map { "'\($0)'" }.joined(separator: ", ")))", at: pointer)
                }
                config.strict.insert(reading)
            }
        }
        if let ignore = root["ignore"] {
            guard case .array(let entries) = ignore else { throw error("'ignore' is a list of {rule, operation, path} entries", at: JSONPointer(tokens: ["ignore"])) }
            for (index, entry) in entries.enumerated() {
                let pointer = JSONPointer(tokens: ["ignore", String(index)])
                guard case .object(let fields) = entry else { throw error("an ignore entry is a mapping with 'rule', 'operation' and/or 'path'", at: pointer) }
                var rule: RuleID?
                if let name = fields["rule"]?.stringValue {
                    guard let known = RuleID.named(name) else {
                        let hint = EditDistance.suggestion(for: name, among: RuleID.catalogue.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                        throw error("unknown rule '\(name)'\(hint)", at: pointer.appending("rule"))
                    }
                    rule = known
                }
                for key in fields.keys where !["rule", "operation", "path"].contains(key) {
                    throw error("unknown ignore key '\(key)'; expected 'rule', 'operation' or 'path'", at: pointer.appending(key))
                }
                config.ignores.append(ConformConfig.Ignore(
                    rule: rule, operation: fields["operation"]?.stringValue.map(OperationSelector.init), path: fields["path"]?.stringValue))
            }
        }
        if let formats = root["formats"] {
            guard case .object(let map) = formats else { throw error("'formats' maps format names to patterns", at: JSONPointer(tokens: ["formats"])) }
            for (name, pattern) in map.members {
                guard case .string(let text) = pattern else {
                    throw error("the pattern of format '\(name)' must be a string", at: JSONPointer(tokens: ["formats", name]))
                }
                config.formats[name] = text
            }
            for (name, problem) in FormatRegistry(custom: config.formats).customPatternErrors.sorted(by: { $0.key < $1.key }) {
                throw error("the pattern of format '\(name)' is not a valid regular expression: \(problem)", at: JSONPointer(tokens: ["formats", name]))
            }
        }
        if let rules = root["rules"] {
            guard case .object(let map) = rules else { throw error("'rules' maps rule ids to severities", at: JSONPointer(tokens: ["rules"])) }
            for (name, value) in map.members {
                let pointer = JSONPointer(tokens: ["rules", name])
                guard let rule = RuleID.named(name) else {
                    let hint = EditDistance.suggestion(for: name, among: RuleID.catalogue.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                    throw error("unknown rule '\(name)'\(hint)", at: pointer)
                }
                switch value.stringValue {
                case "off": config.severities[rule] = .some(nil)
                case let text?:
                    guard let severity = Severity(rawValue: text) else {
                        throw error("severity of '\(name)' must be error, warning, note or off, not '\(text)'", at: pointer)
                    }
                    config.severities[rule] = severity
                case nil:
                    throw error("severity of '\(name)' must be error, warning, note or off", at: pointer)
                }
            }
        }
        return config
    }

    /// `limits:` (name → whole number, or a size such as `64MiB`), `allow-external-refs:` and `allow-remote-refs:`.
    private func parseLimits(_ root: JSONObject, into limits: inout LoadLimits) throws(LoadError) {
        if let value = root["allow-remote-refs"] {
            guard case .bool(let allowed) = value else {
                throw error("'allow-remote-refs' is true or false", at: JSONPointer(tokens: ["allow-remote-refs"]))
            }
            limits.allowRemoteReferences = allowed
        }
        if let value = root["allow-external-refs"] {
            guard case .bool(let allowed) = value else {
                throw error("'allow-external-refs' is true or false", at: JSONPointer(tokens: ["allow-external-refs"]))
            }
            limits.allowExternalReferences = allowed
        }
        guard let section = root["limits"] else { return }
        guard case .object(let map) = section else {
            throw error("'limits' maps limit names to values, such as 'depth: 1000'", at: JSONPointer(tokens: ["limits"]))
        }
        for (name, value) in map.members {
            let text: String
            switch value {
            case .string(let written): text = written
            case .integer(let number): text = String(number)
            default: text = ""
            }
            if let problem = limits.set(name, to: text) { throw error(problem, at: JSONPointer(tokens: ["limits", name])) }
        }
    }
}
