import ConformSpec

/// Foundation exports an `Operation` (the NSOperation queue class); inside this module the word means the
/// OpenAPI operation.
typealias Operation = ConformSpec.Operation
