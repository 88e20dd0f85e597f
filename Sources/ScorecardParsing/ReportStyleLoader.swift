import Foundation
import ScorecardModel

/// Loads the house style of a committee cover report from a layout file such as
/// `Layouts/committee-report.yaml`. Every key is required and unknown keys are errors, so a typo never
/// silently falls back to a default. Geometry that cannot be laid out is rejected here, with the
/// position of the value at fault.
public enum ReportStyleLoader {
    /// Placeholders the footer template may use.
    public static let footerPlaceholders: Set<String> = ["page", "pages", "title"]

    /// The narrowest text column accepted after the paragraph-number column (the layout needs > 20pt).
    static let minimumTextColumn = Length.mm(20)

    /// Parses and checks a committee-report layout. Throws `InputError` with file:line:column diagnostics.
    public static func load(_ text: String, file: String) throws -> ReportStyle {
        let document = try YAMLDocument.compose(text, file: file, documentName: "layout")
        let raw = try document.decode(CommitteeReportLayoutFile.self)
        return try raw.reportStyle()
    }

    /// Reads and loads a layout file from disk.
    public static func load(contentsOf url: URL) throws -> ReportStyle {
        try load(try TextFile.read(url), file: url.path)
    }
}

/// The layout file as written. Each group mirrors one YAML mapping.
struct CommitteeReportLayoutFile: Decodable {
    var page: YAMLPage
    var fonts: Fonts
    var textStyles: TextStyles
    var fieldTable: FieldTable
    var paragraphs: Paragraphs
    var headings: Headings
    var quotes: Quotes
    var lists: Lists
    var rules: Rules
    var sections: Sections
    var footer: Footer

    enum CodingKeys: String, CodingKey, CaseIterable {
        case page, fonts, textStyles, fieldTable, paragraphs, headings, quotes, lists, rules, sections, footer
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        page = try c.decode(YAMLPage.self, forKey: .page)
        fonts = try c.decode(Fonts.self, forKey: .fonts)
        textStyles = try c.decode(TextStyles.self, forKey: .textStyles)
        fieldTable = try c.decode(FieldTable.self, forKey: .fieldTable)
        paragraphs = try c.decode(Paragraphs.self, forKey: .paragraphs)
        headings = try c.decode(Headings.self, forKey: .headings)
        quotes = try c.decode(Quotes.self, forKey: .quotes)
        lists = try c.decode(Lists.self, forKey: .lists)
        rules = try c.decode(Rules.self, forKey: .rules)
        sections = try c.decode(Sections.self, forKey: .sections)
        footer = try c.decode(Footer.self, forKey: .footer)
    }

