import CPangoCairo
import Foundation
import ScorecardLayout
import Testing
import TestSupport
@testable import ScorecardRender

@Suite("PangoMeasurer")
struct PangoMeasurerTests {
    let style = TextStyle(size: .pt(11))
    let sentence = "The committee is asked to note the performance of the council against its corporate "
        + "scorecard indicators for the second quarter of the year."

    @Test func wrapsALongSentenceWithinTheWidth() throws {
        let measurer = try Support.measurer()
        let lines = measurer.lines(StyledText(sentence), style: style, width: .pt(100))
        #expect(lines.count >= 5)
        for line in lines {
            #expect(line.width <= .pt(100), "line \"\(line.plainText)\" is \(line.width) wide")
            #expect(line.width > .zero)
            #expect(!line.plainText.hasPrefix(" ") && !line.plainText.hasSuffix(" "))
            // Run pieces tile the line: each starts where the previous one ended.
            var x = Length.zero
            for run in line.runs {
                #expect(abs(run.x.points - x.points) < 0.001)
                x = run.x + run.width
            }
            #expect(abs(x.points - line.width.points) < 0.001)
        }
        #expect(lines.map(\.plainText).joined(separator: " ") == sentence)
    }

    @Test func oneLineWithoutWidth() throws {
        let measurer = try Support.measurer()
        let lines = measurer.lines(StyledText(sentence), style: style, width: nil)
        #expect(lines.count == 1)
        #expect(lines[0].plainText == sentence)
        #expect(lines[0].width > .pt(500))
    }

    @Test func boldIsWiderThanRegular() throws {
        let measurer = try Support.measurer()
        let regular = measurer.width("Performance scorecard", style: style)
        let boldRun = measurer.width(StyledText("Performance scorecard", bold: true), style: style)
        let boldStyle = measurer.width("Performance scorecard", style: style.with(bold: true))
        #expect(boldRun > regular)
        #expect(abs(boldRun.points - boldStyle.points) < 0.001)
        // Liberation Sans is metric-compatible with Arial: "Performance scorecard" at 11pt is about 116pt.
        #expect(regular > .pt(100) && regular < .pt(130))
    }

    @Test func newlineForcesABreak() throws {
        let measurer = try Support.measurer()
        let lines = measurer.lines(StyledText("First line\nSecond line"), style: style, width: .pt(400))
        #expect(lines.map(\.plainText) == ["First line", "Second line"])
        let empty = measurer.lines(StyledText("a\n\nb"), style: style, width: nil)
        #expect(empty.map(\.plainText) == ["a", "", "b"])
        #expect(empty[1].width == .zero && empty[1].runs.isEmpty)
    }

    @Test func markupCharactersAreMeasuredAsText() throws {
        let measurer = try Support.measurer()
        for text in ["&", "<", ">", "A & B <c>", "<b>not bold</b>", "&amp;"] {
            let lines = measurer.lines(StyledText(text), style: style, width: nil)
            #expect(lines.count == 1)
            #expect(lines[0].plainText == text)
            #expect(lines[0].width > .zero, "\(text) has zero width")
        }
        let bare = measurer.width("A & B", style: style)
        #expect(bare > measurer.width("A B", style: style))
    }

    @Test func runsKeepTheirStyleAcrossLineSplits() throws {
        let measurer = try Support.measurer()
        let text = StyledText([
            TextRun("Plain words then "),
            TextRun("a long bold phrase that wraps", bold: true),
            TextRun(" and an italic link that also wraps", italic: true, link: "https://example.org/a b"),
            TextRun(" end."),
        ])
        let lines = measurer.lines(text, style: style, width: .pt(90))
        #expect(lines.count >= 4)
        #expect(lines.map(\.plainText).joined(separator: " ") == text.plainText)
        // Every piece keeps the style of the run it came from, and joining the pieces of each run
        // (with the break spaces dropped) gives the run back.
        for (index, source) in text.runs.enumerated() {
            let sameStyle = { (run: TextRun) in run.hasSameStyle(as: source) }
            let pieces = lines.flatMap(\.runs).map(\.run).filter(sameStyle)
            let sources = text.runs.filter(sameStyle)
            #expect(!pieces.isEmpty)
            let words = pieces.map(\.text).joined(separator: " ").split(separator: " ")
            #expect(words == sources.map(\.text).joined(separator: " ").split(separator: " "), "run \(index)")
        }
        #expect(lines.flatMap(\.runs).filter(\.run.bold).count >= 2, "the bold run should be split over lines")
        #expect(lines.flatMap(\.runs).filter(\.run.italic).count >= 2, "the italic run should be split over lines")
    }

