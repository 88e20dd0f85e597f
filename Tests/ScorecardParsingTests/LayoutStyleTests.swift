import Foundation
import ScorecardModel
@testable import ScorecardParsing
import Testing

@Suite("Layout: committee-report.yaml")
struct LayoutStyleTests {
    let file = "committee-report.yaml"

    func load(_ text: String) throws -> ReportStyle { try ReportStyleLoader.load(text, file: file) }

    /// The repository layout with `old` replaced by `new` (which must occur exactly once).
    func edited(_ old: String, _ new: String) throws -> String {
        let text = try CoverReportFixtures.layoutText()
        #expect(text.components(separatedBy: old).count == 2, "'\(old)' must occur once in the layout")
        return text.replacingOccurrences(of: old, with: new)
    }

    func close(_ a: Length, _ b: Length) -> Bool { abs(a.points - b.points) < 0.001 }

    @Test("the repository layout loads into the KCC house style")
    func loadsHouseStyle() throws {
        let style = try ReportStyleLoader.load(contentsOf: CoverReportFixtures.layoutURL)
        #expect(style.page.size == Size.a4Portrait)
        #expect(close(style.page.margins.top, .mm(20)))
        #expect(close(style.page.margins.right, .mm(20)))
        #expect(close(style.page.margins.bottom, .mm(25)))
        #expect(close(style.page.margins.left, .mm(20)))
        #expect(style.fontFamily == "Liberation Sans")
        #expect(style.body == TextStyle(size: .pt(12), bold: false, italic: false, leading: 1.25, color: .black))
        #expect(style.headingStyle.bold && style.headingStyle.size == .pt(12))
        #expect(style.fieldLabelStyle.bold && !style.fieldValueStyle.bold)
        #expect(style.subjectStyle.bold)
        #expect(close(style.numberColumnWidth, .mm(12.5)))
        #expect(style.paragraphSpacing == .pt(8))
        #expect(style.quoteIndent > .zero && style.listLabelWidth > .zero)
        #expect(style.unnumberedSections == ["Background Documents", "Contact details"])
        #expect(style.footerTemplate == "Page {page} of {pages}")
        #expect(style.footerStyle.size == .pt(9))
        #expect(style.footerAlignment == .right)
        #expect(close(style.footerBaseline, .mm(12)))
        #expect(style.ruleColor == .black && style.ruleWidth > .zero)
        // The field labels fit: "Future Pathway of Paper:" in 12pt bold is about 145pt wide.
        #expect(style.fieldLabelWidth > .pt(150) && style.fieldLabelWidth < style.page.contentRect.width / 2)
    }

    @Test("a changed margin changes the style")
    func changedMargin() throws {
        let base = try load(CoverReportFixtures.layoutText())
        let wider = try load(edited("    left: 20mm", "    left: 1.25in"))
        #expect(close(wider.page.margins.left, .pt(90)))
        #expect(close(wider.page.contentRect.width, base.page.contentRect.width - (.pt(90) - .mm(20))))
        #expect(wider.page.margins.right == base.page.margins.right)

        let landscape = try load(edited("orientation: portrait", "orientation: landscape"))
        #expect(landscape.page.size == Size.a4Landscape)
    }

    @Test("lengths accept mm, cm, pt, in and bare points")
    func lengthUnits() throws {
        #expect(YAMLLength.parse("20mm").map { close($0, .mm(20)) } == true)
        #expect(YAMLLength.parse("2cm").map { close($0, .mm(20)) } == true)
        #expect(YAMLLength.parse("12pt") == .pt(12))
        #expect(YAMLLength.parse("12 PT") == .pt(12))
        #expect(YAMLLength.parse("0.5in") == .pt(36))
        #expect(YAMLLength.parse("14") == .pt(14))
        #expect(YAMLLength.parse("12px") == nil)
        #expect(YAMLLength.parse("mm") == nil)
        #expect(YAMLLength.parse("1e3") == nil)
        #expect(YAMLLength.parse("nan") == nil)
        let style = try load(edited("spacing: 8pt ", "spacing: 9 "))
        #expect(style.paragraphSpacing == .pt(9))
    }

    @Test("an unknown key is located, with a suggestion")
    func unknownKey() throws {
        let text = try edited("  color: \"#000000\"\n", "  colour: \"#000000\"\n")
        let error = try #require(inputError { _ = try load(text) })
        let line = CoverReportFixtures.line(of: "colour:", in: text)
        #expect(error.diagnostics.first?.description
                == "\(file):\(line):3: error: unknown key 'colour' in 'rules'; did you mean 'color'?")
        #expect(error.diagnostics.last?.message == "missing required key 'color' in 'rules'")

