import Foundation
import ScorecardModel

/// A column a CSV format knows, with the header spellings it accepts.
struct CSVColumnSpec: Sendable {
    var column: CSVColumn
    /// Other normalised header names for the column.
    var aliases: [String]
    var required: Bool

    init(_ column: CSVColumn, aliases: [String] = [], required: Bool) {
        self.column = column; self.aliases = aliases; self.required = required
    }

    /// Canonical (normalised) name of the column.
    var key: String { column.key }
}

/// The header row of a CSV file, matched against known columns.
///
/// Header names are matched case-insensitively, ignoring spaces, underscores, hyphens and dots, so
/// `Stat Neighbours`, `stat_neighbours` and `STATNEIGHBOURS` are the same column.
struct CSVHeader: Sendable {
    /// The header record.
    var record: CSVRecord
    /// Field index of each known column, by `CSVColumn.rawValue` (nil: not in the file).
    private var fieldIndexes: [Int?]
    /// Field indexes whose header is not a known column, in order.
    var unknown: [Int]

    init(record: CSVRecord, fieldIndexes: [Int?], unknown: [Int]) {
        self.record = record; self.fieldIndexes = fieldIndexes; self.unknown = unknown
    }

    var count: Int { record.fields.count }
    /// The field index of a known column, nil when the file has no such column.
    func fieldIndex(_ column: CSVColumn) -> Int? { fieldIndexes[column.rawValue] }
    /// The header as written for a field index (trimmed).
    func name(at i: Int) -> String { CSVTokenizer.trimmed(record.fields[i].text) }
    /// The header as written for a column, or its canonical key when the file has no such column.
    func name(of column: CSVColumn) -> String { fieldIndex(column).map(name(at:)) ?? column.key }

    static func normalise(_ s: String) -> String {
        String(CSVTokenizer.trimmed(s).lowercased().filter { !" _-.\t\n\r".contains($0) })
    }

    /// Reads the header, reporting duplicate columns (errors) and missing required columns (errors).
    /// Unknown columns are returned in `unknown` for the caller to warn about or use.
    static func read(_ record: CSVRecord, specs: [CSVColumnSpec], file: String, formatName: String,
                     diagnostics: inout Diagnostics) -> CSVHeader {
        var lookup: [String: CSVColumn] = [:]
        for spec in specs {
            lookup[spec.key] = spec.column
            for alias in spec.aliases { lookup[alias] = spec.column }
        }
        var index = [Int?](repeating: nil, count: CSVColumn.allCases.count)
        var unknown: [Int] = []
        var seen: [String: Int] = [:]
        for (i, field) in record.fields.enumerated() {
            let written = CSVTokenizer.trimmed(field.text)
            let normal = normalise(written)
            if !normal.isEmpty, let first = seen[normal] ?? lookup[normal].flatMap({ index[$0.rawValue] }) {
                let firstName = CSVTokenizer.trimmed(record.fields[first].text)
                diagnostics.error("duplicate column '\(written)': column \(first + 1) ('\(firstName)') already holds it; remove or rename one",
                                  at: field.location)
                continue
            }
            if !normal.isEmpty { seen[normal] = i }
            if let column = lookup[normal] {
                index[column.rawValue] = i
            } else {
                unknown.append(i)
            }
        }
        let missing = specs.filter { $0.required && index[$0.column.rawValue] == nil }
        if !missing.isEmpty {
            let required = specs.filter(\.required).map(\.key).joined(separator: ",")
            for spec in missing {
                diagnostics.error("missing required column '\(spec.key)'; the header of \(formatName) must name at least \(required) (any order, any case)",
                                  at: SourceLocation(file: file, line: record.line, column: 1))
            }
        }
        return CSVHeader(record: record, fieldIndexes: index, unknown: unknown)
    }
}

/// One data row of a CSV file, read through its header.
struct CSVRow {
    var record: CSVRecord
    var header: CSVHeader

    func field(_ column: CSVColumn) -> CSVField? {
        guard let i = header.fieldIndex(column), i < record.fields.count else { return nil }
        return record.fields[i]
    }
    /// The trimmed text of a column ("" when the file has no such column).
    func text(_ column: CSVColumn) -> String { field(column).map { CSVTokenizer.trimmed($0.text) } ?? "" }
    /// Where a column's cell starts (the row's first column when the file has no such column).
    func location(_ column: CSVColumn) -> SourceLocation {
        field(column)?.location ?? record.fields.first?.location ?? SourceLocation(file: "", line: record.line, column: 1)
    }
    /// The column's header as written, for messages: "column 'Current'".
    func column(_ column: CSVColumn) -> String { "column '\(header.name(of: column))'" }
    var start: SourceLocation { record.fields.first?.location ?? SourceLocation(file: "", line: record.line, column: 1) }
}