    @Test func longWordBreaksInsideTheWordWithoutHyphen() throws {
        let measurer = try Support.measurer()
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
        let lines = measurer.lines(StyledText(word), style: style, width: .pt(80))
        #expect(lines.count > 1)
        #expect(lines.map(\.plainText).joined() == word)
        #expect(lines.allSatisfy { $0.width <= .pt(80) })
    }

    @Test func metricsArePointsAndMatchTheDrawnBaseline() throws {
        let fonts = try Support.fonts()
        let measurer = try PangoMeasurer(fonts: fonts, family: Support.family)
        let m = measurer.metrics(TextStyle(size: .pt(10)))
        // Liberation Sans: ascent 0.905 em, descent 0.212 em.
        #expect(abs(m.ascent.points - 9.05) < 0.05)
        #expect(abs(m.descent.points - 2.12) < 0.05)
        let doubled = measurer.metrics(TextStyle(size: .pt(20)))
        #expect(abs(doubled.ascent.points - 2 * m.ascent.points) < 0.05)
        // The renderer places text by the layout's baseline: it must equal the measured ascent.
        let layout = PangoTextLayout(fonts: fonts)
        layout.set(LayoutText([TextRun("Hg", bold: true)]), style: TextStyle(size: .pt(10)), family: Support.family, width: nil)
        #expect(abs(layout.baseline.points - m.ascent.points) < 0.01)
    }

