import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

/// A small deterministic generator, so a failure can be reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random texts made of the given pieces.
func randomTexts(_ pieces: [String], count: Int, maxPieces: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        (0..<Int.random(in: 0...maxPieces, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }
}

/// The byte scanner against the tokeniser it replaced (yaslab/CSV.swift plus a position tracker,
/// kept in `LegacyCSVTokenizer`): same records, texts (byte for byte), locations, quoting, NULs and
/// structural problems.
@Suite("CSV tokeniser: byte scanner = CSV.swift + tracker")
struct CSVTokenizerEquivalenceTests {
    struct Field: Equatable, CustomStringConvertible {
        var bytes: [UInt8], location: String, quoted: Bool
        var description: String { "\(String(decoding: bytes, as: UTF8.self).debugDescription)@\(location)\(quoted ? "q" : "")" }
    }
    struct Outcome: Equatable {
        var records: [[Field]]
        var lines: [Int]
        var problem: String?
        var nuls: [String]
    }

    static func fields(_ records: [CSVRecord]) -> [[Field]] {
        records.map { $0.fields.map { Field(bytes: Array($0.text.utf8), location: $0.location.description, quoted: $0.quoted) } }
    }

    static func describe(_ kind: CSVStructuralProblem.Kind, _ location: ScorecardModel.SourceLocation, _ record: Int, _ field: Int) -> String {
        switch kind {
        case .unclosedQuote: return "unclosed \(location) r\(record) f\(field)"
        case .textAfterClosingQuote(let found, let at): return "after \(found.debugDescription) \(at) from \(location) r\(record) f\(field)"
        }
    }

    static func nuls(_ nuls: [CSVNulCharacter]) -> [String] {
        nuls.map { "\($0.location) r\($0.recordIndex) f\($0.fieldIndex)" }
    }

    static func new(_ text: String) -> Outcome {
        let t = CSVTokenizer.tokenize(text, file: "t.csv")
        return Outcome(records: fields(t.records), lines: t.records.map(\.line),
                       problem: t.problem.map { describe($0.kind, $0.location, $0.recordIndex, $0.fieldIndex) },
                       nuls: nuls(t.nulCharacters))
    }

    static func legacy(_ text: String) -> Outcome {
        let t = LegacyCSVTokenizer.tokenize(text, file: "t.csv")
        return Outcome(records: fields(t.records), lines: t.records.map(\.line),
                       problem: t.problem.map { p in
                           p.kind.kind.map { describe($0, p.location, p.recordIndex, p.fieldIndex) } ?? "legacy disagreement: \(p.kind)"
                       },
                       nuls: nuls(t.nulCharacters))
    }

    static let samples = [
        "", "a", "a,b", "a,b\n", "a,b\n\n", "a,b\r\n\r\n", "\n", "\r", "\r\n", ",", ",,\n,,", "a,\n", "a,",
        "\"a\"", "\"a\",\"b\"\n", "\"a\"\"b\"", "\"\"", "\"\"\"\"", "\"", "a,\"", "\"a", "\"a\"b", "\"a\"b,c\n",
        "x,y\n\"a\"b,c\n", "a,b\nc,\"d,e\nf,g\n", "\"a\r\nb\",c\rd\n", "a\"b,c", "5\" screen,x",
        "a,b\u{0}c\n", "\"a\u{0}b\",\"c\"\"\u{0}\"\n", "\"a\u{0}", "é,€\n😀,\"e\u{301}\"\"\"", "\"ab\"\u{301}",
        "\"a\"\u{0}", "\"a\" ,b", "a,\"b\"\r", "a,\"b\"\rc", "\u{FEFF}a,b",
        "\"abc,def\nghi,\"jkl\"\n", "\"ab\"\"", "\"a\"\"\"b",
    ]

    @Test("hand-picked texts")
    func handPicked() {
        for text in Self.samples {
            #expect(Self.new(text) == Self.legacy(text), "text \(text.debugDescription)")
        }
    }

    @Test("random texts of CSV syntax pieces", arguments: [1, 2, 3, 4] as [UInt64])
    func random(seed: UInt64) {
        let pieces = ["a", "b", "7", ",", ",", "\"", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\u{0}", "é", "€", "😀", "\u{301}", "\u{A0}"]
        for text in randomTexts(pieces, count: 4000, maxPieces: 30, seed: seed) {
            #expect(Self.new(text) == Self.legacy(text), "text \(text.debugDescription)")
        }
    }

    @Test("the benchmark-like example table")
    func exampleTable() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/cype-2017-06-22").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".csv") }
        #expect(!files.isEmpty)
        for name in files {
            let data = try Data(contentsOf: url.appendingPathComponent(name))
            let text = CSVTextDecoder.decode(data, file: name).value.text
            #expect(Self.new(text) == Self.legacy(text), "file \(name)")
        }
    }
}

/// The trimming and value-reading fast paths against the general code they shortcut.
@Suite("Parsing fast paths = general paths")
struct ParsingFastPathEquivalenceTests {
    /// `CSVTokenizer.trimmed` as it was, through Foundation's CharacterSet.
    static func legacyTrimmed(_ s: String) -> String {
        let set = CharacterSet(charactersIn: " \t\u{00A0}\u{2007}\u{202F}")
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              set.contains(first) || set.contains(last) else { return s }
        return s.trimmingCharacters(in: set)
    }

    @Test("trimming")
    func trimming() {
        let pieces = [" ", "\t", "\u{A0}", "\u{2007}", "\u{202F}", "\u{2003}", "\u{301}", "a", "é", "\n", "1"]
        for s in randomTexts(pieces, count: 20000, maxPieces: 8, seed: 7) {
            #expect(Array(CSVTokenizer.trimmed(s).utf8) == Array(Self.legacyTrimmed(s).utf8), "\(s.debugDescription)")
        }
    }

    static func bytes(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

    static func same(_ a: ValueTextParser.Number?, _ b: ValueTextParser.Number?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return bytes(a.value) == bytes(b.value) && a.fractionDigits == b.fractionDigits && a.hadPercentSign == b.hadPercentSign
    }

    @Test("numbers: the ASCII scanner gives what the Character-based reading gives, Decimal bytes included")
    func numbers() {
        let pieces = ["0", "1", "2", "5", "9", "0", "00", "123", ",", ",", ".", "%", " ", "-", "+", "\u{2212}", "\t", "e", "\r\n"]
        var texts = randomTexts(pieces, count: 40000, maxPieces: 10, seed: 11)
        texts += ["0", "0.0", "0.00", "-0", "-0.0", "00.0", ".0", "0.", "5.", ".", "-.5", "\u{2212}0.06", "95 %", "95  %",
                  "1,234,567.5", "18,950", "999999999999999999", "1000000000000000000", "123456789012345678901234567890",
                  "1234567890123456789012345678901", "0.000000000000000001", "-1,000.000"]
        for s in texts {
            let scanned: ValueTextParser.Number?
            switch ASCIINumberScanner.scan(s) {
            case .number(let n): scanned = n
            case .invalid: scanned = nil
            case .notASCII:
                let rest = s.unicodeScalars.dropFirst(s.hasPrefix("\u{2212}") ? 1 : 0)
                #expect(rest.contains { !$0.isASCII }, "\(s.debugDescription) is ASCII after its sign")
                continue
            }
            #expect(Self.same(scanned, ValueTextParser.numberFromCharacters(s)), "\(s.debugDescription)")
        }
        for s in ["1\u{301}", "\u{2212}1\u{301}", "٣", "１", "5\u{A0}%"] {
            #expect(ASCIINumberScanner.scan(s) == .notASCII, "\(s.debugDescription)")
        }
    }

    /// `ValueTextParser.cell` as it was: markers before numbers, through sets.
    static func legacyCell(_ raw: String) -> ValueTextParser.Cell? {
        let s = CSVTokenizer.trimmed(raw)
        if ValueTextParser.blankMarkers.contains(s) { return .blank }
        let lower = s.lowercased()
        if lower == "n/a" { return .notAvailable }
        if ValueTextParser.toBeSuppliedMarkers.contains(lower.split(separator: " ").joined(separator: " ")) { return .toBeSupplied }
        return ValueTextParser.numberFromCharacters(s).map(ValueTextParser.Cell.number)
    }

    @Test("cells and bands")
    func cells() {
        let pieces = ["1", "5", ",", ".", "%", " ", "-", "\u{2013}", "\u{2014}", "N/A", "n/a", "TBS", "to", "be", "supplied",
                      "data", "±", "+/-", "+-", "+/−", "+−", "+", "\u{A0}"]
        for s in randomTexts(pieces, count: 30000, maxPieces: 5, seed: 13) {
            let new = ValueTextParser.cell(s), old = Self.legacyCell(s)
            #expect(new == old && Self.same(new?.number, old?.number), "\(s.debugDescription)")
            let bandPrefixes = ["±", "+/-", "+/−", "+-", "+−"]
            let trimmed = CSVTokenizer.trimmed(s)
            #expect(ValueTextParser.isBandSyntax(s) == bandPrefixes.contains { trimmed.hasPrefix($0) }, "\(s.debugDescription)")
            #expect(ValueTextParser.isBlankMarker(trimmed) == ValueTextParser.blankMarkers.contains(trimmed))
            #expect(ValueTextParser.isNotAvailable(trimmed) == (trimmed.lowercased() == "n/a"))
        }
    }
}

@Suite("CSV columns")
struct CSVColumnTests {
    @Test("the indicator CSV's column names are unchanged by typed columns")
    func names() {
        #expect(IndicatorCSVParser.requiredColumns == ["section", "ref", "indicator", "polarity", "period", "previous", "current",
                                                       "target", "floor", "england", "unit", "rag", "dot", "note"])
        #expect(IndicatorCSVParser.optionalColumns == ["southeast", "statneighbours", "source", "decimals", "tolerance",
                                                       "prevyear", "asat", "prevasat"])
        #expect(Set(CSVColumn.allCases.map(\.key)).count == CSVColumn.allCases.count)
        #expect(Set(IndicatorCSVParser.specs.map(\.column)).count == IndicatorCSVParser.specs.count)
    }
}