    struct Fonts: Decodable {
        var family: YAMLText
        enum CodingKeys: String, CodingKey, CaseIterable { case family }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            family = try c.decode(YAMLText.self, forKey: .family)
        }
    }

    struct TextStyles: Decodable {
        var body, heading, quote, fieldLabel, fieldValue, subject, footer: YAMLTextStyle
        enum CodingKeys: String, CodingKey, CaseIterable {
            case body, heading, quote, fieldLabel, fieldValue, subject, footer
        }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            body = try c.decode(YAMLTextStyle.self, forKey: .body)
            heading = try c.decode(YAMLTextStyle.self, forKey: .heading)
            quote = try c.decode(YAMLTextStyle.self, forKey: .quote)
            fieldLabel = try c.decode(YAMLTextStyle.self, forKey: .fieldLabel)
            fieldValue = try c.decode(YAMLTextStyle.self, forKey: .fieldValue)
            subject = try c.decode(YAMLTextStyle.self, forKey: .subject)
            footer = try c.decode(YAMLTextStyle.self, forKey: .footer)
        }
    }

    struct FieldTable: Decodable {
        var labelWidth, rowSpacing: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case labelWidth, rowSpacing }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            labelWidth = try c.decode(YAMLLength.self, forKey: .labelWidth)
            rowSpacing = try c.decode(YAMLLength.self, forKey: .rowSpacing)
        }
    }

    struct Paragraphs: Decodable {
        var spacing, numberColumnWidth: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case spacing, numberColumnWidth }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            spacing = try c.decode(YAMLLength.self, forKey: .spacing)
            numberColumnWidth = try c.decode(YAMLLength.self, forKey: .numberColumnWidth)
        }
    }

    struct Headings: Decodable {
        var spaceBefore, spaceAfter: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case spaceBefore, spaceAfter }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            spaceBefore = try c.decode(YAMLLength.self, forKey: .spaceBefore)
            spaceAfter = try c.decode(YAMLLength.self, forKey: .spaceAfter)
        }
    }

    struct Quotes: Decodable {
        var indent: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case indent }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            indent = try c.decode(YAMLLength.self, forKey: .indent)
        }
    }

    struct Lists: Decodable {
        var labelWidth: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case labelWidth }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            labelWidth = try c.decode(YAMLLength.self, forKey: .labelWidth)
        }
    }

    struct Rules: Decodable {
        var width: YAMLLength
        var color: YAMLColor
        var spacing: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case width, color, spacing }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            width = try c.decode(YAMLLength.self, forKey: .width)
            color = try c.decode(YAMLColor.self, forKey: .color)
            spacing = try c.decode(YAMLLength.self, forKey: .spacing)
        }
    }

    struct Sections: Decodable {
        var unnumbered: [YAMLText]
        enum CodingKeys: String, CodingKey, CaseIterable { case unnumbered }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            unnumbered = try c.decode([YAMLText].self, forKey: .unnumbered)
        }
    }

    struct Footer: Decodable {
        var template: YAMLText
        var alignment: YAMLAlignment
        var baseline: YAMLLength
        var location: SourceLocation?
        enum CodingKeys: String, CodingKey, CaseIterable { case template, alignment, baseline }
        init(from decoder: Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            template = try c.decode(YAMLText.self, forKey: .template)
            alignment = try c.decode(YAMLAlignment.self, forKey: .alignment)
            baseline = try c.decode(YAMLLength.self, forKey: .baseline)
            location = decoder.sourceLocation
            for name in Footer.placeholders(in: template.value)
            where !ReportStyleLoader.footerPlaceholders.contains(name) {
                let known = ReportStyleLoader.footerPlaceholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw decoder.invalidValue(forKey: CodingKeys.template,
                                           "uses an unknown placeholder {\(name)}; the known ones are \(known)")
            }
        }

        /// The names between braces: "Page {page} of {pages}" -> ["page", "pages"].
        static func placeholders(in template: String) -> [String] {
            var names: [String] = []
            var rest = Substring(template)
            while let open = rest.firstIndex(of: "{") {
                guard let close = rest[open...].firstIndex(of: "}") else { break }
                names.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            return names
        }
    }

    /// Checks geometry that depends on several values, then builds the style.
    func reportStyle() throws -> ReportStyle {
        let spec = page.spec
        let content = spec.contentRect
        var problems = Diagnostics()

        let textWidth = content.width - paragraphs.numberColumnWidth.length
        if textWidth < ReportStyleLoader.minimumTextColumn {
            problems.error("'paragraphs.numberColumnWidth' (\(formatMillimetres(paragraphs.numberColumnWidth.length))) "
                           + "leaves less than \(formatMillimetres(ReportStyleLoader.minimumTextColumn)) for text in a "
                           + "content area \(formatMillimetres(content.width)) wide",
                           at: paragraphs.numberColumnWidth.location)
        }
        let labelWidth = fieldTable.labelWidth.length
        if labelWidth >= content.width - ReportStyleLoader.minimumTextColumn {
            problems.error("'fieldTable.labelWidth' (\(formatMillimetres(labelWidth))) is wider than the content area "
                           + "(\(formatMillimetres(content.width)) between the margins) allows",
                           at: fieldTable.labelWidth.location)
        } else if labelWidth < .pt(10) {
            problems.error("'fieldTable.labelWidth' (\(formatMillimetres(labelWidth))) is too narrow for the field labels",
                           at: fieldTable.labelWidth.location)
        }
        if lists.labelWidth.length >= textWidth {
            problems.error("'lists.labelWidth' (\(formatMillimetres(lists.labelWidth.length))) is wider than the text "
                           + "column (\(formatMillimetres(textWidth)))", at: lists.labelWidth.location)
        }
        if quotes.indent.length * 2 >= textWidth {
            problems.error("'quotes.indent' (\(formatMillimetres(quotes.indent.length)) on each side) leaves no room "
                           + "in the text column (\(formatMillimetres(textWidth)))", at: quotes.indent.location)
        }
        let baseline = footer.baseline.length
        if baseline.points <= 0 || baseline >= spec.margins.bottom {
            problems.error("'footer.baseline' (\(formatMillimetres(baseline))) must lie inside the bottom margin "
                           + "(above the page edge and below \(formatMillimetres(spec.margins.bottom)))",
                           at: footer.baseline.location)
        }
        if problems.hasErrors { throw InputError(problems.all) }

        return ReportStyle(
            fontFamily: fonts.family.value,
            page: spec,
            body: textStyles.body.style,
            paragraphSpacing: paragraphs.spacing.length,
            numberColumnWidth: paragraphs.numberColumnWidth.length,
            quoteIndent: quotes.indent.length,
            quoteStyle: textStyles.quote.style,
            listLabelWidth: lists.labelWidth.length,
            headingStyle: textStyles.heading.style,
            headingSpaceBefore: headings.spaceBefore.length,
            headingSpaceAfter: headings.spaceAfter.length,
            fieldLabelWidth: labelWidth,
            fieldRowSpacing: fieldTable.rowSpacing.length,
            fieldLabelStyle: textStyles.fieldLabel.style,
            fieldValueStyle: textStyles.fieldValue.style,
            subjectStyle: textStyles.subject.style,
            ruleWidth: rules.width.length,
            ruleColor: rules.color.color,
            ruleSpacing: rules.spacing.length,
            unnumberedSections: sections.unnumbered.map(\.value),
            footerTemplate: footer.template.value,
            footerStyle: textStyles.footer.style,
            footerBaseline: baseline,
            footerAlignment: footer.alignment.alignment)
    }
}
