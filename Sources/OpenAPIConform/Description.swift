import ConformFindings
import ConformSchema
import ConformSpec
import ConformTraffic
import ConformValues

/// A description ready to check traffic against: loaded with every file it reaches, modelled, its schemas
/// compiled, and the config that came with it.
public struct Description: Sendable {
    public let document: OpenAPIDocument
    public let bundle: SpecBundle
    public let schemas: SpecSchemas
    public let config: ConformConfig
    /// Problems met while loading and modelling (unresolved references and the like).
    public let loadFindings: [Finding]

    public static func load(path: String, config: ConformConfig) throws(LoadError) -> Description {
        let loaded = try SpecLoader.load(path: path)
        let (document, findings) = ModelBuilder.build(loaded)
        let schemas = SpecSchemas.compile(document, bundle: loaded.bundle, formats: config.formatRegistry)
        return Description(document: document, bundle: loaded.bundle, schemas: schemas, config: config, loadFindings: findings)
    }

    /// The description a lint run already loaded, so a command that lints and then checks traffic loads once.
    public init(linted report: LintReport, config: ConformConfig) {
        self.init(
            document: report.document, bundle: report.bundle, schemas: report.schemas, config: config,
            loadFindings: report.findings.filter { $0.rule == .specRefUnresolved || $0.rule == .specLoadFailed })
    }

    init(document: OpenAPIDocument, bundle: SpecBundle, schemas: SpecSchemas, config: ConformConfig, loadFindings: [Finding]) {
        self.document = document
        self.bundle = bundle
        self.schemas = schemas
        self.config = config
        self.loadFindings = loadFindings
    }

    /// The redactor for traffic checked against this description: its apiKey names are credentials too.
    public var redactor: Redactor {
        var headers: [String] = []
        var query: [String] = []
        var cookies: [String] = []
        for scheme in document.components.securitySchemes.values {
            guard case .apiKey(let name, let location) = scheme.kind else { continue }
            switch location {
            case .header: headers.append(name)
            case .query: query.append(name)
            case .cookie: cookies.append(name)
            case .path: break
            }
        }
        return Redactor(headerNames: headers, queryNames: query, cookieNames: cookies)
    }
}
