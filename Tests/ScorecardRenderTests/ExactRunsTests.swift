import Testing
import ScorecardModel
@testable import ScorecardRender

/// The measuring and drawing caches' keys: the same bytes, styles and links, or not the same key.
@Suite("cache keys compared by bytes")
struct ExactRunsTests {
    @Test func equalKeysHashEquallyAndEveryFieldCounts() {
        let base = [TextRun("Attendance – Canterbury ≈ 95%", bold: true), TextRun(" and more")]
        let same = [TextRun("Attendance – Canterbury ≈ 95%", bold: true), TextRun(" and more")]
        #expect(ExactRuns(base) == ExactRuns(same))
        #expect(ExactRuns(base).hashValue == ExactRuns(same).hashValue)
        let others: [[TextRun]] = [
            [TextRun("Attendance – Canterbury ≈ 95%"), TextRun(" and more")],                 // bold
            [TextRun("Attendance – Canterbury ≈ 95%", bold: true, italic: true), TextRun(" and more")],
            [TextRun("Attendance – Canterbury ≈ 95%", bold: true), TextRun(" and more", link: "https://x")],
            [TextRun("Attendance – Canterbury ≈ 95%", bold: true)],                           // count
            [TextRun("Attendance – Canterbury ≈ 95", bold: true), TextRun("% and more")],     // split
            [TextRun("Attendance - Canterbury ≈ 95%", bold: true), TextRun(" and more")],     // hyphen
        ]
        for other in others { #expect(ExactRuns(base) != ExactRuns(other), "\(other)") }
        #expect(ExactRuns([TextRun("a", link: "https://x")]) != ExactRuns([TextRun("a", link: "https://y")]))
        #expect(ExactRuns([TextRun("a", link: "https://x")]) == ExactRuns([TextRun("a", link: "https://x")]))
    }

    /// Canonically equivalent spellings are equal `String`s but different keys (each is measured
    /// and drawn on its own), and a dictionary keeps them apart.
    @Test func canonicallyEquivalentSpellingsAreDifferentKeys() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        let a = ExactRuns([TextRun(composed)]), b = ExactRuns([TextRun(decomposed)])
        #expect(a != b)
        let table = [a: 1, b: 2]
        #expect(table.count == 2 && table[a] == 1 && table[b] == 2)
    }
}
