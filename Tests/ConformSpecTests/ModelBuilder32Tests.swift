import ConformFindings
import ConformTestSupport
import Testing

@testable import ConformSpec

/// What the model carries of OpenAPI 3.2's tags and security schemes (`Fixtures/model/tags-and-schemes-3.2.yaml`),
/// and that the same fields in a 3.1 description are not read as 3.2 ones.
@Suite struct ModelBuilder32Tests {
    static func build(version: String = "3.2.0") throws -> OpenAPIDocument {
        let path = TestPaths.fixture("ConformSpecTests", "model/tags-and-schemes-3.2.yaml")
        var loaded = try SpecLoader.load(path: path)
        if version.hasPrefix("3.1") { loaded.version = .v3_1(version) }
        let (document, findings) = ModelBuilder.build(loaded)
        #expect(findings.isEmpty, "\(findings)")
        return document
    }

    @Test func tagsCarryTheirSummaryParentAndKind() throws {
        let tags = try Self.build().tags
        #expect(tags.map(\.name) == ["shop", "orders"])
        #expect(tags.map(\.summary) == ["Shop", nil])
        #expect(tags.map(\.parent) == [nil, "shop"])
        #expect(tags.map(\.kind) == ["nav", nil])
        #expect(tags.map(\.description) == [nil, "Orders of the shop."])
        #expect(tags.map(\.origin.pointer.description) == ["/tags/0", "/tags/1"])
    }

    @Test func securitySchemesCarryDeprecatedTheMetadataURLAndTheDeviceFlow() throws {
        let schemes = try Self.build().components.securitySchemes
        let device = try #require(schemes["DeviceLogin"])
        #expect(device.kind == .oauth2)
        #expect(device.deprecated)
        #expect(device.oauth2MetadataURL == "https://auth.example.com/.well-known/oauth-authorization-server")
        #expect(device.flows.map(\.kind) == [.deviceAuthorization, .clientCredentials])
        let flow = try #require(device.flows.first)
        #expect(flow.deviceAuthorizationURL == "https://auth.example.com/device")
        #expect(flow.tokenURL == "https://auth.example.com/token")
        #expect(flow.scopes == ["tv:pair"])
        #expect(schemes["Key"]?.deprecated == false)
    }

    /// 3.1 has none of these fields (the meta-schema reports them under `lint`); the model does not read them.
    @Test func a31DescriptionsFieldsOf32AreNotRead() throws {
        let document = try Self.build(version: "3.1.0")
        #expect(document.tags.map(\.parent) == [nil, nil])
        #expect(document.tags.map(\.summary) == [nil, nil])
        let device = try #require(document.components.securitySchemes["DeviceLogin"])
        #expect(!device.deprecated)
        #expect(device.oauth2MetadataURL == nil)
        #expect(device.flows.map(\.kind) == [.clientCredentials])
    }
}
