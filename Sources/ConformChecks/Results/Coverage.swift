import ConformFindings
import ConformSpec

/// Which documented responses the traffic exercised: every (operation, response key, media type) triple the
/// description documents, with how many exchanges hit it and how they fared.
///
/// A response that documents no content is one triple with no media type. An exchange counts towards the triple
/// its response matched; a response whose status or content type is not documented counts as `undocumented`
/// on its operation's row instead, so nothing seen is dropped from the matrix.
public struct Coverage: Sendable {
    /// How the exchanges of one cell fared.
    public struct Tally: Sendable, Hashable {
        public var exchanges = 0
        public var passed = 0
        public var failed = 0
        /// Exchanges whose body could not be checked (a `not-validated` note): seen, but not proven.
        public var notValidated = 0

        public init() {}

        public var state: CellState {
            if exchanges == 0 { return .neverSeen }
            if failed > 0 { return .failed }
            if notValidated > 0 { return .exercised }
            return .passed
        }

        mutating func add(_ result: ExchangeResult) {
            exchanges += 1
            if result.passed { passed += 1 } else { failed += 1 }
            if result.findings.indices.contains(where: { result.findings[$0].rule == .notValidated }) { notValidated += 1 }
        }
    }

    /// The state a cell is drawn in.
    public enum CellState: String, Sendable, CaseIterable {
        /// Every exchange passed and every body was checked.
        case passed
        /// At least one exchange failed.
        case failed
        /// Seen and nothing failed, but some body could not be checked against a schema.
        case exercised
        case neverSeen = "never-seen"
    }

    /// One documented triple.
    public struct Cell: Sendable {
        public var key: ResponseKey
        /// nil for a response that documents no content.
        public var mediaType: String?
        public var tally: Tally
        /// Where the response is documented.
        public var origin: SpecPointer
    }

    /// Responses seen on an operation that match no documented triple.
    public struct Undocumented: Sendable {
        /// `404`, or `200 text/html`: the status and, when the status was documented, the media type seen.
        public var label: String
        public var tally: Tally
    }

    /// One operation's row of the matrix.
    public struct Row: Sendable {
        public var operation: OperationKey
        public var operationID: String?
        public var cells: [Cell]
        public var undocumented: [Undocumented]
        /// Exchanges routed to the operation, whatever their response.
        public var tally: Tally
    }

    /// A `not-validated` note, counted over the exchanges that raised it.
    public struct NotValidated: Sendable {
        public var operation: OperationKey?
        public var message: String
        public var count: Int
    }

    public private(set) var rows: [Row]
    /// Exchanges that no operation matched (unknown path or method).
    public private(set) var unrouted = Tally()
    public private(set) var notValidated: [NotValidated] = []
    private let rowIndex: [OperationKey: Int]
    private var noteIndex: [NoteKey: Int] = [:]

    private struct NoteKey: Hashable {
        var operation: OperationKey?
        var message: String
    }

    /// Every response key any operation documents, in status order: the matrix's columns.
    public var columns: [ResponseKey] {
        Set(rows.flatMap { $0.cells.map(\.key) }).sorted()
    }

    public var documentedCount: Int { rows.reduce(0) { $0 + $1.cells.count } }
    public var seenCount: Int { rows.reduce(0) { $0 + $1.cells.filter { $0.tally.exchanges > 0 }.count } }

    /// Share of documented triples seen at least once, 0–100; 100 when nothing is documented.
    public var percent: Double {
        documentedCount == 0 ? 100 : Double(seenCount) * 100 / Double(documentedCount)
    }

    public var operationsSeen: Int { rows.filter { $0.tally.exchanges > 0 }.count }

    /// Documented triples no exchange reached, row by row.
    public var neverSeen: [(operation: OperationKey, cell: Cell)] {
        rows.flatMap { row in row.cells.filter { $0.tally.exchanges == 0 }.map { (row.operation, $0) } }
    }
}

extension Coverage {
    /// The matrix of a description before any exchange: every documented triple, never seen.
    public init(document: OpenAPIDocument) {
        rows = document.operations.map { operation in
            Row(
                operation: operation.key, operationID: operation.operationID,
                cells: operation.responses.flatMap { response in
                    response.content.isEmpty
                        ? [Cell(key: response.key, mediaType: nil, tally: Tally(), origin: response.origin)]
                        : response.content.map { Cell(key: response.key, mediaType: $0.name, tally: Tally(), origin: $0.origin) }
                },
                undocumented: [], tally: Tally())
        }
        rowIndex = Dictionary(rows.enumerated().map { ($1.operation, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The matrix for a description and the results of checking traffic against it.
    public init<Results: Sequence<ExchangeResult>>(document: OpenAPIDocument, results: Results) {
        self.init(document: document)
        for result in results { add(result) }
    }

    /// Counts one more exchange: on the cell its response matched, on its operation's undocumented responses, or
    /// as routed nowhere; and its `not-validated` notes.
    public mutating func add(_ result: ExchangeResult) {
        // By index: every result comes through here, and a copy of a finding retains each of its strings.
        for position in result.findings.indices where result.findings[position].rule == .notValidated {
            let finding = result.findings[position]
            let key = NoteKey(operation: finding.operation, message: finding.message)
            if let index = noteIndex[key] {
                notValidated[index].count += 1
            } else {
                noteIndex[key] = notValidated.count
                notValidated.append(NotValidated(operation: finding.operation, message: finding.message, count: 1))
            }
        }
        guard let operation = result.operation, let index = rowIndex[operation] else {
            unrouted.add(result)
            return
        }
        rows[index].tally.add(result)
        guard result.status != nil else { return }
        Self.place(result, in: &rows[index])
    }

    /// Adds an exchange with a response to the cell it matched, or to the row's undocumented responses.
    private static func place(_ result: ExchangeResult, in row: inout Row) {
        if let key = result.responseKey,
            let cell = row.cells.firstIndex(where: { $0.key == key && $0.mediaType == result.mediaType })
        {
            row.cells[cell].tally.add(result)
            return
        }
        let status = result.status.map(String.init) ?? "no response"
        let label = result.responseKey == nil ? status : "\(status) " + (result.mediaType ?? "without a documented media type")
        if let existing = row.undocumented.firstIndex(where: { $0.label == label }) {
            row.undocumented[existing].tally.add(result)
        } else {
            var tally = Tally()
            tally.add(result)
            row.undocumented.append(Undocumented(label: label, tally: tally))
        }
    }
}
