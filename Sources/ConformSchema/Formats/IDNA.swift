/// IDNA2008 validity of U-labels: the code point categories of RFC 5892, the contextual rules of its appendix A,
/// the label rules of RFC 5891 section 4.2.3 and the Bidi rule of RFC 5893. NFC is not checked: the JSON Schema
/// test suite expects labels outside NFC to pass, and checking it needs normalisation tables.
enum IDNA {
    /// A code point's IDNA2008 category (RFC 5892 section 2).
    enum Status {
        case pvalid
        case contextJ
        case contextO
        case disallowed
        case unassigned
    }

    /// Derives the category as RFC 5892 section 3 orders its rules; the standard library supplies the general
    /// category and the normalisation and ignorability properties, `IDNATables` the rest.
    static func status(_ value: UInt32) -> Status {
        switch value {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
            return .pvalid
        case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9:
            return .contextO
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
            return .disallowed
        case 0x002D, 0x0030...0x0039, 0x0061...0x007A:
            return .pvalid
        case 0x200C, 0x200D:
            return .contextJ
        default:
            break
        }
        guard let scalar = Unicode.Scalar(value) else { return .disallowed }
        let properties = scalar.properties
        let category = properties.generalCategory
        if category == .unassigned, !properties.isNoncharacterCodePoint { return .unassigned }
        if properties.changesWhenNFKCCaseFolded || properties.isDefaultIgnorableCodePoint || properties.isWhitespace
            || properties.isNoncharacterCodePoint
        {
            return .disallowed
        }
        // Combining marks for symbols, musical symbols and ancient Greek musical notation (RFC 5892 section 2.4).
        if (0x20D0...0x20FF).contains(value) || (0x1D100...0x1D24F).contains(value) { return .disallowed }
        if IDNATables.contains(IDNATables.oldHangulJamo, value) { return .disallowed }
        switch category {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter, .nonspacingMark,
            .spacingMark:
            return .pvalid
        default:
            return .disallowed
        }
    }

    /// What makes `label` an invalid U-label, or nil (RFC 5891 section 5.4 without the Bidi rule, which looks at
    /// the whole name).
    static func uLabelProblem(_ label: [UInt32]) -> String? {
        guard let first = label.first, let last = label.last else { return "empty label" }
        if first == 0x2D || last == 0x2D { return "a label must not start or end with '-'" }
        if label.count >= 4, label[2] == 0x2D, label[3] == 0x2D {
            return "a label must not have '--' in the third and fourth positions"
        }
        if isMark(first) { return "a label must not start with a combining mark (\(name(first)))" }
        for index in label.indices {
            switch status(label[index]) {
            case .pvalid:
                continue
            case .contextJ, .contextO:
                if let problem = contextProblem(label, at: index) { return problem }
            case .disallowed:
                return "\(name(label[index])) is not allowed in a host name"
            case .unassigned:
                return "\(name(label[index])) is unassigned"
            }
        }
        return nil
    }

    /// The Bidi rule (RFC 5893 section 2): once any label holds a right-to-left character, every label must read
    /// unambiguously in its own direction.
    static func bidiProblem(_ labels: [[UInt32]]) -> String? {
        let isBidiName = labels.contains { label in
            label.contains { let kind = bidiClass($0); return kind == .rightToLeft || kind == .arabicNumber }
        }
        guard isBidiName else { return nil }
        for label in labels {
            guard let first = label.first else { continue }
            let direction = bidiClass(first)
            guard direction == .leftToRight || direction == .rightToLeft else {
                return "in a right-to-left name, a label must start with a letter"
            }
            let rightToLeft = direction == .rightToLeft
            var sawEuropean = false
            var sawArabic = false
            var lastStrong = direction
            for value in label {
                let kind = bidiClass(value)
                switch kind {
                case .leftToRight where rightToLeft, .rightToLeft where !rightToLeft, .arabicNumber where !rightToLeft:
                    return "a label mixes left-to-right and right-to-left characters"
                case .europeanNumber: sawEuropean = true
                case .arabicNumber: sawArabic = true
                default: break
                }
                if kind != .nonspacingMark { lastStrong = kind }
            }
            if sawEuropean && sawArabic { return "a right-to-left label mixes European and Arabic-Indic digits" }
            let endsWell = rightToLeft
                ? lastStrong != .neutral && lastStrong != .nonspacingMark
                : lastStrong == .leftToRight || lastStrong == .europeanNumber
            if !endsWell { return "a label in a right-to-left name must end with a letter or digit" }
        }
        return nil
    }

