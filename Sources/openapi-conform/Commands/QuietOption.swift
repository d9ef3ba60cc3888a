/// `--quiet`, with one meaning on every command: print only what fails the run, then the summary.
enum QuietOption {
    static let option = OptionSpec(
        "--quiet", short: "q", kind: .flag,
        help: "Print only what fails the run (findings at the failing severity) and the summary; no overview, no lists of responses never seen, no config line.")
}
