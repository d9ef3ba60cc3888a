import OpenAPIConform

/// The `--config` option shared by commands that load a description.
enum ConfigOption {
    static let option = OptionSpec(
        "--config", valueName: "file",
        help: "Config file (custom formats, rule severities). Default: the first \(ConformConfig.fileName) (or .yml) beside the spec, else in the working directory or a folder above it up to the repository root.")
}
