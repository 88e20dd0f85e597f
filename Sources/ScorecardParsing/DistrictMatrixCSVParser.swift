import Foundation
import ScorecardModel

/// Reads a district scorecard (indicators by district) from a CSV file.
///
/// The file is read like an indicator CSV (encodings, quotes, line breaks, value syntax: see
/// `IndicatorCSVParser`). Columns, in any order:
///
/// * Rule columns: `indicator`, `polarity`, `target`, `floor`, `unit` (required) and `ref`,
///   `decimals`, `tolerance` (optional), with the same meaning as in the indicator CSV.
/// * Every other column is an area column, one value per row:
///   - the 12 Kent districts of 2017, matched case-insensitively (`&` for "and" is fine):
///     Ashford, Canterbury, Dartford, Dover, Gravesham, Maidstone, Sevenoaks, Shepway, Swale,
///     Thanet, Tonbridge and Malling, Tunbridge Wells;
///   - `Kent` (the county figure);
///   - team columns: `DCYPS`, or any name written `team: Name`.
///   Any other name is kept as a team column with a warning, which suggests the district meant
///   ("Folkestone & Hythe did not exist in 2017; did you mean Shepway?").
///
/// The matrix's columns are always the 12 districts in order, then team columns in file order,
/// then Kent; a district missing from the file gets blank cells and a warning.
public enum DistrictMatrixCSVParser {
    static let specs: [CSVColumnSpec] = [
        CSVColumnSpec(.ref, aliases: ["reference"], required: false),
        CSVColumnSpec(.indicator, aliases: ["name", "indicatordescription", "description"], required: true),
        CSVColumnSpec(.polarity, aliases: ["pol"], required: true),
        CSVColumnSpec(.target, required: true),
        CSVColumnSpec(.floor, aliases: ["floorstandard"], required: true),
        CSVColumnSpec(.unit, required: true),
        CSVColumnSpec(.decimals, aliases: ["dp", "decimalplaces"], required: false),
        CSVColumnSpec(.tolerance, required: false),
    ]
    /// Team columns recognised without the `team:` prefix.
    public static let knownTeams = ["DCYPS"]

    public static func parse(data: Data, file: String, title: String = DistrictMatrixReference.defaultTitle) throws -> Parsed<DistrictMatrix> {
        var diagnostics = Diagnostics()
        let expected = "ref,indicator,polarity,target,floor,unit,decimals followed by one column per district (Ashford … Tunbridge Wells), team and Kent"
        guard let input = CSVInput.records(data, file: file, formatName: "indicator", expectedHeader: expected,
                                           diagnostics: &diagnostics) else {
            throw InputError(CSVInput.sorted(diagnostics.all))
        }
        let header = CSVHeader.read(input.header, specs: specs, file: file, formatName: "a district CSV",
                                    diagnostics: &diagnostics)
        CSVInput.reportTokenProblems(problem: input.problem, nuls: input.nuls, header: input.header, diagnostics: &diagnostics)

        // Area columns.
        var districtIndex: [KentDistrict: Int] = [:]
        var teams: [(name: String, index: Int)] = []
        var kentIndex: Int?
        for i in header.unknown {
            let written = header.name(at: i)
            let location = header.record.fields[i].location
            if written.isEmpty {
                diagnostics.warning("column \(i + 1) has no header name and is ignored", at: location)
                continue
            }
            if let d = KentDistrict(name: written) {
                if let first = districtIndex[d] {
                    diagnostics.error("duplicate column '\(written)': column \(first + 1) ('\(header.name(at: first))') is already \(d.name)", at: location)
                } else {
                    districtIndex[d] = i
                }
            } else if ["kent", "kent total", "kent county", "kcc", "total"].contains(KentDistrict.normalised(written)) {
                if let first = kentIndex {
                    diagnostics.error("duplicate column '\(written)': column \(first + 1) ('\(header.name(at: first))') is already the Kent column", at: location)
                } else {
                    kentIndex = i
                }
            } else {
                let name: String
                if written.lowercased().hasPrefix("team:") {
                    name = CSVTokenizer.trimmed(String(written.dropFirst(5)))
                } else {
                    name = written
                    if !knownTeams.contains(where: { $0.caseInsensitiveCompare(written) == .orderedSame }) {
                        diagnostics.warning(unknownAreaMessage(written), at: location)
                    }
                }
                if let first = teams.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
                    diagnostics.error("duplicate column '\(written)': column \(first.index + 1) is already the team '\(first.name)'", at: location)
                } else {
                    teams.append((name, i))
                }
            }
        }
        let missing = KentDistrict.allCases.filter { districtIndex[$0] == nil }
        if !missing.isEmpty {
            diagnostics.warning("no column for \(missing.map(\.name).joined(separator: ", ")); \(missing.count == 1 ? "its" : "their") cells are left blank",
                                at: SourceLocation(file: file, line: header.record.line, column: 1))
        }
        if kentIndex == nil {
            diagnostics.warning("no Kent column; the matrix is printed without the county figure",
                                at: SourceLocation(file: file, line: header.record.line, column: 1))
        }

