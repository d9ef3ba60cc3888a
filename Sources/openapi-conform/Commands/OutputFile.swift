import OpenAPIConform

/// `--output FILE` for a command with one output: written atomically to the file, else streamed to standard output.
enum OutputFile {
    /// Sends what `body` writes; false (after saying why on stderr) when the file cannot be written.
    static func emit(to path: String?, _ body: (ReportStream) -> Void) -> Bool {
        guard let path else {
            Console.stream(body)
            return true
        }
        do {
            try ReportFile.write(to: path, body)
            return true
        } catch {
            Console.error("error: cannot write \(path): \(error.localizedDescription)")
            return false
        }
    }
}
