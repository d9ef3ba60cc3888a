import OpenAPIConform

/// The `--config` option shared by commands that load a description.
enum ConfigOption {
    static let option = OptionSpec(
        "--config", valueName: "file",
        help: "Config file (custom formats, rule severities). Default: \(ConformConfig.fileName) beside the spec, if present.")
}