        var columns: [DistrictColumn] = KentDistrict.allCases.map { .district($0) }
        var sourceIndex: [Int?] = KentDistrict.allCases.map { districtIndex[$0] }
        for team in teams { columns.append(.team(team.name)); sourceIndex.append(team.index) }
        if let kentIndex { columns.append(.kent); sourceIndex.append(kentIndex) }

        let dataRows = input.rows.filter { !$0.isBlank }
        if dataRows.isEmpty && input.problem == nil {
            diagnostics.error("the file has a header but no indicator rows; add one row per indicator below the header",
                              at: SourceLocation(file: file, line: input.header.line + 1, column: 1))
        }
        guard specs.allSatisfy({ !$0.required || header.fieldIndex($0.column) != nil }) else {
            throw InputError(CSVInput.sorted(diagnostics.all))
        }

        var rows: [DistrictMatrixRow] = []
        for record in dataRows {
            guard CSVInput.checkFieldCount(record, header: header.record, diagnostics: &diagnostics) else { continue }
            let row = CSVRow(record: record, header: header)
            let countBefore = diagnostics.all.count
            let name = IndicatorCSVParser.normaliseLineBreaks(row.text(.indicator))
            if name.isEmpty {
                diagnostics.error("\(row.column(.indicator)): expected the indicator's description; the cell is empty", at: row.location(.indicator))
            }
            let rule = IndicatorRuleReader.read(row, diagnostics: &diagnostics)
            var cells: [ValueTextParser.Cell] = []
            for index in sourceIndex {
                guard let index else { cells.append(.blank); continue }
                let field = record.fields[index]
                let text = CSVTokenizer.trimmed(field.text)
                if let cell = ValueTextParser.cell(text) {
                    cells.append(cell)
                } else {
                    diagnostics.error("column '\(header.name(at: index))': expected \(ValueTextParser.expectedValue); found '\(text)'",
                                      at: field.location)
                    cells.append(.blank)
                }
            }
            let anyPercent = cells.contains { $0.number?.hadPercentSign == true }
            let unit = rule.unit ?? (anyPercent ? .percent : .number)
            let written = cells.compactMap { $0.number?.fractionDigits }.max() ?? 0
            let decimals = IndicatorRuleReader.decimals(row, diagnostics: &diagnostics)
                ?? min(max(written, rule.writtenDecimals), ValueFormat.maximumDecimals)
            guard !diagnostics.all[countBefore...].contains(where: { $0.severity == .error }) else { continue }
            rows.append(DistrictMatrixRow(ref: row.text(.ref), name: name, polarity: rule.polarity, target: rule.target,
                                          floor: rule.floor, tolerance: rule.tolerance,
                                          format: ValueFormat(unit: unit, decimals: decimals),
                                          cells: cells.map(\.value), location: row.start))
        }
        if diagnostics.hasErrors { throw InputError(CSVInput.sorted(diagnostics.all)) }
        return Parsed(DistrictMatrix(title: title, columns: columns, rows: rows), warnings: CSVInput.sorted(diagnostics.warnings))
    }

    /// The warning for an area column that is not a 2017 Kent district, Kent or a known team.
    static func unknownAreaMessage(_ written: String) -> String {
        let key = KentDistrict.normalised(written)
        let tail = ". It is kept as a team column (write 'team: \(written)' to declare a team and silence this warning)"
        if key.hasPrefix("folkestone") || key == "hythe" {
            return "'\(written)' did not exist in 2017 (Shepway was renamed Folkestone & Hythe in April 2018); did you mean Shepway?\(tail)"
        }
        if key == "medway" {
            return "'Medway' is a separate unitary authority, not a Kent County Council district, and never appears in KCC scorecards\(tail)"
        }
        if let guess = closestDistrict(to: key) {
            return "unknown district '\(written)'; did you mean \(guess.name)?\(tail)"
        }
        return "unknown district '\(written)': not one of the 12 Kent districts of 2017 (\(KentDistrict.allCases.map(\.name).joined(separator: ", "))), Kent or a known team (\(knownTeams.joined(separator: ", ")))\(tail)"
    }

    static func closestDistrict(to key: String) -> KentDistrict? {
        var best: (KentDistrict, Int)?
        for d in KentDistrict.allCases {
            let name = KentDistrict.normalised(d.rawValue)
            let distance = (name.hasPrefix(key) && key.count >= 4) || (key.hasPrefix(name)) ? 0 : editDistance(key, name)
            if distance <= max(2, name.count / 4), best == nil || distance < best!.1 { best = (d, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