    /// Plain ASCII lines are measured by shaping alone (`PlainLineShaper`): at every width, for
    /// every style, the lines must be exactly what the layout gives, including at the width where a
    /// text just fits and one Pango unit less, and for text the shortcut declines.
    @Test func shapingPlainLinesMeasuresExactlyAsTheLayoutDoes() throws {
        let fonts = try Support.fonts()
        let shaped = try PangoMeasurer(fonts: fonts, family: Support.family)
        let laidOut = try PangoMeasurer(fonts: fonts, family: Support.family, shapingPlainLines: false)
        var random = SplitMix64(seed: 6)
        let pieces = ["42.64", "1,813", "-3.5", "100.0%", "N/A", "TBS", "PS18", "EH0214", "AMBER", "Improved", "R12M",
                      "(±2.5%)", "AV", "To", "Wa", "ff", "fi", "11", "  ", " lead", "trail ", "a  b", "x", "%", "@#&*",
                      "Number of children in care", "café", "–", "\t", "12\n3", "Ŵales"]
        var texts: [[TextRun]] = []
        for _ in 0..<300 {
            let words = (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            let text = words.joined(separator: Bool.random(using: &random) ? " " : "")
            if Int.random(in: 0..<6, using: &random) == 0 {
                texts.append([TextRun(text), TextRun(" and more", bold: true)])
            } else {
                texts.append([TextRun(text, bold: Int.random(in: 0..<5, using: &random) == 0,
                                      italic: Int.random(in: 0..<5, using: &random) == 0)])
            }
        }
        var fast = 0
        for (k, runs) in texts.enumerated() {
            let style = TextStyle(size: .pt([7, 9, 10.5, 14][k % 4]), bold: k % 7 == 0, italic: k % 11 == 0)
            let text = StyledText(runs)
            let natural = laidOut.lines(text, style: style, width: nil)
            #expect(shaped.lines(text, style: style, width: nil) == natural, "\(runs) at \(style)")
            let widest = natural.map(\.width).max() ?? .zero
            let exact = Length.pt(Double(PangoTextLayout.units(widest)) / PangoTextLayout.scale)
            let oneLess = Length.pt(Double(PangoTextLayout.units(widest) - 1) / PangoTextLayout.scale)
            for width in [exact, oneLess, widest * 0.5, .pt(400)] {
                // Fresh measurers: each answer stands alone (no reuse across widths).
                let a = try PangoMeasurer(fonts: fonts, family: Support.family).lines(text, style: style, width: width)
                let b = try PangoMeasurer(fonts: fonts, family: Support.family, shapingPlainLines: false)
                    .lines(text, style: style, width: width)
                #expect(a == b, "\(runs) at \(style), width \(width.points)")
            }
            if runs.count == 1, runs[0].text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { fast += 1 }
        }
        #expect(fast > 100)  // about half the cases take the shortcut
    }

    /// The measurer reads ascent and descent from a one-letter line instead of
    /// `pango_context_get_metrics` (which also lays out a sample sentence): for the bundled fonts the
    /// two agree exactly, in Pango units, at every size and style.
    @Test func lineMetricsEqualPangosFontMetrics() throws {
        let fonts = try Support.fonts()
        let layout = PangoTextLayout(fonts: fonts)
        for size in [5.0, 6.5, 7, 8, 9, 9.5, 10, 10.5, 11, 12, 14, 16, 18, 20, 24, 28, 36] {
            for bold in [false, true] {
                for italic in [false, true] {
                    let style = TextStyle(size: .pt(size), bold: bold, italic: italic)
                    let line = layout.lineMetrics(family: Support.family, style: style)
                    let metrics = pango_context_get_metrics(fonts.context, fonts.fontDescription(family: Support.family, style: style), nil)!
                    defer { pango_font_metrics_unref(metrics) }
                    #expect(line.ascent == pango_font_metrics_get_ascent(metrics), "\(style)")
                    #expect(line.descent == pango_font_metrics_get_descent(metrics), "\(style)")
                }
            }
        }
    }

    @Test func repeatedMeasuringIsCachedAndStable() throws {
        let measurer = try Support.measurer()
        let first = measurer.lines(StyledText(sentence), style: style, width: .pt(120))
        let second = measurer.lines(StyledText(sentence), style: style, width: .pt(120))
        #expect(first == second)
        #expect(measurer.lines(StyledText(""), style: style, width: nil).isEmpty)
    }

    /// The measurer answers a width from lines it set unwrapped at another width (or at none): every
    /// answer must be what a fresh measurer gives for that width alone.
    @Test func linesReusedAcrossWidthsMatchFreshMeasuring() throws {
        let texts: [StyledText] = [
            StyledText("6,700"), StyledText("Improved"), StyledText("trailing space "),
            StyledText("First line\nSecond, longer line"), StyledText(sentence),
            StyledText([TextRun("Plain then "), TextRun("bold", bold: true), TextRun(" and "), TextRun("italic", italic: true)]),
            StyledText("W"),  // wider than 1pt and unbreakable: one line that overflows
        ]
        let widths: [Length?] = [nil, .pt(400), .pt(48.858267716535465), .pt(48.85826771653541), .pt(120), .pt(60), .pt(1), nil, .pt(300)]
        let shared = try Support.measurer()
        for text in texts {
            for width in widths {
                let fresh = try Support.measurer().lines(text, style: style, width: width)
                let reused = shared.lines(text, style: style, width: width)
                #expect(reused == fresh, "\(text.plainText.debugDescription) at \(width.map { "\($0)" } ?? "no width")")
                // Colour and leading do not change the lines.
                let tinted = TextStyle(size: style.size, leading: 1.5, color: Color(hex: "#C00000")!)
                #expect(shared.lines(text, style: tinted, width: width) == fresh)
            }
        }
        // Narrow widths still wrap after the text was measured without a width.
        #expect(shared.lines(StyledText(sentence), style: style, width: .pt(120)).count > 1)
        #expect(shared.lines(StyledText("W"), style: style, width: .pt(1)).count == 1)
    }

    @Test func unknownFamilyIsAnError() throws {
        let fonts = try Support.fonts()
        #expect(throws: FontError.self) { try PangoMeasurer(fonts: fonts, family: "Comic Sans MS") }
        do {
            _ = try PangoMeasurer(fonts: fonts, family: "Comic Sans MS")
        } catch {
            #expect("\(error)".contains("Comic Sans MS") && "\(error)".contains(Support.fontsFolder.path))
        }
        // Matching ignores case and returns the fonts' spelling.
        #expect(try PangoMeasurer(fonts: fonts, family: "liberation sans").family == "Liberation Sans")
    }
}