        let top = try edited("fonts:\n", "margin: 20mm\nfonts:\n")
        let topError = try #require(inputError { _ = try load(top) })
        let topLine = CoverReportFixtures.line(of: "margin: 20mm", in: top)
        #expect(topError.description == "\(file):\(topLine):1: error: unknown key 'margin' in the layout; did you mean 'page'?"
                || topError.description.hasPrefix("\(file):\(topLine):1: error: unknown key 'margin' in the layout"))

        let inStyle = try edited("body:       { size: 12pt,", "body:       { size: 12pt, weight: bold,")
        let styleError = try #require(inputError { _ = try load(inStyle) })
        let styleLine = CoverReportFixtures.line(of: "weight: bold", in: inStyle)
        let column = CoverReportFixtures.column(of: "weight", in: inStyle)
        #expect(styleError.description.hasPrefix(
            "\(file):\(styleLine):\(column): error: unknown key 'weight' in 'textStyles.body' (expected one of: size, leading, bold, italic, color)"))
    }

    @Test("every key is required: a missing key names the key and its mapping")
    func missingKey() throws {
        let text = try edited("  spacing: 8pt ", "  # spacing removed ")
        let error = try #require(inputError { _ = try load(text) })
        let line = CoverReportFixtures.line(of: "numberColumnWidth:", in: text)
        #expect(error.description == "\(file):\(line):3: error: missing required key 'spacing' in 'paragraphs'")

        let group = try edited("quotes:\n  indent: 10mm", "quotesX:\n  indent: 10mm")
        let groupError = try #require(inputError { _ = try load(group) })
        #expect(groupError.diagnostics.map(\.message).contains("missing required key 'quotes' in the layout"))
        #expect(groupError.diagnostics.map(\.message).contains("unknown key 'quotesX' in the layout; did you mean 'quotes'?"))

        let styleKey = try edited("footer:     { size: 9pt,  leading: 1.2,  bold: false,", "footer:     { size: 9pt,  bold: false,")
        let styleError = try #require(inputError { _ = try load(styleKey) })
        let styleLine = CoverReportFixtures.line(of: "footer:     {", in: styleKey)
        let column = CoverReportFixtures.column(of: "{ size: 9pt", in: styleKey)
        #expect(styleError.description == "\(file):\(styleLine):\(column): error: missing required key 'leading' in 'textStyles.footer'")
    }

    @Test("margins wider than the page are rejected at the margins")
    func impossibleMargins() throws {
        let text = try edited("    left: 20mm", "    left: 195mm")
        let error = try #require(inputError { _ = try load(text) })
        let line = CoverReportFixtures.line(of: "top: 20mm", in: text)
        #expect(error.description.hasPrefix("\(file):\(line):5: error: 'page.margins': left 195mm + right 20mm leave no content width on a page 210mm wide"), "\(error)")

        let tall = try edited("    bottom: 25mm", "    bottom: 290mm")
        let tallError = try #require(inputError { _ = try load(tall) })
        #expect(tallError.description.contains("'page.margins': top 20mm + bottom 290mm leave no content height"))
    }

    @Test("geometry that cannot be laid out is located")
    func impossibleGeometry() throws {
        let label = try edited("labelWidth: 55mm", "labelWidth: 180mm")
        let labelError = try #require(inputError { _ = try load(label) })
        let labelLine = CoverReportFixtures.line(of: "labelWidth: 180mm", in: label)
        #expect(labelError.description.hasPrefix("\(file):\(labelLine):15: error: 'fieldTable.labelWidth' (180mm) is wider than the content area"), "\(labelError)")

        let number = try edited("numberColumnWidth: 12.5mm", "numberColumnWidth: 160mm")
        let numberError = try #require(inputError { _ = try load(number) })
        #expect(numberError.description.contains("'paragraphs.numberColumnWidth' (160mm) leaves less than 20mm for text"))

        let quote = try edited("indent: 10mm", "indent: 80mm")
        let quoteError = try #require(inputError { _ = try load(quote) })
        #expect(quoteError.description.contains("'quotes.indent'"))

        let footer = try edited("baseline: 12mm", "baseline: 30mm")
        let footerError = try #require(inputError { _ = try load(footer) })
        let footerLine = CoverReportFixtures.line(of: "baseline: 30mm", in: footer)
        #expect(footerError.description.hasPrefix("\(file):\(footerLine):13: error: 'footer.baseline' (30mm) must lie inside the bottom margin"))
    }

    @Test("bad values name the key and the position of the value")
    func badValues() throws {
        let negative = try edited("    right: 20mm", "    right: -5mm")
        let negativeError = try #require(inputError { _ = try load(negative) })
        let line = CoverReportFixtures.line(of: "right: -5mm", in: negative)
        #expect(negativeError.description == "\(file):\(line):12: error: 'page.margins.right' must not be negative, found '-5mm'")

        let unit = try edited("rowSpacing: 6pt", "rowSpacing: 6px")
        let unitError = try #require(inputError { _ = try load(unit) })
        #expect(unitError.description.contains("'fieldTable.rowSpacing' must be a length such as \"20mm\""))
        #expect(unitError.description.contains("found '6px'"))

        let unquoted = try edited("  color: \"#000000\"\n", "  color: #000000\n")
        let colourError = try #require(inputError { _ = try load(unquoted) })
        #expect(colourError.description.contains("'rules.color' must be a colour written \"#RRGGBB\" in quotes, found nothing"))

        let colour = try edited("  color: \"#000000\"\n", "  color: \"black\"\n")
        let colourError2 = try #require(inputError { _ = try load(colour) })
        #expect(colourError2.description.contains("'rules.color' must be a colour written \"#RRGGBB\", found 'black'"))

        let size = try edited("size: A4", "size: B7")
        let sizeError = try #require(inputError { _ = try load(size) })
        #expect(sizeError.description.contains("'page.size' must be A3, A4, A5, Letter, Legal or \"WIDTH x HEIGHT\""))

        let orientation = try edited("orientation: portrait", "orientation: sideways")
        let orientationError = try #require(inputError { _ = try load(orientation) })
        #expect(orientationError.description.contains("'page.orientation' must be portrait or landscape, found 'sideways'"))

        let bold = try edited("body:       { size: 12pt, leading: 1.25, bold: false,", "body:       { size: 12pt, leading: 1.25, bold: maybe,")
        let boldError = try #require(inputError { _ = try load(bold) })
        #expect(boldError.description.contains("'textStyles.body.bold' must be true or false, found 'maybe'"))

        let zero = try edited("footer:     { size: 9pt,", "footer:     { size: 0pt,")
        let zeroError = try #require(inputError { _ = try load(zero) })
        #expect(zeroError.description.contains("'textStyles.footer.size' must be between 1pt and 500pt"))

        let placeholder = try edited("template: \"Page {page} of {pages}\"", "template: \"Page {page} of {total}\"")
        let placeholderError = try #require(inputError { _ = try load(placeholder) })
        #expect(placeholderError.description.contains("'footer.template' uses an unknown placeholder {total}"))

        let alignment = try edited("alignment: right", "alignment: centre")
        let alignmentError = try #require(inputError { _ = try load(alignment) })
        #expect(alignmentError.description.contains("'footer.alignment' must be left, center or right, found 'centre'"))
    }

    @Test("custom paper sizes and malformed layout YAML")
    func customSizeAndMalformed() throws {
        let custom = try load(edited("size: A4", "size: 300mm x 250mm"))
        // Portrait orientation puts the short side across.
        #expect(close(custom.page.size.width, .mm(250)) && close(custom.page.size.height, .mm(300)))

        let malformed = try edited("  family: Liberation Sans", "  family: [Liberation Sans")
        let error = try #require(inputError { _ = try load(malformed) })
        #expect(error.description.hasPrefix("\(file):"))
        #expect(error.description.contains("malformed YAML in the layout"))

        let empty = try #require(inputError { _ = try load("# nothing\n") })
        #expect(empty.description == "\(file):1:1: error: the layout is empty")
    }

    @Test("section titles from the layout drive unnumbered paragraphs")
    func unnumberedFromLayout() throws {
        let style = try load(CoverReportFixtures.layoutText())
        let parsed = try CoverReportParser.parse(CoverReportFixtures.report, file: "report.md",
                                                 unnumberedSections: style.unnumberedSections)
        let unnumberedParagraphs = parsed.value.body.filter {
            if case .paragraph(nil, _) = $0 { return true }
            return false
        }
        #expect(unnumberedParagraphs.count == 3)
    }
}
