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

/// Splits CSV text into records and fields, with the physical line and column of every field.
///
/// ## Contract
/// * A record ends at LF, CRLF, a lone CR or the end of the text; a field ends at a comma or at the
///   end of its record. A text that ends with a line break has no empty record after it; an empty
///   line inside the text is a record of one empty field.
/// * A field is quoted when its first character is `"`. Inside it, commas and line breaks are text and
///   `""` stands for one quote. Its closing quote must be followed by a comma, a line break or the
///   end of the text: anything else is `.textAfterClosingQuote`, located at that character; a quoted
///   field still open at the end of the text is `.unclosedQuote`. Either problem (located where the
///   field opens) stops tokenising: the records before the offending one are returned.
/// * A quote inside an unquoted field (`5" screen`) is ordinary text; spaces are never trimmed here.
/// * Lines count from 1 and break at LF, CRLF or a lone CR; columns count Unicode scalars from 1.
/// * NUL characters are reported in `nulCharacters` (in text order) and removed from field text.
///
/// These are yaslab/CSV.swift's rules (the tokeniser used it until profiling showed it cost more than
/// the whole parsing budget, about 450 instructions a character through `AnyIterator`) together with
/// the checks of quoted fields it silently accepts; `CSVTokenizerEquivalenceTests` checks the two
/// against each other. The scanner walks the UTF-8 bytes once: every delimiter is ASCII, and a byte
/// of a multi-byte character is never ASCII, so a slice between delimiters is always whole text.
public enum CSVTokenizer {
    /// Trims spaces, tabs and no-break spaces (U+00A0, U+2007, U+202F), which Excel users add by
    /// accident, from both ends, Unicode scalar by Unicode scalar.
    public static func trimmed(_ s: String) -> String {
        // Most cells start and end with a byte that cannot begin or end one of these characters.
        let ends = s.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }
            ?? s.utf8.first.map { ($0, s.utf8.last!) }
        guard let (first, last) = ends, mayBeTrimmable(first) || mayBeTrimmable(last) else { return s }
        let scalars = s.unicodeScalars
        var lower = scalars.startIndex, upper = scalars.endIndex
        while lower < upper && isTrimmable(scalars[lower]) { lower = scalars.index(after: lower) }
        while upper > lower && isTrimmable(scalars[scalars.index(before: upper)]) { upper = scalars.index(before: upper) }
        if lower == scalars.startIndex && upper == scalars.endIndex { return s }
        return String(scalars[lower..<upper])
    }

    /// The characters `trimmed(_:)` removes.
    static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x2007, 0x202F: return true
        default: return false
        }
    }

    /// False when a UTF-8 byte at either end of a string rules out a trimmable character there: it is
    /// not a space or tab, and not part of a multi-byte character.
    @inline(__always)
    static func mayBeTrimmable(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte >= 0x80
    }

    public static func tokenize(_ text: String, file: String) -> CSVTokenizedText {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = CSVScanner(bytes: bytes, file: file)
            return scanner.run()
        }
    }
}

/// The single pass of `CSVTokenizer.tokenize` over the UTF-8 bytes of a text (see its contract).
private struct CSVScanner {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    static let nul: UInt8 = 0

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    /// The next byte to read, and the line and column of the character it starts.
    var pos = 0, line = 1, column = 1
    var records: [CSVRecord] = []
    var nuls: [CSVNulCharacter] = []
    var recordIndex = 0
    /// The text of a field that is not one slice of the input (it holds `""` or NUL); reused.
    var pieces: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// What reading one field gave.
    enum FieldRead {
        case field(String, endsRecord: Bool)
        case problem(CSVStructuralProblem.Kind)
    }

    mutating func run() -> CSVTokenizedText {
        while pos < bytes.count {
            let startLine = line
            var fields: [CSVField] = []
            fields.reserveCapacity(records.last?.fields.count ?? 0)
            var endsRecord = false
            while !endsRecord {
                let start = here
                let quoted = pos < bytes.count && bytes[pos] == Self.quote
                switch quoted ? readQuoted(fieldIndex: fields.count) : readUnquoted(fieldIndex: fields.count) {
                case .field(let text, let end):
                    fields.append(CSVField(text: text, location: start, quoted: quoted))
                    endsRecord = end
                case .problem(let kind):
                    let problem = CSVStructuralProblem(kind: kind, location: start, recordIndex: recordIndex, fieldIndex: fields.count)
                    return CSVTokenizedText(records: records, problem: problem, nulCharacters: nuls)
                }
            }
            records.append(CSVRecord(fields: fields, line: startLine))
            recordIndex += 1
        }
        return CSVTokenizedText(records: records, problem: nil, nulCharacters: nuls)
    }