    /// The Bidi classes the Bidi rule tells apart; R and AL behave alike there.
    private enum BidiClass {
        case leftToRight
        case rightToLeft
        case arabicNumber
        case europeanNumber
        case nonspacingMark
        case neutral
    }

    private static func bidiClass(_ value: UInt32) -> BidiClass {
        if value < 0x80 {
            if FormatBytes.isDigit(UInt8(value)) { return .europeanNumber }
            return FormatBytes.isAlpha(UInt8(value)) ? .leftToRight : .neutral
        }
        if IDNATables.contains(IDNATables.bidiRightToLeft, value) { return .rightToLeft }
        if IDNATables.contains(IDNATables.bidiArabicNumber, value) { return .arabicNumber }
        if IDNATables.contains(IDNATables.bidiEuropeanNumber, value) { return .europeanNumber }
        if IDNATables.contains(IDNATables.bidiNeutral, value) { return .neutral }
        guard let scalar = Unicode.Scalar(value) else { return .neutral }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return IDNATables.contains(IDNATables.bidiLeftToRightMarks, value) ? .leftToRight : .nonspacingMark
        case .format:
            return .neutral
        default:
            return .leftToRight
        }
    }

    /// Checks the CONTEXTJ and CONTEXTO rules of RFC 5892 appendix A for the code point at `index`.
    private static func contextProblem(_ label: [UInt32], at index: Int) -> String? {
        let value = label[index]
        let before = index > 0 ? label[index - 1] : nil
        let after = index + 1 < label.count ? label[index + 1] : nil
        switch value {
        case 0x200C:
            if let before, isVirama(before) { return nil }
            if joinsAround(label, at: index) { return nil }
            return "ZERO WIDTH NON-JOINER must follow a virama or sit between joining letters"
        case 0x200D:
            if let before, isVirama(before) { return nil }
            return "ZERO WIDTH JOINER must follow a virama"
        case 0x00B7:
            if before == 0x6C, after == 0x6C { return nil }
            return "MIDDLE DOT must sit between two 'l's"
        case 0x0375:
            if let after, IDNATables.contains(IDNATables.scriptGreek, after) { return nil }
            return "GREEK LOWER NUMERAL SIGN must be followed by a Greek character"
        case 0x05F3, 0x05F4:
            if let before, IDNATables.contains(IDNATables.scriptHebrew, before) { return nil }
            return "\(name(value)) must follow a Hebrew character"
        case 0x30FB:
            if label.contains(where: { IDNATables.contains(IDNATables.scriptHiraganaKatakanaHan, $0) }) { return nil }
            return "KATAKANA MIDDLE DOT needs a Hiragana, Katakana or Han character in its label"
        case 0x0660...0x0669:
            if !label.contains(where: { (0x06F0...0x06F9).contains($0) }) { return nil }
            return "Arabic-Indic digits must not be mixed with Extended Arabic-Indic digits"
        case 0x06F0...0x06F9:
            if !label.contains(where: { (0x0660...0x0669).contains($0) }) { return nil }
            return "Extended Arabic-Indic digits must not be mixed with Arabic-Indic digits"
        default:
            return "\(name(value)) is not allowed in a host name"
        }
    }

    /// The regular-expression half of the ZERO WIDTH NON-JOINER rule: a left- or dual-joining letter before it
    /// and a right- or dual-joining letter after it, with only transparent code points in between.
    private static func joinsAround(_ label: [UInt32], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, isTransparent(label[before]) { before -= 1 }
        guard before >= 0, IDNATables.contains(IDNATables.joiningLeftOrDual, label[before]) else { return false }
        var after = index + 1
        while after < label.count, isTransparent(label[after]) { after += 1 }
        return after < label.count && IDNATables.contains(IDNATables.joiningRightOrDual, label[after])
    }

    /// Joining_Type T, which Unicode derives from the general categories Mn, Me and Cf (the joiners aside).
    private static func isTransparent(_ value: UInt32) -> Bool {
        guard value != 0x200C, value != 0x200D, let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    private static func isVirama(_ value: UInt32) -> Bool {
        Unicode.Scalar(value)?.properties.canonicalCombiningClass == .virama
    }

    private static func isMark(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// `U+0301 COMBINING ACUTE ACCENT`, for reasons.
    static func name(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        guard let name = Unicode.Scalar(value)?.properties.name else { return code }
        return code + " " + name
    }
}
