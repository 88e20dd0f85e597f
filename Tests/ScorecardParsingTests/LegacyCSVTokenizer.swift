import CSV
import Foundation
import ScorecardModel
@testable import ScorecardParsing

/// The tokeniser as it was before the byte scanner: yaslab/CSV.swift splits the records and a
/// tracker walks the text beside it for positions and quote problems. Kept verbatim (apart from
/// names) as the oracle of `CSVTokenizerEquivalenceTests`; `.unexpected` marks a disagreement
/// between CSV.swift and the tracker, which the new scanner has no counterpart for.
enum LegacyKind {
    case unclosedQuote
    case textAfterClosingQuote(found: String, at: SourceLocation)
    case unexpected(String)

    var kind: CSVStructuralProblem.Kind? {
        switch self {
        case .unclosedQuote: return .unclosedQuote
        case .textAfterClosingQuote(let found, let at): return .textAfterClosingQuote(found: found, at: at)
        case .unexpected: return nil
        }
    }
}

/// `CSVStructuralProblem` with the legacy kind.
struct LegacyProblem {
    var kind: LegacyKind
    var location: SourceLocation
    var recordIndex: Int
    var fieldIndex: Int
}

struct LegacyTokenizedText {
    var records: [CSVRecord]
    var problem: LegacyProblem?
    var nulCharacters: [CSVNulCharacter]
}

enum LegacyCSVTokenizer {
    static let quote: Unicode.Scalar = "\""
    static let comma: Unicode.Scalar = ","
    static let cr: Unicode.Scalar = "\r"
    static let lf: Unicode.Scalar = "\n"
    static let nul: Unicode.Scalar = "\u{0}"

    static func tokenize(_ text: String, file: String) -> LegacyTokenizedText {
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        var pos = 0, line = 1, column = 1
        var records: [CSVRecord] = []
        var nuls: [CSVNulCharacter] = []

        func advance() {
            let c = scalars[pos]
            pos += 1
            if c == lf || (c == cr && !(pos < n && scalars[pos] == lf)) {
                line += 1; column = 1
            } else {
                column += 1
            }
        }
        func here() -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

        /// Classifies a mismatch inside a quoted field: the quote at `pos` closed the field and
        /// something other than a comma or line break follows it.
        func afterQuote(closingAlreadyConsumed: Bool = false) -> LegacyKind {
            var p = pos, c = column
            if !closingAlreadyConsumed && p < n && scalars[p] == quote { p += 1; c += 1 }
            if p >= n { return LegacyKind.unclosedQuote }
            let found = scalars[p] == cr || scalars[p] == lf ? "a line break" : "'\(Character(scalars[p]))'"
            return LegacyKind.textAfterClosingQuote(found: found, at: SourceLocation(file: file, line: line, column: c))
        }

        guard n > 0, let reader = try? CSVReader(string: text, hasHeaderRow: false, trimFields: false) else {
            return LegacyTokenizedText(records: [], problem: nil, nulCharacters: [])
        }

        var recordIndex = 0
        while let row = reader.next() {
            let startLine = line
            var fields: [CSVField] = []
            for (fieldIndex, value) in row.enumerated() {
                let start = here()
                func fail(_ kind: LegacyKind) -> LegacyTokenizedText {
                    LegacyTokenizedText(records: records,
                                     problem: LegacyProblem(kind: kind, location: start, recordIndex: recordIndex, fieldIndex: fieldIndex),
                                     nulCharacters: nuls)
                }
                func noteNul() {
                    if scalars[pos] == nul {
                        nuls.append(CSVNulCharacter(location: here(), recordIndex: recordIndex, fieldIndex: fieldIndex))
                    }
                }
                let expected = Array(value.unicodeScalars)
                let quoted = pos < n && scalars[pos] == quote
                if quoted {
                    advance()
                    var k = 0
                    while k < expected.count {
                        guard pos < n else { return fail(LegacyKind.unclosedQuote) }
                        if expected[k] == quote {
                            // An escaped quote is written twice inside a quoted field.
                            guard scalars[pos] == quote, pos + 1 < n, scalars[pos + 1] == quote else {
                                return fail(afterQuote())
                            }
                            advance(); advance(); k += 1
                            continue
                        }
                        guard scalars[pos] == expected[k] else { return fail(afterQuote()) }
                        noteNul()
                        advance(); k += 1
                    }
                    guard pos < n else { return fail(LegacyKind.unclosedQuote) }
                    guard scalars[pos] == quote else { return fail(LegacyKind.unexpected("expected a closing quote")) }
                    advance()
                } else {
                    for scalar in expected {
                        guard pos < n, scalars[pos] == scalar else { return fail(LegacyKind.unexpected("field text differs")) }
                        noteNul()
                        advance()
                    }
                }
                // What follows the field: a comma, or the end of the record.
                if fieldIndex < row.count - 1 {
                    guard pos < n, scalars[pos] == comma else {
                        return fail(quoted ? afterQuote(closingAlreadyConsumed: true) : LegacyKind.unexpected("expected a comma"))
                    }
                    advance()
                } else if pos < n {
                    if scalars[pos] == cr {
                        advance()
                        if pos < n && scalars[pos] == lf { advance() }
                    } else if scalars[pos] == lf {
                        advance()
                    } else {
                        return fail(quoted ? afterQuote(closingAlreadyConsumed: true) : LegacyKind.unexpected("expected the end of the line"))
                    }
                }
                var text = value
                if text.unicodeScalars.contains(nul) { text.unicodeScalars.removeAll { $0 == nul } }
                fields.append(CSVField(text: text, location: start, quoted: quoted))
            }
            records.append(CSVRecord(fields: fields, line: startLine))
            recordIndex += 1
        }
        if pos < n {
            return LegacyTokenizedText(records: records,
                                    problem: LegacyProblem(kind: LegacyKind.unexpected("text left after the last record"), location: here(),
                                                                  recordIndex: recordIndex, fieldIndex: 0),
                                    nulCharacters: nuls)
        }
        return LegacyTokenizedText(records: records, problem: nil, nulCharacters: nuls)

    }
}
