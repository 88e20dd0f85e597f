import Foundation
import ScorecardModel

/// Reads a scorecard's indicator table from a CSV file as Excel writes it.
///
/// ## File
/// UTF-8 with or without a byte-order mark, or Windows-1252 (Excel's "CSV (Comma delimited)"; read
/// with a warning). Line breaks LF, CRLF or CR. Fields may be quoted, holding commas, quotes (`""`)
/// and line breaks. The first non-blank record is the header; blank rows (`,,,,`) are skipped.
///
/// ## Columns
/// Named in the header in any order; names are case-insensitive and ignore spaces, `_`, `-` and `.`.
///
/// Required: `section, ref, indicator, polarity, period, previous, current, target, floor, england,
/// unit, rag, dot, note`.
///
/// | column | holds |
/// |---|---|
/// | `section` | section heading; blank = same section as the row above |
/// | `ref` | short code such as `EY01` (may be blank) |
/// | `indicator` | the description (alias `name`) |
/// | `polarity` | `H`, `L` or `T`; blank for an activity indicator (never rated) |
/// | `period` | `R12M`, `MS`, `YTD`, `Q`, `A` (other codes are kept, with a warning) |
/// | `previous`, `current` | values (below) |
/// | `target` | number, or blank for no target (no rating) |
/// | `floor` | H/L: the floor standard as a number; T: the outer tolerance written `±5` |
/// | `england` | comparator value |
/// | `unit` | `%`, `no.`, `days`, `rate`, `score`, `ppt` (blank: `%` if a value has a `%`, else `no.`) |
/// | `rag` | `R`/`A`/`G` or `RED`/`AMBER`/`GREEN`; blank = computed |
/// | `dot` | `improved`, `worsened`, `same`; blank = computed |
/// | `note` | free text, e.g. provenance (not printed by default) |
///
/// Optional: `southeast` (alias `se`), `statneighbours` (aliases `sn`, `statisticalneighbours`),
/// `source` (data-source scorecard code), `decimals` (0–6; blank = the most decimal places written
/// in the row's previous, current, target, floor and tolerance), `tolerance` (T only: the GREEN band,
/// `±2`; blank = GREEN only exactly on target), `prevyear` (which values belong to the previous
/// reporting year and print in italics: `yes`/`current`, `previous`, `both`, or `no`/blank),
/// `asat` (what the current value is as at, e.g. `Apr-17`), `prevasat` (the same for previous).
/// Other columns are ignored with a warning.
///
/// ## Values
/// Numbers may carry a `%` suffix, comma thousands separators (`18,950`) and a leading `-`, `+` or
/// U+2212 minus sign; surrounding spaces are trimmed silently. `N/A` (any case) = not available.
/// `TBS` (any case, or the words "to be supplied") = data to be supplied (a shaded cell).
/// Blank or a lone dash = nothing.
///
/// ## Ratings
/// See `RatingRule` and `DirectionOfTravelRule`. A supplied `rag` or `dot` that differs from the
/// computed one is kept (published scorecards are authoritative) and reported as a warning.
///
/// Every error and warning names `file:line:column` and the CSV column; all errors of the file are
/// collected and thrown together as one `InputError`.
public enum IndicatorCSVParser {
    /// The most indicator rows one scorecard accepts (about 500 landscape pages).
    public static let maximumRows = 10_000
    static let specs: [CSVColumnSpec] = [
        CSVColumnSpec(.section, required: true),
        CSVColumnSpec(.ref, aliases: ["reference"], required: true),
        CSVColumnSpec(.indicator, aliases: ["name", "indicatordescription", "description"], required: true),
        CSVColumnSpec(.polarity, aliases: ["pol"], required: true),
        CSVColumnSpec(.period, aliases: ["dataperiod"], required: true),
        CSVColumnSpec(.previous, aliases: ["prev"], required: true),
        CSVColumnSpec(.current, aliases: ["curr"], required: true),
        CSVColumnSpec(.target, required: true),
        CSVColumnSpec(.floor, aliases: ["floorstandard"], required: true),
        CSVColumnSpec(.england, required: true),
        CSVColumnSpec(.unit, required: true),
        CSVColumnSpec(.rag, required: true),
        CSVColumnSpec(.dot, aliases: ["directionoftravel"], required: true),
        CSVColumnSpec(.note, aliases: ["notes"], required: true),
        CSVColumnSpec(.southeast, aliases: ["se"], required: false),
        CSVColumnSpec(.statneighbours, aliases: ["sn", "statisticalneighbours", "statneighbors"], required: false),
        CSVColumnSpec(.source, aliases: ["sourcecode", "datasource"], required: false),
        CSVColumnSpec(.decimals, aliases: ["dp", "decimalplaces"], required: false),
        CSVColumnSpec(.tolerance, required: false),
        CSVColumnSpec(.prevyear, aliases: ["previousyear", "previousreportingyear"], required: false),
        CSVColumnSpec(.asat, aliases: ["currentasat"], required: false),
        CSVColumnSpec(.prevasat, aliases: ["previousasat"], required: false),
    ]

