import CSV
import Dispatch
import Foundation
import ScorecardModel

/// One field of a CSV record, with the place its first character (the opening quote, if quoted) sits.
public struct CSVField: Hashable, Sendable {
    public var text: String
    public var location: SourceLocation
    public var quoted: Bool
}

/// One CSV record (which may span several physical lines when a quoted field holds line breaks).
public struct CSVRecord: Hashable, Sendable {
    public var fields: [CSVField]
    /// Physical line the record starts on.
    public var line: Int

    /// True when every field is empty after trimming, such as a blank line or Excel's `,,,,` row.
    public var isBlank: Bool { fields.allSatisfy { CSVTokenizer.trimmed($0.text).isEmpty } }
}

/// A structural problem that stops tokenising: nothing after it can be trusted.
public struct CSVStructuralProblem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A quoted field whose closing quote never comes.
        case unclosedQuote
        /// A closing quote followed by something other than a comma or the end of the line.
        case textAfterClosingQuote(found: String, at: SourceLocation)
        /// The tokeniser and the position tracker disagree (should not happen).
        case unexpected(String)
    }
    public var kind: Kind
    /// Where the offending quoted field starts (its opening quote).
    public var location: SourceLocation
    /// Index of the record (0 = header) and of the field within it.
    public var recordIndex: Int
    public var fieldIndex: Int
}

/// A NUL character found in the text.
public struct CSVNulCharacter: Hashable, Sendable {
    public var location: SourceLocation
    public var recordIndex: Int
    public var fieldIndex: Int
}

/// The records of a CSV text, with positions.
public struct CSVTokenizedText: Sendable {
    public var records: [CSVRecord]
    public var problem: CSVStructuralProblem?
    public var nulCharacters: [CSVNulCharacter]
}

/// Splits CSV text into records and fields with yaslab/CSV.swift, and tracks the physical line and
/// column of every field itself (CSV.swift does not report positions).
///
/// The tracker walks the original text alongside each field CSV.swift returns, so it also catches
/// what CSV.swift silently accepts: a quoted field that is never closed (it runs to the end of the
/// file) and text after a closing quote (`"a"b`). Line breaks are LF, CRLF or a lone CR; columns count
/// Unicode scalars from 1. NUL characters are reported and removed from field text.
public enum CSVTokenizer {
    static let quote: Unicode.Scalar = "\""
    static let comma: Unicode.Scalar = ","
    static let cr: Unicode.Scalar = "\r"
    static let lf: Unicode.Scalar = "\n"
    static let nul: Unicode.Scalar = "\u{0}"

    /// Trims spaces, tabs and no-break spaces, which Excel users add by accident.
    public static func trimmed(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              trimmable.contains(first) || trimmable.contains(last) else { return s }
        return s.trimmingCharacters(in: trimmable)
    }
    static let trimmable = CharacterSet(charactersIn: " \t\u{00A0}\u{2007}\u{202F}")

    /// Texts longer than this (in Unicode scalars) are tokenised as two halves at once: from about
    /// 150 indicators (the 71 KB CSV of 400 indicators renders 2–3% faster halved, in 60 paired
    /// runs; below some 30 KB the second thread's start costs what it saves).
    public static let halvingThreshold = 30_000

