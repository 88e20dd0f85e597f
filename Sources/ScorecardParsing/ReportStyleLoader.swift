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
        let document = try YAMLDocument.composeForReading(text, file: file, documentName: "layout")
        let raw = try document.read(CommitteeReportLayoutFile.self)
        return try raw.reportStyle()
    }

    /// Reads and loads a layout file from disk.
    public static func load(contentsOf url: URL) throws -> ReportStyle {
        try load(try TextFile.read(url), file: url.path)
    }
}

/// The layout file as written. Each group mirrors one YAML mapping.
struct CommitteeReportLayoutFile: YAMLReadable {
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

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        page = try c.read(YAMLPage.self, .page)
        fonts = try c.read(Fonts.self, .fonts)
        textStyles = try c.read(TextStyles.self, .textStyles)
        fieldTable = try c.read(FieldTable.self, .fieldTable)
        paragraphs = try c.read(Paragraphs.self, .paragraphs)
        headings = try c.read(Headings.self, .headings)
        quotes = try c.read(Quotes.self, .quotes)
        lists = try c.read(Lists.self, .lists)
        rules = try c.read(Rules.self, .rules)
        sections = try c.read(Sections.self, .sections)
        footer = try c.read(Footer.self, .footer)
    }

    struct Fonts: YAMLReadable {
        var family: YAMLText
        enum CodingKeys: String, CodingKey, CaseIterable { case family }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            family = try c.read(YAMLText.self, .family)
        }
    }

    struct TextStyles: YAMLReadable {
        var body, heading, quote, fieldLabel, fieldValue, subject, footer: YAMLTextStyle
        enum CodingKeys: String, CodingKey, CaseIterable {
            case body, heading, quote, fieldLabel, fieldValue, subject, footer
        }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            body = try c.read(YAMLTextStyle.self, .body)
            heading = try c.read(YAMLTextStyle.self, .heading)
            quote = try c.read(YAMLTextStyle.self, .quote)
            fieldLabel = try c.read(YAMLTextStyle.self, .fieldLabel)
            fieldValue = try c.read(YAMLTextStyle.self, .fieldValue)
            subject = try c.read(YAMLTextStyle.self, .subject)
            footer = try c.read(YAMLTextStyle.self, .footer)
        }
    }

    struct FieldTable: YAMLReadable {
        var labelWidth, rowSpacing: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case labelWidth, rowSpacing }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            labelWidth = try c.read(YAMLLength.self, .labelWidth)
            rowSpacing = try c.read(YAMLLength.self, .rowSpacing)
        }
    }

    struct Paragraphs: YAMLReadable {
        var spacing, numberColumnWidth: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case spacing, numberColumnWidth }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            spacing = try c.read(YAMLLength.self, .spacing)
            numberColumnWidth = try c.read(YAMLLength.self, .numberColumnWidth)
        }
    }

    struct Headings: YAMLReadable {
        var spaceBefore, spaceAfter: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case spaceBefore, spaceAfter }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            spaceBefore = try c.read(YAMLLength.self, .spaceBefore)
            spaceAfter = try c.read(YAMLLength.self, .spaceAfter)
        }
    }

    struct Quotes: YAMLReadable {
        var indent: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case indent }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            indent = try c.read(YAMLLength.self, .indent)
        }
    }

    struct Lists: YAMLReadable {
        var labelWidth: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case labelWidth }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            labelWidth = try c.read(YAMLLength.self, .labelWidth)
        }
    }

    struct Rules: YAMLReadable {
        var width: YAMLLength
        var color: YAMLColor
        var spacing: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case width, color, spacing }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            width = try c.read(YAMLLength.self, .width)
            color = try c.read(YAMLColor.self, .color)
            spacing = try c.read(YAMLLength.self, .spacing)
        }
    }

    struct Sections: YAMLReadable {
        var unnumbered: [YAMLText]
        enum CodingKeys: String, CodingKey, CaseIterable { case unnumbered }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            unnumbered = try c.list(YAMLText.self, .unnumbered)
        }
    }

    struct Footer: YAMLReadable {
        var template: YAMLText
        var alignment: YAMLAlignment
        var baseline: YAMLLength
        var location: SourceLocation?
        enum CodingKeys: String, CodingKey, CaseIterable { case template, alignment, baseline }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            template = try c.read(YAMLText.self, .template)
            alignment = try c.read(YAMLAlignment.self, .alignment)
            baseline = try c.read(YAMLLength.self, .baseline)
            location = yaml.sourceLocation
            for name in Footer.placeholders(in: template.value)
            where !ReportStyleLoader.footerPlaceholders.contains(name) {
                let known = ReportStyleLoader.footerPlaceholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw yaml.invalidValue(forKey: CodingKeys.template,
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