    public static let requiredColumns = specs.filter(\.required).map(\.key)
    public static let optionalColumns = specs.filter { !$0.required }.map(\.key)

    /// Parses the bytes of an indicator CSV; `file` names it in diagnostics.
    /// - Throws: `InputError` with every error (and the warnings found so far).
    /// From this many rows (about 70 KB of CSV), the rows are read on two threads.
    static let rowsWorthSharing = 300

    public static func parse(data: Data, file: String) throws -> Parsed<[Indicator]> {
        try parse(data: data, file: file, workers: nil)
    }

    /// `parse`, with the rows read by `workers` threads (nil: two from `rowsWorthSharing` rows on);
    /// the result is the same for any number (tests compare them).
    static func parse(data: Data, file: String, workers requested: Int?) throws -> Parsed<[Indicator]> {
        var diagnostics = Diagnostics()
        let expected = requiredColumns.joined(separator: ",")
        guard let input = CSVInput.records(data, file: file, formatName: "indicator", expectedHeader: expected,
                                           diagnostics: &diagnostics) else {
            throw InputError(CSVInput.sorted(diagnostics.all))
        }
        let header = CSVHeader.read(input.header, specs: specs, file: file, formatName: "an indicator CSV",
                                    diagnostics: &diagnostics)
        CSVInput.reportTokenProblems(problem: input.problem, nuls: input.nuls, header: input.header, diagnostics: &diagnostics)
        let dataRows = input.rows.filter { !$0.isBlank }
        for i in header.unknown {
            let name = header.name(at: i)
            if name.isEmpty {
                if dataRows.contains(where: { i < $0.fields.count && !CSVTokenizer.trimmed($0.fields[i].text).isEmpty }) {
                    diagnostics.warning("column \(i + 1) has no header name and is ignored, but some rows have values in it",
                                        at: header.record.fields[i].location)
                }
                continue
            }
            diagnostics.warning("unknown column '\(name)' is ignored; known columns are \(requiredColumns.joined(separator: ", ")) and optionally \(optionalColumns.joined(separator: ", "))",
                                at: header.record.fields[i].location)
        }
        if dataRows.isEmpty && input.problem == nil {
            let line = (input.rows.last?.line ?? input.header.line) + 1
            diagnostics.error("the file has a header but no indicator rows; add one row per indicator below the header",
                              at: SourceLocation(file: file, line: max(line, input.header.line + 1), column: 1))
        }
        // Without every required column the rows cannot be read meaningfully.
        guard specs.allSatisfy({ !$0.required || header.fieldIndex($0.column) != nil }) else {
            throw InputError(CSVInput.sorted(diagnostics.all))
        }
        // Far beyond any real scorecard: stop with a clear error rather than minutes of work.
        if dataRows.count > maximumRows {
            let first = dataRows[maximumRows]
            diagnostics.error("the table has \(dataRows.count) indicator rows; a scorecard holds at most \(maximumRows) "
                              + "(real ones have under 100); split the file into several scorecards",
                              at: SourceLocation(file: file, line: first.line, column: 1))
            throw InputError(CSVInput.sorted(diagnostics.all))
        }

        // The section each row continues is known from the rows above (a blank section carries the
        // last one on), so the rows can then be read on two threads; what each finds is added in
        // row order, as if they had been read one after another.
        var sectionAbove: [String?] = []
        var countProblems: [Diagnostics?] = []
        sectionAbove.reserveCapacity(dataRows.count)
        countProblems.reserveCapacity(dataRows.count)
        var carried: String?
        for record in dataRows {
            var problems = Diagnostics()
            let complete = CSVInput.checkFieldCount(record, header: header.record, diagnostics: &problems)
            sectionAbove.append(carried)
            countProblems.append(complete ? nil : problems)
            if complete {
                let section = CSVRow(record: record, header: header).text(.section)
                if !section.isEmpty { carried = section }
            }
        }
        let workers = requested ?? (dataRows.count >= rowsWorthSharing ? 2 : 1)
        let read = SharedWork.map(Array(dataRows.indices), workers: workers, chunkSize: 64) { _, k -> (Indicator?, Diagnostics) in
            var found = Diagnostics()
            guard countProblems[k] == nil else { return (nil, found) }
            var currentSection = sectionAbove[k]
            let indicator = readIndicator(CSVRow(record: dataRows[k], header: header), currentSection: &currentSection, diagnostics: &found)
            return (indicator, found)
        }

        var indicators: [Indicator] = []
        var sectionFirstLine: [String: Int] = [:]
        var refLines: [String: Int] = [:]
        for (k, record) in dataRows.enumerated() {
            if let problems = countProblems[k] {
                diagnostics.append(contentsOf: problems)
                continue
            }
            let row = CSVRow(record: record, header: header)
            diagnostics.append(contentsOf: read[k].1)
            if let indicator = read[k].0 {
                // A row continuing the section of the row above needs no look-up: that section is known.
                if indicators.last?.section != indicator.section {
                    if let first = sectionFirstLine[indicator.section] {
                        diagnostics.warning("\(row.column(.section)): section '\(indicator.section)' already appeared at line \(first); this row is printed with the earlier rows of that section",
                                            at: row.location(.section))
                    } else {
                        sectionFirstLine[indicator.section] = record.line
                    }
                }
                if !indicator.ref.isEmpty {
                    if let line = refLines[indicator.ref] {
                        diagnostics.warning("\(row.column(.ref)): ref '\(indicator.ref)' is also used at line \(line)", at: row.location(.ref))
                    } else {
                        refLines[indicator.ref] = record.line
                    }
                }
                indicators.append(indicator)
            }
        }
        if diagnostics.hasErrors { throw InputError(CSVInput.sorted(diagnostics.all)) }
        return Parsed(indicators, warnings: CSVInput.sorted(diagnostics.warnings))
    }

