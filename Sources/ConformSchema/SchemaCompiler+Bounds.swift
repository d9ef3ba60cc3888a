import ConformValues

extension SchemaCompiler {
    /// `minimum`, `maximum`, their exclusive forms and `multipleOf`.
    ///
    /// The exclusive bounds changed form between the dialects: draft 4 (and OpenAPI 3.0) writes a boolean beside
    /// `minimum`, 2020-12 (and OpenAPI 3.1) writes the bound itself. Descriptions converted from one version to the
    /// other keep the old form; it is read as its author meant, and `spec-schema-dialect` says what to write.
    mutating func compileNumberKeywords(_ schema: JSONObject, into node: inout SchemaNode) {
        func bound(_ key: String) -> NumberBound? {
            schema[key].flatMap(NumberBound.init)
        }
        // A divisor of 0 or less divides nothing: not read (see `checkKeywordValues`).
        node.multipleOf = bound("multipleOf").flatMap { $0.value > 0 ? $0 : nil }
        if node.dialect.isDraft4Family {
            // Draft 4: exclusiveMinimum/Maximum are booleans that make minimum/maximum strict.
            if schema["exclusiveMinimum"]?.boolValue == true { node.exclusiveMinimum = bound("minimum") } else { node.minimum = bound("minimum") }
            if schema["exclusiveMaximum"]?.boolValue == true { node.exclusiveMaximum = bound("maximum") } else { node.maximum = bound("maximum") }
            if node.dialect == .openAPI30 {
                for side in BoundSide.allCases {
                    guard let exclusive = bound(side.exclusiveKeyword) else { continue }
                    diagnose(.schemaDialect, side.numericFormIn30(exclusive.text), at: node.location, keyword: side.exclusiveKeyword, severity: .warning)
                    if side == .lower { node.exclusiveMinimum = exclusive } else { node.exclusiveMaximum = exclusive }
                }
            }
        } else {
            node.minimum = bound("minimum")
            node.maximum = bound("maximum")
            node.exclusiveMinimum = bound("exclusiveMinimum")
            node.exclusiveMaximum = bound("exclusiveMaximum")
            if node.dialect == .openAPI31 {
                for side in BoundSide.allCases {
                    guard let flag = schema[side.exclusiveKeyword]?.boolValue else { continue }
                    let inclusive = side == .lower ? node.minimum : node.maximum
                    diagnose(.schemaDialect, side.booleanFormIn31(flag, inclusive: inclusive?.text), at: node.location, keyword: side.exclusiveKeyword, severity: .warning)
                    // Honoured as its author meant it: the inclusive bound beside it becomes exclusive.
                    guard flag, let inclusive else { continue }
                    if side == .lower {
                        node.exclusiveMinimum = inclusive
                        node.minimum = nil
                    } else {
                        node.exclusiveMaximum = inclusive
                        node.maximum = nil
                    }
                }
            }
        }
    }

    /// A bound as messages show it: integers without a fraction, other numbers as written.
    static func numberText(_ value: JSONValue) -> String {
        switch value {
        case .integer(let number): return String(number)
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bigNumber(let text): return text
        default: return ""
        }
    }
}

/// The lower or upper bound, with the words its dialect messages need.
private enum BoundSide: CaseIterable {
    case lower
    case upper

    var inclusiveKeyword: String { self == .lower ? "minimum" : "maximum" }
    var exclusiveKeyword: String { self == .lower ? "exclusiveMinimum" : "exclusiveMaximum" }
    var comparison: String { self == .lower ? "greater" : "less" }

    /// A 2020-12 numeric bound in an OpenAPI 3.0 schema.
    func numericFormIn30(_ bound: String) -> String {
        "'\(exclusiveKeyword): \(bound)' is the JSON Schema 2020-12 form, but OpenAPI 3.0 reads \(exclusiveKeyword) as a "
            + "boolean beside \(inclusiveKeyword): write '\(inclusiveKeyword): \(bound)' with '\(exclusiveKeyword): true'. "
            + "It is read as meant: values must be \(comparison) than \(bound)"
    }

    /// A draft-4 boolean in an OpenAPI 3.1 schema, where the keyword holds the bound itself.
    func booleanFormIn31(_ flag: Bool, inclusive: String?) -> String {
        let form = "'\(exclusiveKeyword): \(flag)' is the OpenAPI 3.0 form; in OpenAPI 3.1 (JSON Schema 2020-12) \(exclusiveKeyword) is the bound itself"
        guard flag else { return form + ", and a boolean there means nothing: remove it" }
        guard let inclusive else {
            return form + ", and there is no \(inclusiveKeyword) here for it to make exclusive: write '\(exclusiveKeyword): <bound>'"
        }
        return form + ": write '\(exclusiveKeyword): \(inclusive)' in place of '\(inclusiveKeyword): \(inclusive)' and "
            + "'\(exclusiveKeyword): true'. It is read as meant: values must be \(comparison) than \(inclusive)"
    }
}
