import Foundation
import Testing
@testable import ScorecardLayout
import ScorecardModel

@Suite("Running footer")
struct RunningFooterTests {
    static func footer(_ template: String) -> RunningFooter {
        RunningFooter(template: template, style: TextStyle(size: .pt(8)), alignment: .right,
                      baselineFromBottom: .pt(20), left: .pt(40), width: .pt(500))
    }

    /// What the template gave when the placeholders were replaced one after the other with
    /// Foundation: the single pass must give the same for any template.
    static func replacedInTurn(_ template: String, page: Int, pages: Int, title: String) -> String {
        template.replacingOccurrences(of: "{page}", with: String(page))
            .replacingOccurrences(of: "{pages}", with: String(pages))
            .replacingOccurrences(of: "{title}", with: title)
    }

    @Test("placeholders are filled in once, other braces are kept", arguments: [
        "Page {page} of {pages}", "{title} \u{2013} page {page} of {pages}", "{page}{pages}{title}", "",
        "no placeholders", "{{page}}", "{pag{page}e}", "{pages", "{title}{", "}{page}{", "{Page} {PAGES}",
        "{page}{page}{pages}{pages}", "\u{00A3}{title}\u{00A3}",
    ])
    func filling(template: String) {
        for title in ["Appendix 1 - Scorecard", "{page} of {pages}", "", "{title}"] {
            #expect(Self.footer(template).text(page: 7, pages: 107, title: title)
                    == Self.replacedInTurn(template, page: 7, pages: 107, title: title), "\(template) / \(title)")
        }
    }

    /// Placeholders are matched character for character, whatever follows them (Foundation's
    /// replacement, which the footer used before, kept a placeholder followed by a combining mark
    /// and replaced one followed by a joiner).
    @Test func placeholdersNextToCombiningMarksAreStillFilled() {
        #expect(Self.footer("{pages}\u{200D}x").text(page: 7, pages: 107, title: "T") == "107\u{200D}x")
        #expect(Self.footer("\u{0301}{page}\u{0301}").text(page: 7, pages: 107, title: "T") == "\u{0301}7\u{0301}")
        #expect(Self.footer("{title}\u{0301}").text(page: 7, pages: 107, title: "Caf") == "Caf\u{0301}")
    }
}
