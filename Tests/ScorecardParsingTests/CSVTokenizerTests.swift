import Foundation
import Testing
import TestSupport
@testable import ScorecardModel
@testable import ScorecardParsing

@Suite("CSV tokenising and positions")
struct CSVTokenizerTests {
    func texts(_ t: CSVTokenizedText) -> [[String]] { t.records.map { $0.fields.map(\.text) } }

    /// A long text is tokenised as two halves on two threads: for any text, well-formed or not, the
    /// records, their lines and columns, the NULs and the problem must be those of one pass.
    @Test("tokenising in two halves gives what one pass gives")
    func halvesMatchOnePass() {
        var random = SplitMix64(seed: 20261201)
        let plain = ["PS18", "42.64", "Number of children", "", " spaced ", "£5,000", "ŵ", "N/A", "x\u{0}y"]
        let quoted = ["\"a, b\"", "\"two\nlines\"", "\"say \"\"hi\"\"\"", "\"\"", "\"crlf\r\nin\"", "\"end\""]
        let broken = ["\"unclosed", "\"a\"b", "\"x\" y"]
        var checked = 0
        for round in 0..<120 {
            let eol = ["\n", "\r\n", "\r"][round % 3]
            var rows: [String] = []
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                if Int.random(in: 0..<10, using: &random) == 0 { rows.append(""); continue }
                rows.append((0..<Int.random(in: 1...6, using: &random)).map { _ in
                    Int.random(in: 0..<3, using: &random) == 0 ? quoted.randomElement(using: &random)! : plain.randomElement(using: &random)!
                }.joined(separator: ","))
            }
            if round % 5 == 4 { rows[Int.random(in: 0..<rows.count, using: &random)] += "," + broken.randomElement(using: &random)! }
            let text = rows.joined(separator: eol) + (round % 2 == 0 ? eol : "")
            let whole = CSVTokenizer.tokenize(text, file: "t.csv", halvingThreshold: .max)
            let halves = CSVTokenizer.tokenize(text, file: "t.csv", halvingThreshold: 0)
            #expect(halves.records == whole.records, "round \(round)")
            #expect(halves.problem == whole.problem, "round \(round)")
            #expect(halves.nulCharacters == whole.nulCharacters, "round \(round)")
            if CSVTokenizer.recordBoundary(near: text.unicodeScalars.count / 2, in: Array(text.unicodeScalars)) != nil { checked += 1 }
        }
        #expect(checked > 60)  // most texts really were cut in two
    }

    @Test("LF, CRLF and CR give the same records and lines", arguments: ["\n", "\r\n", "\r"])
    func lineEndings(eol: String) {
        let t = CSVTokenizer.tokenize("a,b\(eol)c,d\(eol)e,f\(eol)", file: "t.csv")
        #expect(t.problem == nil)
        #expect(texts(t) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(t.records.map(\.line) == [1, 2, 3])
        #expect(t.records[2].fields[1].location.description == "t.csv:3:3")
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks; later lines are counted")
    func quoted() {
        let t = CSVTokenizer.tokenize("a,\"b, c\",\"d\r\ne\"\r\nf,\"say \"\"hi\"\"\",h", file: "t.csv")
        #expect(t.problem == nil)
        #expect(texts(t) == [["a", "b, c", "d\r\ne"], ["f", "say \"hi\"", "h"]])
        #expect(t.records[0].fields[2].location.description == "t.csv:1:10")
        #expect(t.records[0].fields[2].quoted)
        #expect(t.records[1].line == 3)
        #expect(t.records[1].fields[2].location.description == "t.csv:3:16")
    }

    @Test("an unclosed quote is reported where the field opens")
    func unclosed() {
        let t = CSVTokenizer.tokenize("a,b\nc,\"d,e\nf,g\n", file: "t.csv")
        #expect(t.records.count == 1)
        #expect(t.problem?.kind == .unclosedQuote)
        #expect(t.problem?.location.description == "t.csv:2:3")
        #expect(t.problem?.fieldIndex == 1)
    }

    @Test("text after a closing quote is reported where it appears")
    func textAfterQuote() {
        let t = CSVTokenizer.tokenize("x,y\n\"a\"b,c\n", file: "t.csv")
        guard case .textAfterClosingQuote(let found, let at)? = t.problem?.kind else {
            Issue.record("expected textAfterClosingQuote, got \(String(describing: t.problem))"); return
        }
        #expect(found == "'b'")
        #expect(at.description == "t.csv:2:4")
    }

    @Test("NUL characters are located and removed")
    func nul() {
        let t = CSVTokenizer.tokenize("a,b\u{0}c\n", file: "t.csv")
        #expect(t.nulCharacters.map(\.location.description) == ["t.csv:1:4"])
        #expect(t.nulCharacters.first?.fieldIndex == 1)
        #expect(texts(t) == [["a", "bc"]])
    }

    @Test("blank rows are recognised")
    func blank() {
        let t = CSVTokenizer.tokenize("a,b\n\n , \n", file: "t.csv")
        #expect(t.records.map(\.isBlank) == [false, true, true])
    }
}