    /// Reads one row; nil when it has errors that make it unusable.
    static func readIndicator(_ row: CSVRow, currentSection: inout String?, diagnostics: inout Diagnostics) -> Indicator? {
        let countBefore = diagnostics.all.count

        var section = row.text(.section)
        if section.isEmpty {
            if let current = currentSection {
                section = current
            } else {
                diagnostics.error("\(row.column(.section)): the first indicator row needs a section name (later rows may leave it blank to continue the same section)",
                                  at: row.location(.section))
            }
        } else {
            currentSection = section
        }

        let ref = row.text(.ref)
        let name = normaliseLineBreaks(row.text(.indicator))
        if name.isEmpty {
            diagnostics.error("\(row.column(.indicator)): expected the indicator's description; the cell is empty", at: row.location(.indicator))
        }

        let rule = IndicatorRuleReader.read(row, diagnostics: &diagnostics)

        var period: DataPeriod?
        let periodText = row.text(.period)
        if !periodText.isEmpty {
            let p = DataPeriod(code: periodText)
            if !p.isStandard {
                diagnostics.warning("\(row.column(.period)): '\(periodText)' is not one of the data-period codes \(DataPeriod.standard.map(\.code).joined(separator: ", ")); it is printed as written — explain it in the data-period key of the metadata file",
                                    at: row.location(.period))
            }
            period = p
        }

        let previous = IndicatorRuleReader.value(row, .previous, diagnostics: &diagnostics)
        let current = IndicatorRuleReader.value(row, .current, diagnostics: &diagnostics)
        let england = IndicatorRuleReader.value(row, .england, diagnostics: &diagnostics)
        let southEast = IndicatorRuleReader.value(row, .southeast, diagnostics: &diagnostics)
        let statNeighbours = IndicatorRuleReader.value(row, .statneighbours, diagnostics: &diagnostics)

        let valueCells: [(CSVColumn, ValueTextParser.Cell)] = [
            (.previous, previous), (.current, current), (.england, england),
            (.southeast, southEast), (.statneighbours, statNeighbours),
        ]
        let anyPercent = valueCells.contains { $0.1.number?.hadPercentSign == true }
        let unit = rule.unit ?? (anyPercent ? .percent : .number)
        if rule.unit != nil && unit != .percent {
            for (key, cell) in valueCells where cell.number?.hadPercentSign == true {
                diagnostics.warning("\(row.column(key)): the value has a % sign but the unit is '\(row.text(.unit))'; the % is dropped",
                                    at: row.location(key))
            }
        }

        let explicitDecimals = IndicatorRuleReader.decimals(row, diagnostics: &diagnostics)
        let written = [previous, current].compactMap { $0.number?.fractionDigits }.max() ?? 0
        let decimals = explicitDecimals ?? min(max(written, rule.writtenDecimals), ValueFormat.maximumDecimals)

        var rag: RAGRating?
        let ragText = row.text(.rag)
        if !ragText.isEmpty {
            rag = RAGRating(text: ragText)
            if rag == nil {
                diagnostics.error("\(row.column(.rag)): expected R, A or G (or RED, AMBER, GREEN), or nothing to have it computed; found '\(ragText)'",
                                  at: row.location(.rag))
            }
        }
        var dot: DirectionOfTravel?
        let dotText = row.text(.dot)
        if !dotText.isEmpty {
            dot = DirectionOfTravel(text: dotText)
            if dot == nil {
                diagnostics.error("\(row.column(.dot)): expected improved, worsened or same, or nothing to have it computed; found '\(dotText)'",
                                  at: row.location(.dot))
            }
        }

        var previousYear = (previous: false, current: false)
        let flagText = row.text(.prevyear).lowercased()
        switch flagText {
        case "", "no", "n", "false", "0", "-": break
        case "yes", "y", "true", "1", "current", "curr", "c": previousYear.current = true
        case "previous", "prev", "p": previousYear.previous = true
        case "both", "b": previousYear = (true, true)
        default:
            diagnostics.error("\(row.column(.prevyear)): expected yes (the current value belongs to the previous reporting year and prints in italics), previous, both, or no/nothing; found '\(row.text(.prevyear))'",
                              at: row.location(.prevyear))
        }

        if row.text(.current).isEmpty && !name.isEmpty {
            diagnostics.warning("\(row.column(.current)): the current value is empty; write N/A if it is not available or TBS if it is still to be supplied",
                                at: row.location(.current))
        }

        guard !diagnostics.all[countBefore...].contains(where: { $0.severity == .error }) else { return nil }

        func optional(_ s: String) -> String? { s.isEmpty ? nil : s }
        let indicator = Indicator(
            section: section, ref: ref, name: name, polarity: rule.polarity, period: period,
            format: ValueFormat(unit: unit, decimals: decimals),
            previous: ReportedValue(previous.value, isPreviousReportingYear: previousYear.previous, asAt: optional(row.text(.prevasat))),
            current: ReportedValue(current.value, isPreviousReportingYear: previousYear.current, asAt: optional(row.text(.asat))),
            target: rule.target, floor: rule.floor, tolerance: rule.tolerance,
            comparators: Comparators(england: england.value, southEast: southEast.value, statisticalNeighbours: statNeighbours.value),
            source: optional(row.text(.source)), note: normaliseLineBreaks(row.text(.note)),
            suppliedRAG: rag, suppliedDirectionOfTravel: dot, location: row.start)

        if let rag, let computed = indicator.computedRAG, computed != rag {
            diagnostics.warning("\(row.column(.rag)): the supplied rating \(rag.word) differs from the computed \(computed.word) (\(ratingExplanation(indicator))); the supplied rating is kept",
                                at: row.location(.rag))
        }
        if let dot, let computed = indicator.computedDirectionOfTravel, computed != dot {
            diagnostics.warning("\(row.column(.dot)): the supplied direction of travel '\(dot.rawValue)' differs from the computed '\(computed.rawValue)' (previous \(indicator.formatted(indicator.previous.value)), current \(indicator.formatted(indicator.current.value)), polarity \(indicator.polarity?.code ?? "")); the supplied value is kept",
                                at: row.location(.dot))
        }
        return indicator
    }

    static func ratingExplanation(_ i: Indicator) -> String {
        var parts = ["polarity \(i.polarity?.code ?? "")", "current \(i.formatted(i.current.value))", "target \(i.formattedTarget)"]
        if i.floor != nil { parts.append("floor \(i.formattedFloor)") }
        if i.tolerance != nil { parts.append("tolerance \(i.formattedTolerance)") }
        return parts.joined(separator: ", ")
    }

    static func normaliseLineBreaks(_ s: String) -> String {
        // No CR (the usual cell): nothing to do, and no Foundation call.
        let hasCR = s.utf8.withContiguousStorageIfAvailable { $0.contains(13) } ?? s.utf8.contains(13)
        guard hasCR else { return s }
        return s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
