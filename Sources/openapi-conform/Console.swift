import Foundation
import OpenAPIConform

/// Writing to stdout and stderr, and what the terminal supports. The library never prints; only the CLI does.
enum Console {
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    /// Streams a long output (a report) to stdout through a buffer.
    static func stream(_ body: (ReportStream) -> Void) {
        let stream = ReportStream(handle: FileHandle.standardOutput)
        body(stream)
        stream.flush()
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Colour only when stdout is a terminal and `NO_COLOR` is not set (https://no-color.org).
    static var stdoutWantsColour: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}
