import ConformChecks
import ConformFindings
import Foundation

/// The shell every HTML page shares: one self-contained file whose Content-Security-Policy forbids any network
/// access, so a report opened from a CI artefact can neither leak nor load anything.
enum HTMLDocument {
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

    /// A complete page around `body`, with the shared stylesheet and, when `script` is set, the filter script.
    static func render(title: String, body: String, script: Bool) -> String {
        var page = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="\(ToolInfo.name) \(ToolInfo.version)">
            <title>\(text(title))</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>
            <main>

            """
        page += body
        page += "</main>\n"
        if script { page += "<script>\n\(HTMLStyle.script)\n</script>\n" }
        page += "</body>\n</html>\n"
        return page
    }

    /// Text content, escaped and cut to `limit` characters: recorded traffic is hostile input and can be huge.
    static func text(_ value: String, limit: Int = 2_000) -> String {
        XMLEscaping.text(clipped(value, limit: limit))
    }

    /// An attribute value for double quotes, escaped.
    static func attribute(_ value: String) -> String {
        XMLEscaping.attribute(value)
    }

    static func clipped(_ value: String, limit: Int) -> String {
        value.count > limit ? String(value.prefix(limit)) + "…" : value
    }

    /// `GET /pets/{id}` with the method set apart and the path allowed to wrap before each `/` but the first;
    /// any other text shown as it is.
    static func operation(_ operation: OperationKey) -> String {
        let segments = text(operation.path).split(separator: "/", omittingEmptySubsequences: false)
        let path = segments.count > 1 && segments[0].isEmpty
            ? "/" + segments.dropFirst().joined(separator: "<wbr>/") : segments.joined(separator: "<wbr>/")
        return "<span class=\"method\">\(text(operation.method))</span> <code>\(path)</code>"
    }

    /// Text, escaped and cut like `text`, allowed to wrap after each `/`: `application/<wbr>json`, so a column of
    /// media types can be as narrow as its longest part and the coverage matrix fits a screen.
    static func breakingAfterSlashes(_ value: String, limit: Int = 2_000) -> String {
        text(value, limit: limit).replacingOccurrences(of: "/", with: "/<wbr>")
    }

    /// A file path in `<code>`, allowed to wrap after each `/` rather than inside a name.
    static func path(_ path: String) -> String {
        "<code>" + text(path).split(separator: "/", omittingEmptySubsequences: false).joined(separator: "/<wbr>") + "</code>"
    }

    /// `<time>` for a report's date: the ISO form both as text and as the machine-readable value.
    static func time(_ date: Date) -> String {
        let iso = ReportDate.iso8601(date)
        return "<time datetime=\"\(attribute(iso))\">\(text(iso))</time>"
    }

    /// A relative link target made of path segments: everything but unreserved characters and `/` is
    /// percent-encoded, so a folder named `javascript:…` stays a path and never becomes a scheme.
    static func relativeLink(_ path: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `1,234`: counts as the reports print them in prose, grouped for reading.
    static func count(_ value: Int) -> String {
        NumberText.grouped(value)
    }
}
