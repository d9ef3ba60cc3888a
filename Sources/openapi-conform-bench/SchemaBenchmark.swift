/// Placeholder replaced by the schema benchmark.
struct SchemaBenchmark {
    let schemaPath: String
    let payloadsPath: String
    let runs: Int
    func run() -> Int32 { 2 }
}