@Suite("CSV text encodings")
struct CSVTextDecodingTests {
    @Test("a UTF-8 byte-order mark is removed")
    func bom() {
        let r = CSVTextDecoder.decode(Data([0xEF, 0xBB, 0xBF] + Array("a,£".utf8)), file: "t.csv")
        #expect(r.value.text == "a,£")
        #expect(r.value.encoding == .utf8WithBOM)
        #expect(r.warnings.isEmpty)
    }

    @Test("Windows-1252 is detected; £, – and € survive; the warning names the first non-UTF-8 byte")
    func windows1252() {
        // "a,b\r\nSpend (£),5 – 6 €" in Windows-1252.
        let bytes: [UInt8] = Array("a,b\r\nSpend (".utf8) + [0xA3] + Array("),5 ".utf8) + [0x96] + Array(" 6 ".utf8) + [0x80]
        let r = CSVTextDecoder.decode(Data(bytes), file: "t.csv")
        #expect(r.value.text == "a,b\r\nSpend (£),5 – 6 €")
        #expect(r.value.encoding == .windows1252)
        #expect(r.warnings.count == 1)
        #expect(r.warnings[0].description.hasPrefix("t.csv:2:8: warning:"))
        #expect(r.warnings[0].message.contains("Windows-1252"))
        #expect(r.warnings[0].message.contains("'£'"))
    }

    @Test("valid UTF-8 is not mistaken for Windows-1252")
    func utf8() {
        let r = CSVTextDecoder.decode(Data("Spend (£), ŵ ŷ – €".utf8), file: "t.csv")
        #expect(r.value.encoding == .utf8)
        #expect(r.value.text == "Spend (£), ŵ ŷ – €")
    }

    @Test("UTF-16 with a byte-order mark")
    func utf16() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a,£".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(CSVTextDecoder.decode(Data(bytes), file: "t.csv").value.text == "a,£")
    }
}

@Suite("Value cells")
struct ValueTextParserTests {
    func number(_ s: String) -> Decimal? { ValueTextParser.number(s)?.value }

    @Test("numbers with thousands separators, percentages, signs and stray spaces")
    func numbers() {
        #expect(number("7,448") == 7448)
        #expect(number("1,234,567.5") == Decimal(string: "1234567.5"))
        #expect(number("95%") == 95)
        #expect(ValueTextParser.number("95%")?.hadPercentSign == true)
        #expect(number("95 %") == 95)
        #expect(number("-0.06") == Decimal(string: "-0.06"))
        #expect(number("\u{2212}0.06") == Decimal(string: "-0.06"))
        #expect(number("+1.5") == Decimal(string: "1.5"))
        #expect(number("  74.3  ") == Decimal(string: "74.3"))
        #expect(number(".5") == Decimal(string: "0.5"))
        #expect(ValueTextParser.number("74.30")?.fractionDigits == 2)
    }

    @Test("not numbers", arguments: ["abc", "12abc", "1,23", "1,2345", ",123", "1.2.3", "7 448", "--5", "%", "", "1e3", "£5", "0x10"])
    func notNumbers(text: String) {
        #expect(ValueTextParser.number(text) == nil)
    }

    @Test("markers")
    func markers() {
        #expect(ValueTextParser.cell("N/A") == .notAvailable)
        #expect(ValueTextParser.cell(" n/a ") == .notAvailable)
        #expect(ValueTextParser.cell("TBS") == .toBeSupplied)
        #expect(ValueTextParser.cell("tbs") == .toBeSupplied)
        #expect(ValueTextParser.cell("Data to be supplied") == .toBeSupplied)
        #expect(ValueTextParser.cell("") == .blank)
        #expect(ValueTextParser.cell("–") == .blank)
        #expect(ValueTextParser.cell("-") == .blank)
        #expect(ValueTextParser.cell("?") == nil)
    }

    @Test("bands")
    func bands() {
        #expect(ValueTextParser.band("±5", requireSign: true)?.value == 5)
        #expect(ValueTextParser.band("+/-2.5", requireSign: true)?.value == Decimal(string: "2.5"))
        #expect(ValueTextParser.band("5", requireSign: true) == nil)
        #expect(ValueTextParser.band("5", requireSign: false)?.value == 5)
        #expect(ValueTextParser.band("±-5", requireSign: true) == nil)
    }
}
