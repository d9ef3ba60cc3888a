import ConformFindings
import ConformSchema
import ConformSpec
import ConformValues

extension LintRule {
    /// Lint: every `example`/`examples` value matches the schema it illustrates: in parameters, headers and media
    /// types (request examples as requests, response examples as responses, so readOnly/writeOnly apply), and on
    /// schemas themselves. An OpenAPI 3.2 Example Object's `dataValue` is checked as `value` is; its
    /// `serializedValue`, in a media type, is read as a body of that media type and then checked.
    package static let exampleInvalid = LintRule(.specExampleInvalid) { context in
        var checker = ExampleChecker(context: context)
        for operation in context.document.operations + context.document.webhooks.flatMap(\.item.operations) {
            for parameter in operation.parameters {
                checker.check(parameter.origin, schema: parameter.schema, direction: .request, operation: operation)
                checker.check(parameter.content, direction: .request, operation: operation)
            }
            if let body = operation.requestBody {
                checker.check(body.content, direction: .request, operation: operation)
            }
            for response in operation.responses {
                checker.check(response.content, direction: .response, operation: operation)
                for header in response.headers {
                    checker.check(header.origin, schema: header.schema, direction: .response, operation: operation)
                }
            }
        }
        for example in context.schemas.compiled.schemaExamples() {
            checker.report(context.schemas.compiled.validate(example.value, against: example.schema, budget: checker.budget, masksSecrets: false), example: example.pointer, operation: nil, what: "example")
        }
        return checker.findings
    }

    /// Lint: every schema's `default` matches the schema (a client that omits the value gets the default).
    package static let defaultInvalid = LintRule(.specDefaultInvalid) { context in
        var checker = ExampleChecker(context: context)
        for value in context.schemas.compiled.schemaDefaults() {
            checker.report(context.schemas.compiled.validate(value.value, against: value.schema, budget: checker.budget, masksSecrets: false), example: value.pointer, operation: nil, what: "default", rule: .specDefaultInvalid)
        }
        return checker.findings
    }
}

/// Validates the examples of one description and words the findings.
struct ExampleChecker {
    let context: LintContext
    var findings: [Finding] = []
    /// The examples checked so far: one reached from two places is reported once.
    var checked: Set<SpecPointer> = []
    /// The ICU pattern-matching time of all the examples one rule checks: a description's examples share it, so
    /// a catastrophic pattern costs one budget per lint, not one deadline per string.
    let budget: PatternBudget

    init(context: LintContext) {
        self.context = context
        budget = context.schemas.compiled.patternBudget()
    }

    /// The `example`/`examples` of a parameter or header (which sit beside its `schema`).
    mutating func check(_ owner: SpecPointer, schema: SpecPointer?, direction: ValueDirection, operation: Operation) {
        guard let schema, let id = context.schemas.schema(at: schema), let object = context.bundle.value(at: owner)?.objectValue else { return }
        if object["example"] != nil {
            validate(owner / "example", against: id, direction: direction, operation: operation)
        }
        if case .object(let examples)? = object["examples"] {
            for name in examples.keys {
                if let target = exampleValue(owner / "examples" / name) {
                    validate(target, against: id, direction: direction, operation: operation)
                }
            }
        }
    }

    /// The examples of each media type of a `content` map.
    mutating func check(_ content: [MediaType], direction: ValueDirection, operation: Operation) {
        for mediaType in content {
            guard let schema = mediaType.schema, let id = context.schemas.schema(at: schema) else { continue }
            if let example = mediaType.example {
                validate(example, against: id, direction: direction, operation: operation)
            }
            for example in mediaType.examples {
                if let value = example.value { validate(value, against: id, direction: direction, operation: operation) }
                if let serialized = example.serializedValue {
                    validate(serialized: serialized, of: mediaType, against: id, direction: direction, operation: operation)
                }
            }
        }
    }

    /// An Example Object's data, following a `$ref` to a shared example: its `value`, or from OpenAPI 3.2 its
    /// `dataValue`. (A parameter's `serializedValue` is the parameter as sent, in its style: not read here.)
    private func exampleValue(_ pointer: SpecPointer) -> SpecPointer? {
        guard case .success(let target) = context.bundle.follow(pointer) else { return nil }
        if context.document.version.isV32OrLater, target.value["dataValue"] != nil { return target.pointer / "dataValue" }
        return target.value["value"] != nil ? target.pointer / "value" : nil
    }

    private mutating func validate(_ example: SpecPointer, against schema: SchemaID, direction: ValueDirection, operation: Operation) {
        guard checked.insert(example).inserted, let value = context.bundle.value(at: example) else { return }
        // Findings name the field that holds the data: `value` (or a singular `example`) is "example".
        let what = example.pointer.lastToken == "dataValue" ? "dataValue" : "example"
        report(context.schemas.compiled.validate(value, against: schema, direction: direction, budget: budget, masksSecrets: false), example: example, operation: operation, what: what)
    }

    /// One finding per failure, located at the offending part of the example itself, or with `inside: false` at the
    /// example as a whole (a serialized example, whose parts have no place of their own in the description).
    mutating func report(
        _ failures: [SchemaFailure], example: SpecPointer, operation: Operation?, what: String, rule: RuleID = .specExampleInvalid,
        inside: Bool = true
    ) {
        // A `$ref` that leads nowhere is reported where it is written; an example cannot show anything about it.
        // A discriminator naming a branch the valid example breaks keeps its own rule: the example is valid.
        for failure in failures where !failure.unresolvedReference {
            let place = failure.instancePointer.isRoot ? "" : " at \(failure.instancePointer)"
            let mismatch = failure.discriminatorMismatch
            let verdict = failure.notValidated ? "was not fully checked"
                : mismatch ? "matches its schema, but not the branch its discriminator names" : "does not match its schema"
            findings.append(Finding(
                rule: failure.notValidated ? .notValidated : mismatch ? .discriminatorMismatch : rule,
                message: "\(what)\(place) \(verdict): \(failure.message)",
                operation: operation?.key,
                instancePointer: failure.instancePointer,
                specPointer: inside ? SpecPointer(file: example.file, pointer: example.pointer.appending(failure.instancePointer)) : example,
                expected: failure.expected,
                actual: failure.actual,
                notes: failure.notes + ["schema: \(context.bundle.location(of: failure.schemaPointer)?.description ?? failure.schemaPointer.description) (\(failure.keyword))"]))
        }
    }
}