/// Shared steps of the CSV parsers: decoding, tokenising and the structural checks.
enum CSVInput {
    /// Diagnostics in file order (line, then column); diagnostics without a place keep their order first.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let la = (a.element.location?.line ?? 0, a.element.location?.column ?? 0)
            let lb = (b.element.location?.line ?? 0, b.element.location?.column ?? 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    /// Decodes and tokenises `data`; returns nil (with an error added) when the file is empty.
    static func records(_ data: Data, file: String, formatName: String, expectedHeader: String,
                        diagnostics: inout Diagnostics) -> (header: CSVRecord, rows: [CSVRecord], problem: CSVStructuralProblem?, nuls: [CSVNulCharacter])? {
        let decoded = CSVTextDecoder.decode(data, file: file)
        decoded.warnings.forEach { diagnostics.add($0) }
        for (scalar, location) in Noncharacters.locations(in: decoded.value.text, file: file) {
            diagnostics.error(Noncharacters.message(scalar), at: location)
        }
        let cleaned = ControlCharacters.replacingWithSpaces(decoded.value.text, file: file)
        cleaned.warnings.forEach { diagnostics.add($0) }
        let tokens = CSVTokenizer.tokenize(cleaned.text, file: file)
        // Fields over the text limits, each an error at its field (the first 20, then a count).
        var overLimits: [(problem: String, location: SourceLocation)] = []
        for record in tokens.records {
            for field in record.fields {
                if let problem = TextLimits.problem(field.text) { overLimits.append((problem, field.location)) }
            }
        }
        for (problem, location) in overLimits.prefix(TextLimits.maximumReported) { diagnostics.error(problem, at: location) }
        if overLimits.count > TextLimits.maximumReported, let last = overLimits.last {
            diagnostics.error("\(overLimits.count - TextLimits.maximumReported) more field(s) after these are over the same limits; the last one is here",
                              at: last.location)
        }
        var records = tokens.records
        // Leading blank lines before the header are skipped.
        while let first = records.first, first.isBlank { records.removeFirst() }
        guard let header = records.first else {
            if let problem = tokens.problem {
                diagnostics.add(structuralError(problem, columnName: nil))
            } else {
                diagnostics.error("the file is empty: expected a header row naming the columns \(expectedHeader), then one row per \(formatName)",
                                  at: SourceLocation(file: file, line: 1, column: 1))
            }
            return nil
        }
        return (header, Array(records.dropFirst()), tokens.problem, tokens.nulCharacters)
    }

    static func structuralError(_ problem: CSVStructuralProblem, columnName: String?) -> Diagnostic {
        let column = columnName.map { "column '\($0)': " } ?? ""
        switch problem.kind {
        case .unclosedQuote:
            return .error("\(column)unbalanced quote: the quoted field that starts here is never closed, so the rest of the file would be read into it; add the closing \" (a quote inside a quoted field is written twice, \"\")",
                          at: problem.location)
        case .textAfterClosingQuote(let found, let at):
            if at.line != problem.location.line {
                return .error("\(column)unbalanced quote: the quoted field that starts here runs on to line \(at.line), column \(at.column), where a quote is followed by \(found); is its closing quote missing? (a quote inside a quoted field is written twice, \"\")",
                              at: problem.location)
            }
            return .error("\(column)unexpected \(found) after the closing quote of a quoted field; a quoted field must end at its closing quote, and a quote inside it is written twice (\"\")",
                          at: at)
        case .unexpected(let detail):
            return .error("\(column)could not read this CSV record (\(detail))", at: problem.location)
        }
    }

    /// Reports structural problems and NUL characters, naming columns through `header`.
    static func reportTokenProblems(problem: CSVStructuralProblem?, nuls: [CSVNulCharacter], header: CSVRecord,
                                    diagnostics: inout Diagnostics) {
        func name(_ field: Int) -> String? {
            field < header.fields.count ? CSVTokenizer.trimmed(header.fields[field].text) : nil
        }
        for nul in nuls {
            let column = name(nul.fieldIndex).map { "column '\($0)': " } ?? ""
            diagnostics.error("\(column)NUL character (byte 00) in the text; the file is damaged or not a CSV file — re-export it from Excel",
                              at: nul.location)
        }
        if let problem {
            diagnostics.add(structuralError(problem, columnName: problem.recordIndex == 0 ? nil : name(problem.fieldIndex)))
        }
    }

    /// Reports a row whose field count differs from the header's; returns false for such a row.
    static func checkFieldCount(_ record: CSVRecord, header: CSVRecord, diagnostics: inout Diagnostics) -> Bool {
        guard record.fields.count != header.fields.count else { return true }
        let n = record.fields.count, h = header.fields.count
        let at = n > h ? record.fields[h].location : record.fields.last?.location
        diagnostics.error("ragged row: this row has \(n) field\(n == 1 ? "" : "s") but the header (line \(header.line)) has \(h) columns; check for a missing comma, an extra comma or an unquoted comma in a value",
                          at: n > h ? at : SourceLocation(file: at?.file ?? "", line: record.line, column: 1))
        return false
    }
}