    /// Splits `text` into records and fields (see the type's notes). A long text is cut at a line
    /// break outside quotes near its middle and the halves are tokenised on two threads; the result
    /// is the same as tokenising it whole (when a half finds a problem, the whole text is tokenised
    /// again, so problems are reported exactly as before). `halvingThreshold` is for tests.
    public static func tokenize(_ text: String, file: String, halvingThreshold: Int = CSVTokenizer.halvingThreshold) -> CSVTokenizedText {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > halvingThreshold, let cut = recordBoundary(near: scalars.count / 2, in: scalars) else {
            return tokenize(scalars, text: text, file: file)
        }
        let halves = [Array(scalars[..<cut.offset]), Array(scalars[cut.offset...])]
        // The halves' text as slices of `text` (building strings scalar by scalar costs more than
        // tokenising them).
        let middle = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: cut.offset)
        let texts = [String(text.unicodeScalars[..<middle]), String(text.unicodeScalars[middle...])]
        var results = [CSVTokenizedText?](repeating: nil, count: 2)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                slots[k] = tokenize(halves[k], text: texts[k], file: file, firstLine: k == 0 ? 1 : cut.line)
            }
        }
        guard let first = results[0], let second = results[1], first.problem == nil, second.problem == nil else {
            return tokenize(scalars, text: text, file: file)
        }
        let offset = first.records.count
        return CSVTokenizedText(records: first.records + second.records, problem: nil,
                                nulCharacters: first.nulCharacters + second.nulCharacters.map {
                                    var nul = $0
                                    nul.recordIndex += offset
                                    return nul
                                })
    }

    /// The first record start at or after `middle`: just after a line break outside quotes (quotes
    /// counted from the start of the text; an escaped quote counts twice), with the physical line it
    /// begins. Nil when there is none.
    static func recordBoundary(near middle: Int, in scalars: [Unicode.Scalar]) -> (offset: Int, line: Int)? {
        var inQuotes = false
        var line = 1
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == quote {
                inQuotes.toggle()
            } else if c == lf || c == cr {
                if c == cr, i + 1 < scalars.count, scalars[i + 1] == lf { i += 1 }
                line += 1
                if !inQuotes, i + 1 >= middle, i + 1 < scalars.count { return (i + 1, line) }
            }
            i += 1
        }
        return nil
    }

    /// Tokenises `text`, whose Unicode scalars are `scalars` and whose first character is on physical
    /// line `firstLine` (column 1).
    static func tokenize(_ scalars: [Unicode.Scalar], text string: String, file: String, firstLine: Int = 1) -> CSVTokenizedText {
        let n = scalars.count
        var pos = 0, line = firstLine, column = 1
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
        func afterQuote(closingAlreadyConsumed: Bool = false) -> CSVStructuralProblem.Kind {
            var p = pos, c = column
            if !closingAlreadyConsumed && p < n && scalars[p] == quote { p += 1; c += 1 }
            if p >= n { return .unclosedQuote }
            let found = scalars[p] == cr || scalars[p] == lf ? "a line break" : "'\(Character(scalars[p]))'"
            return .textAfterClosingQuote(found: found, at: SourceLocation(file: file, line: line, column: c))
        }

        guard n > 0, let reader = try? CSVReader(string: string, hasHeaderRow: false, trimFields: false) else {
            return CSVTokenizedText(records: [], problem: nil, nulCharacters: [])
        }

        var recordIndex = 0
        while let row = reader.next() {
            let startLine = line
            var fields: [CSVField] = []
            for (fieldIndex, value) in row.enumerated() {
                let start = here()
                func fail(_ kind: CSVStructuralProblem.Kind) -> CSVTokenizedText {
                    CSVTokenizedText(records: records,
                                     problem: CSVStructuralProblem(kind: kind, location: start, recordIndex: recordIndex, fieldIndex: fieldIndex),
                                     nulCharacters: nuls)
                }
                var hasNul = false
                func noteNul() {
                    if scalars[pos] == nul {
                        hasNul = true
                        nuls.append(CSVNulCharacter(location: here(), recordIndex: recordIndex, fieldIndex: fieldIndex))
                    }
                }
                // The field's text is walked in place (no array of its scalars per field).
                let quoted = pos < n && scalars[pos] == quote
                if quoted {
                    advance()
                    for scalar in value.unicodeScalars {
                        guard pos < n else { return fail(.unclosedQuote) }
                        if scalar == quote {
                            // An escaped quote is written twice inside a quoted field.
                            guard scalars[pos] == quote, pos + 1 < n, scalars[pos + 1] == quote else {
                                return fail(afterQuote())
                            }
                            advance(); advance()
                            continue
                        }
                        guard scalars[pos] == scalar else { return fail(afterQuote()) }
                        noteNul()
                        advance()
                    }
                    guard pos < n else { return fail(.unclosedQuote) }
                    guard scalars[pos] == quote else { return fail(.unexpected("expected a closing quote")) }
                    advance()
                } else {
                    for scalar in value.unicodeScalars {
                        guard pos < n, scalars[pos] == scalar else { return fail(.unexpected("field text differs")) }
                        noteNul()
                        advance()
                    }
                }
                // What follows the field: a comma, or the end of the record.
                if fieldIndex < row.count - 1 {
                    guard pos < n, scalars[pos] == comma else {
                        return fail(quoted ? afterQuote(closingAlreadyConsumed: true) : .unexpected("expected a comma"))
                    }
                    advance()
                } else if pos < n {
                    if scalars[pos] == cr {
                        advance()
                        if pos < n && scalars[pos] == lf { advance() }
                    } else if scalars[pos] == lf {
                        advance()
                    } else {
                        return fail(quoted ? afterQuote(closingAlreadyConsumed: true) : .unexpected("expected the end of the line"))
                    }
                }
                var text = value
                if hasNul { text.unicodeScalars.removeAll { $0 == nul } }
                fields.append(CSVField(text: text, location: start, quoted: quoted))
            }
            records.append(CSVRecord(fields: fields, line: startLine))
            recordIndex += 1
        }
        if pos < n {
            return CSVTokenizedText(records: records,
                                    problem: CSVStructuralProblem(kind: .unexpected("text left after the last record"), location: here(),
                                                                  recordIndex: recordIndex, fieldIndex: 0),
                                    nulCharacters: nuls)
        }
        return CSVTokenizedText(records: records, problem: nil, nulCharacters: nuls)

    }
}