    var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// Moves past the byte at `pos`, counting lines (LF, CRLF, lone CR) and columns (Unicode scalars).
    @inline(__always)
    mutating func advance() {
        let c = bytes[pos]
        pos += 1
        if c == Self.lf || (c == Self.cr && !(pos < bytes.count && bytes[pos] == Self.lf)) {
            line += 1; column = 1
        } else if c & 0xC0 != 0x80 {
            column += 1  // a continuation byte belongs to the scalar already counted
        }
    }

    /// `advance()` for a byte known to be neither CR nor LF.
    @inline(__always)
    mutating func advanceWithinLine() {
        if bytes[pos] & 0xC0 != 0x80 { column += 1 }
        pos += 1
    }

    /// Moves past the line break (CR, LF or CRLF) at `pos`.
    mutating func skipLineBreak() {
        let c = bytes[pos]
        advance()
        if c == Self.cr && pos < bytes.count && bytes[pos] == Self.lf { advance() }
    }

    /// Records the NUL at `pos`.
    mutating func noteNul(fieldIndex: Int) {
        nuls.append(CSVNulCharacter(location: here, recordIndex: recordIndex, fieldIndex: fieldIndex))
    }

    /// The field text made of `pieces` (when `pieced`) followed by the bytes `from..<to`.
    mutating func text(from: Int, to: Int, pieced: Bool) -> String {
        let tail = UnsafeBufferPointer(rebasing: bytes[from..<to])
        guard pieced else { return String(decoding: tail, as: UTF8.self) }
        pieces.append(contentsOf: tail)
        defer { pieces.removeAll(keepingCapacity: true) }
        return String(decoding: pieces, as: UTF8.self)
    }

    /// Keeps the bytes `from..<to` of a field whose text has to be pieced together.
    mutating func keep(from: Int, to: Int) {
        pieces.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
    }

    /// Reads an unquoted field starting at `pos`, and the comma or line break that ends it.
    mutating func readUnquoted(fieldIndex: Int) -> FieldRead {
        var from = pos, pieced = false
        while pos < bytes.count {
            switch bytes[pos] {
            case Self.comma:
                let s = text(from: from, to: pos, pieced: pieced)
                advance()
                return .field(s, endsRecord: false)
            case Self.cr, Self.lf:
                let s = text(from: from, to: pos, pieced: pieced)
                skipLineBreak()
                return .field(s, endsRecord: true)
            case Self.nul:
                noteNul(fieldIndex: fieldIndex)
                keep(from: from, to: pos)
                pieced = true
                advance()
                from = pos
            default:
                advanceWithinLine()
            }
        }
        return .field(text(from: from, to: pos, pieced: pieced), endsRecord: true)
    }

    /// Reads a quoted field whose opening quote is at `pos`, and the comma or line break after it.
    mutating func readQuoted(fieldIndex: Int) -> FieldRead {
        advance()
        var from = pos, pieced = false
        while pos < bytes.count {
            switch bytes[pos] {
            case Self.quote where pos + 1 < bytes.count && bytes[pos + 1] == Self.quote:
                keep(from: from, to: pos + 1)  // one quote of the two
                pieced = true
                advance(); advance()
                from = pos
            case Self.quote:
                let s = text(from: from, to: pos, pieced: pieced)
                advance()
                guard pos < bytes.count else { return .field(s, endsRecord: true) }
                switch bytes[pos] {
                case Self.comma:
                    advance()
                    return .field(s, endsRecord: false)
                case Self.cr, Self.lf:
                    skipLineBreak()
                    return .field(s, endsRecord: true)
                default:
                    return .problem(.textAfterClosingQuote(found: "'\(scalarText(at: pos))'", at: here))
                }
            case Self.nul:
                noteNul(fieldIndex: fieldIndex)
                keep(from: from, to: pos)
                pieced = true
                advance()
                from = pos
            case Self.cr, Self.lf:
                advance()
            default:
                advanceWithinLine()
            }
        }
        if pieced { pieces.removeAll(keepingCapacity: true) }
        return .problem(.unclosedQuote)
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `index`, as text.
    func scalarText(at index: Int) -> String {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]), as: UTF8.self)
    }
}
