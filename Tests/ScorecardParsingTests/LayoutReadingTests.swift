import TestSupport
import Foundation
import ScorecardModel
@testable import ScorecardParsing
import Testing
import Yams

private typealias LayoutFuzzGenerator = SplitMix64

/// The layouts are read node by node (`YAMLReader`) from a tree composed without the default tag
/// resolver when that cannot matter (`YAMLQuickCompose`). These tests pin what the Codable decoding
/// they replaced reported in the cases where that shortcut must step aside, and check that the quick
/// tree always reads as the default one.
@Suite("Layout reading: YAMLReader and the quick YAML composition")
struct LayoutReadingTests {
    static func reportLayout() throws -> String { try CoverReportFixtures.layoutText() }
    static func scorecardLayout() throws -> String { try String(contentsOf: ScorecardStyleLoaderTests.layoutURL, encoding: .utf8) }

    static let reportBody = "  body:       { size: 12pt, leading: 1.25, bold: false, italic: false, color: \"#000000\" }"
    static let scorecardHeading = "  heading:    { size: 16pt, leading: 1.2,  bold: true,  italic: false, color: \"#000000\" }"

    static func edited(_ text: String, _ old: String, _ new: String) -> String {
        #expect(text.components(separatedBy: old).count == 2, "'\(old)' must occur once")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The loader's result, or its error, as text.
    static func outcome(_ body: () throws -> Any) -> String {
        do { return "OK \(try body())" } catch { return "ERR \(error)" }
    }

    /// Both layouts read from the quick tree and from `Yams.compose`'s tree, as text.
    static func bothWays(_ text: String, scorecard: Bool) -> (quick: String, standard: String) {
        func read(_ compose: (String) throws -> YAMLDocument) -> String {
            outcome {
                let document = try compose(text)
                return scorecard ? try document.read(ScorecardLayoutFile.self).scorecardStyle() as Any
                    : try document.read(CommitteeReportLayoutFile.self).reportStyle() as Any
            }
        }
        return (read { try YAMLDocument.composeForReading($0, file: "l.yaml", documentName: "layout") },
                read { try YAMLDocument.compose($0, file: "l.yaml", documentName: "layout") })
    }

    static let reportKnown = "(expected one of: page, fonts, textStyles, fieldTable, paragraphs, headings, quotes, lists, rules, sections, footer)"

    @Test("merge keys fill a mapping, and the keys beside them are still checked")
    func mergeKeys() throws {
        let text = "base: &b { size: 12pt, leading: 1.25, bold: false, italic: false, color: \"#000000\" }\n"
            + Self.edited(try Self.reportLayout(), Self.reportBody, "  body:       { <<: *b, sise: 13pt }")
        let error = try #require(inputError { _ = try ReportStyleLoader.load(text, file: "r.yaml") })
        #expect(error.description == """
            r.yaml:1:1: error: unknown key 'base' in the layout \(Self.reportKnown)
            r.yaml:29:25: error: unknown key 'sise' in 'textStyles.body'; did you mean 'size'?
            """)
    }

    @Test("an alias of an anchored key reads its value as the default resolver types it")
    func anchoredKey() throws {
        // `yes` is a boolean by default: `bold: *t` reads true, and only the unknown key is reported.
        let text = "&t yes: 1\n" + Self.edited(try Self.reportLayout(), "  body:       { size: 12pt, leading: 1.25, bold: false,",
                                               "  body:       { size: 12pt, leading: 1.25, bold: *t,")
        let error = try #require(inputError { _ = try ReportStyleLoader.load(text, file: "r.yaml") })
        #expect(error.description == "r.yaml:1:1: error: unknown key 'yes' in the layout \(Self.reportKnown)")
    }

    @Test("keys with the same text but different YAML types are not duplicates")
    func sameTextKeys() throws {
        let text = "\"true\": 1\ntrue: 2\n" + (try Self.reportLayout())
        let error = try #require(inputError { _ = try ReportStyleLoader.load(text, file: "r.yaml") })
        #expect(error.description == """
            r.yaml:1:1: error: unknown key 'true' in the layout \(Self.reportKnown)
            r.yaml:2:1: error: unknown key 'true' in the layout \(Self.reportKnown)
            """)
    }

    @Test("columns count characters: a letter with a combining mark is one column")
    func characterColumns() throws {
        let text = Self.edited(try Self.scorecardLayout(), Self.scorecardHeading,
                               "  heading:    { size: 16pt, leading: 1.2,  bold: true,  italic: false, color: \"#000000\", \"u\u{308}nknown\": 1, x: 2 }")
        let error = try #require(inputError { _ = try ScorecardStyleLoader.load(text, file: "s.yaml") })
        let known = "(expected one of: size, leading, bold, italic, color)"
        #expect(error.description == """
            s.yaml:47:90: error: unknown key 'u\u{308}nknown' in 'text.heading' \(known)
            s.yaml:47:104: error: unknown key 'x' in 'text.heading' \(known)
            """)
    }

    @Test("the quick tree reads as the default one: tags, anchors, merges, duplicates, seeded edits")
    func quickTreeReadsAsDefault() throws {
        let report = try Self.reportLayout(), scorecard = try Self.scorecardLayout()
        var cases: [(text: String, scorecard: Bool)] = []
        let prefixes = ["", "\"true\": 1\ntrue: 2\n", "!!bool true: 1\ntrue: 2\n", "&t yes: 1\n", "=: 1\n", "<<: {}\n",
                        "? [a, b]\n: 1\n", "x: &s { size: 9pt }\n", "a: {!!bool true: 1, true: 2}\nb: [\n", "yes: 1\nYes: 2\n",
                        "*u: 1\n", "page: !!map {}\n"]
        for prefix in prefixes {
            cases.append((prefix + report, false))
            cases.append((prefix + scorecard, true))
        }
        // Seeded edits: values and keys replaced by YAML of every type, lines dropped or doubled.
        let values = ["~", "yes", "'yes'", "No", "on", "1", "1.5", "'1.5'", "1_0", "1:30", ".inf", "[1]", "{a: 1}", "!!str 12pt",
                      "!!bool true", "&a 12pt", "\"#GGGGGG\"", "fill", "=", "<<", "\"\u{3000}12pt\u{200B}\"", "é"]
        var rng = LayoutFuzzGenerator(state: 20_170_622)
        for (text, isScorecard) in [(report, false), (scorecard, true)] {
            let lines = text.components(separatedBy: "\n")
            for _ in 0..<150 {
                var edited = lines
                let i = Int.random(in: 0..<lines.count, using: &rng)
                let line = lines[i]
                switch Int.random(in: 0..<4, using: &rng) {
                case 0:
                    edited.remove(at: i)
                case 1:
                    edited.insert(line, at: i)
                case 2:
                    if let colon = line.firstIndex(of: ":") {
                        edited[i] = String(line[...colon]) + " " + values.randomElement(using: &rng)!
                    }
                default:
                    let indent = String(line.prefix(while: { $0 == " " }))
                    edited.insert(indent + values.randomElement(using: &rng)! + ": 1", at: i)
                }
                cases.append((edited.joined(separator: "\n"), isScorecard))
            }
        }
        for (text, isScorecard) in cases {
            let (quick, standard) = Self.bothWays(text, scorecard: isScorecard)
            #expect(quick == standard, "\(text.prefix(60))")
        }
    }

    @Test("every key a layout type reads is a string to the default resolver, as the quick tree assumes")
    func knownKeysAreStrings() {
        var keys: [String] = []
        func add<K: CodingKey & CaseIterable>(_ type: K.Type) { keys += K.allCases.map { $0.stringValue } }
        add(YAMLInsets.CodingKeys.self); add(YAMLPage.CodingKeys.self); add(YAMLTextStyle.CodingKeys.self)
        add(ScorecardLayoutFile.CodingKeys.self); add(ScorecardLayoutFile.Fonts.CodingKeys.self)
        add(ScorecardLayoutFile.TitlePage.CodingKeys.self); add(ScorecardLayoutFile.Text.CodingKeys.self)
        add(ScorecardLayoutFile.Table.CodingKeys.self); add(ScorecardLayoutFile.District.CodingKeys.self)
        add(ScorecardLayoutFile.Footer.CodingKeys.self); add(ScorecardLayoutFile.Column.CodingKeys.self)
        add(ScorecardLayoutFile.Ratings.CodingKeys.self); add(ScorecardLayoutFile.Rating.CodingKeys.self)
        add(CommitteeReportLayoutFile.CodingKeys.self); add(CommitteeReportLayoutFile.Fonts.CodingKeys.self)
        add(CommitteeReportLayoutFile.TextStyles.CodingKeys.self); add(CommitteeReportLayoutFile.FieldTable.CodingKeys.self)
        add(CommitteeReportLayoutFile.Paragraphs.CodingKeys.self); add(CommitteeReportLayoutFile.Headings.CodingKeys.self)
        add(CommitteeReportLayoutFile.Quotes.CodingKeys.self); add(CommitteeReportLayoutFile.Lists.CodingKeys.self)
        add(CommitteeReportLayoutFile.Rules.CodingKeys.self); add(CommitteeReportLayoutFile.Sections.CodingKeys.self)
        add(CommitteeReportLayoutFile.Footer.CodingKeys.self)
        #expect(keys.count > 60)
        for key in keys {
            #expect(Resolver.default.resolveTag(of: Node(key)) == .str, "\(key)")
        }
    }
}
