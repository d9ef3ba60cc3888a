import ConformFuzzing
import Foundation

/// libFuzzer's entry point for programs that have a `main` of their own (compiler-rt's `FuzzerInterface.h`):
/// it parses the libFuzzer flags in `argv`, then calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target the callback runs: a C callback cannot capture it. Set once, before libFuzzer starts.
nonisolated(unsafe) private var running: FuzzTarget?

/// Runs libFuzzer on the target called `name` with this process's arguments, and exits with its status.
/// A differential target's `FuzzFailure` stops the process like a crash, so libFuzzer keeps the input.
package func runLibFuzzer(target name: String) -> Never {
    guard let target = FuzzTarget.named(name) else {
        fatalError("no fuzz target is called '\(name)' (see FuzzTarget.all)")
    }
    running = target
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        do throws(FuzzFailure) {
            try running?.check(input)
        } catch {
            fatalError(error.description)
        }
        return 0
    }
    exit(status)
}
