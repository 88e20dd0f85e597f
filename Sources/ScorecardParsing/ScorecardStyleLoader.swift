import Foundation
import ScorecardModel

/// Loads the house style of a scorecard appendix from a layout file such as
/// `Layouts/scorecard-landscape.yaml`. It follows the conventions of `ReportStyleLoader`: every key is
/// required, unknown keys are errors (with a "did you mean"), and geometry or colours that cannot work
/// on paper are rejected with the position of the value at fault.
public enum ScorecardStyleLoader {
    /// Placeholders the footer template may use (the same as the cover report's).
    public static let footerPlaceholders: Set<String> = ReportStyleLoader.footerPlaceholders

    /// The least contrast ratio accepted between a filled cell and its text (WCAG 2.1 AA, normal text).
    public static let minimumContrast = 4.5

    /// The least difference in relative luminance between two rating fills, so that red, amber and
    /// green stay apart in a greyscale print and for colour-blind readers.
    public static let minimumLuminanceDifference = 0.1

    /// The narrowest width left to each `fill` column after the fixed columns.
    static let minimumFillColumn = Length.mm(15)

    /// The room a district matrix needs for its Target, Floor, Kent and district columns.
    static let minimumDistrictValues = Length.mm(40)

    /// The room the title block needs below `titlePage.blockOffset`.
    static let minimumTitleBlock = Length.mm(50)

    /// Parses and checks a scorecard layout. Throws `InputError` with file:line:column diagnostics.
    public static func load(_ text: String, file: String) throws -> ScorecardStyle {
        let document = try YAMLDocument.composeForReading(text, file: file, documentName: "layout")
        let raw = try document.read(ScorecardLayoutFile.self)
        return try raw.scorecardStyle()
    }

    /// Reads and loads a layout file from disk.
    public static func load(contentsOf url: URL) throws -> ScorecardStyle {
        try load(try TextFile.read(url), file: url.path)
    }
}

/// The scorecard layout file as written. Each group mirrors one YAML mapping; the indicator-table
/// columns and the ratings live in `ScorecardStyleLoaderColumns.swift`.
struct ScorecardLayoutFile: YAMLReadable {
    var page: YAMLPage
    var fonts: Fonts
    var titlePage: TitlePage
    var text: Text
    var table: Table
    var columns: [Column]
    var district: District
    var ratings: Ratings
    var arrowColor: YAMLColor
    var toBeSuppliedFill: YAMLColor
    var footer: Footer

    enum CodingKeys: String, CodingKey, CaseIterable {
        case page, fonts, titlePage, text, table, columns, district, ratings, arrowColor, toBeSuppliedFill, footer
    }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        page = try c.read(YAMLPage.self, .page)
        fonts = try c.read(Fonts.self, .fonts)
        titlePage = try c.read(TitlePage.self, .titlePage)
        text = try c.read(Text.self, .text)
        table = try c.read(Table.self, .table)
        columns = try c.list(Column.self, .columns)
        if columns.isEmpty {
            throw yaml.invalidValue(forKey: CodingKeys.columns,
                                    "must list at least one column (a list of { field, header, width, align })")
        }
        district = try c.read(District.self, .district)
        ratings = try c.read(Ratings.self, .ratings)
        arrowColor = try c.read(YAMLColor.self, .arrowColor)
        toBeSuppliedFill = try c.read(YAMLColor.self, .toBeSuppliedFill)
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

    struct TitlePage: YAMLReadable {
        var appendixLabel, headerLine, title, releaseLine, producedBy: YAMLTextStyle
        var blockOffset: YAMLLength
        var blankPageText: YAMLText
        var blankPageStyle: YAMLTextStyle
        enum CodingKeys: String, CodingKey, CaseIterable {
            case appendixLabel, headerLine, title, releaseLine, producedBy, blockOffset, blankPageText, blankPageStyle
        }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            appendixLabel = try c.read(YAMLTextStyle.self, .appendixLabel)
            headerLine = try c.read(YAMLTextStyle.self, .headerLine)
            title = try c.read(YAMLTextStyle.self, .title)
            releaseLine = try c.read(YAMLTextStyle.self, .releaseLine)
            producedBy = try c.read(YAMLTextStyle.self, .producedBy)
            blockOffset = try c.read(YAMLLength.self, .blockOffset)
            blankPageText = try c.read(YAMLText.self, .blankPageText)
            blankPageStyle = try c.read(YAMLTextStyle.self, .blankPageStyle)
        }
    }

    struct Text: YAMLReadable {
        var heading, subheading, body: YAMLTextStyle
        var blockSpacing, keyTableWidth: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable { case heading, subheading, body, blockSpacing, keyTableWidth }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            heading = try c.read(YAMLTextStyle.self, .heading)
            subheading = try c.read(YAMLTextStyle.self, .subheading)
            body = try c.read(YAMLTextStyle.self, .body)
            blockSpacing = try c.read(YAMLLength.self, .blockSpacing)
            keyTableWidth = try c.read(YAMLLength.self, .keyTableWidth)
        }
    }

    struct Table: YAMLReadable {
        var header, cell, section: YAMLTextStyle
        var headerFill, sectionFill: YAMLColor
        var cellPadding: YAMLInsets
        var gridColor: YAMLColor
        var gridWidth, minimumRowHeight: YAMLLength
        enum CodingKeys: String, CodingKey, CaseIterable {
            case header, cell, section, headerFill, sectionFill, cellPadding, gridColor, gridWidth, minimumRowHeight
        }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            header = try c.read(YAMLTextStyle.self, .header)
            cell = try c.read(YAMLTextStyle.self, .cell)
            section = try c.read(YAMLTextStyle.self, .section)
            headerFill = try c.read(YAMLColor.self, .headerFill)
            sectionFill = try c.read(YAMLColor.self, .sectionFill)
            cellPadding = try c.read(YAMLInsets.self, .cellPadding)
            gridColor = try c.read(YAMLColor.self, .gridColor)
            gridWidth = try c.read(YAMLLength.self, .gridWidth)
            minimumRowHeight = try c.read(YAMLLength.self, .minimumRowHeight)
        }

        var style: TableStyle {
            TableStyle(headerStyle: header.style, cellStyle: cell.style, sectionStyle: section.style,
                       headerFill: headerFill.color, sectionFill: sectionFill.color, cellPadding: cellPadding.insets,
                       gridColor: gridColor.color, gridWidth: gridWidth.length, minimumRowHeight: minimumRowHeight.length)
        }
    }

    struct District: YAMLReadable {
        var refWidth, indicatorWidth: YAMLLength
        var header, cell: YAMLTextStyle
        enum CodingKeys: String, CodingKey, CaseIterable { case refWidth, indicatorWidth, header, cell }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            refWidth = try c.read(YAMLLength.self, .refWidth)
            indicatorWidth = try c.read(YAMLLength.self, .indicatorWidth)
            header = try c.read(YAMLTextStyle.self, .header)
            cell = try c.read(YAMLTextStyle.self, .cell)
        }
    }

    struct Footer: YAMLReadable {
        var template: YAMLText
        var style: YAMLTextStyle
        var baseline: YAMLLength
        var alignment: YAMLAlignment
        enum CodingKeys: String, CodingKey, CaseIterable { case template, style, baseline, alignment }
        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            template = try c.read(YAMLText.self, .template)
            style = try c.read(YAMLTextStyle.self, .style)
            baseline = try c.read(YAMLLength.self, .baseline)
            alignment = try c.read(YAMLAlignment.self, .alignment)
            for name in CommitteeReportLayoutFile.Footer.placeholders(in: template.value)
            where !ScorecardStyleLoader.footerPlaceholders.contains(name) {
                let known = ScorecardStyleLoader.footerPlaceholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw yaml.invalidValue(forKey: CodingKeys.template,
                                        "uses an unknown placeholder {\(name)}; the known ones are \(known)")
            }
        }
    }

    /// Checks geometry and colours that depend on several values, then builds the style.
    func scorecardStyle() throws -> ScorecardStyle {
        let spec = page.spec
        let content = spec.contentRect
        var problems = Diagnostics()

        checkColumns(content: content, into: &problems)

        // Title page: the title block must fit below its offset.
        let offset = titlePage.blockOffset.length
        if offset > content.height - ScorecardStyleLoader.minimumTitleBlock {
            problems.error("'titlePage.blockOffset' (\(formatMillimetres(offset))) leaves less than "
                           + "\(formatMillimetres(ScorecardStyleLoader.minimumTitleBlock)) for the title block in a content "
                           + "area \(formatMillimetres(content.height)) high", at: titlePage.blockOffset.location)
        }

        // Key tables on the Guidance Notes page.
        let keyWidth = text.keyTableWidth.length
        if keyWidth > content.width {
            problems.error("'text.keyTableWidth' (\(formatMillimetres(keyWidth))) is wider than the content area "
                           + "(\(formatMillimetres(content.width)) between the margins)", at: text.keyTableWidth.location)
        } else if keyWidth < ScorecardStyleLoader.minimumFillColumn * 2 {
            problems.error("'text.keyTableWidth' (\(formatMillimetres(keyWidth))) is too narrow for a key table "
                           + "(at least \(formatMillimetres(ScorecardStyleLoader.minimumFillColumn * 2)))",
                           at: text.keyTableWidth.location)
        }

        // District matrices: Ref and Indicator, then the value columns share the rest.
        let padding = table.cellPadding.insets.horizontal
        for (name, width) in [("refWidth", district.refWidth), ("indicatorWidth", district.indicatorWidth)]
        where width.length <= padding {
            problems.error("'district.\(name)' (\(formatMillimetres(width.length))) leaves no room for text inside "
                           + "the cell padding (\(formatMillimetres(padding)) left and right)", at: width.location)
        }
        let districtFixed = district.refWidth.length + district.indicatorWidth.length
        if districtFixed > content.width - ScorecardStyleLoader.minimumDistrictValues {
            problems.error("'district.indicatorWidth' (\(formatMillimetres(district.indicatorWidth.length))) with "
                           + "'district.refWidth' (\(formatMillimetres(district.refWidth.length))) leaves less than "
                           + "\(formatMillimetres(ScorecardStyleLoader.minimumDistrictValues)) for the district columns "
                           + "in a content area \(formatMillimetres(content.width)) wide",
                           at: district.indicatorWidth.location)
        }

        // Footer baseline inside the bottom margin.
        let baseline = footer.baseline.length
        if baseline.points <= 0 || baseline >= spec.margins.bottom {
            problems.error("'footer.baseline' (\(formatMillimetres(baseline))) must lie inside the bottom margin "
                           + "(above the page edge and below \(formatMillimetres(spec.margins.bottom)))",
                           at: footer.baseline.location)
        }

        ratings.check(into: &problems)
        checkFill(table.headerFill, path: "table.headerFill", text: table.header.style.color, textName: "table.header",
                  into: &problems)
        checkFill(table.sectionFill, path: "table.sectionFill", text: table.section.style.color,
                  textName: "table.section", into: &problems)
        checkFill(toBeSuppliedFill, path: "toBeSuppliedFill", text: table.cell.style.color, textName: "table.cell",
                  into: &problems)

        if problems.hasErrors { throw InputError(YAMLDocument.sortedByPosition(problems.all)) }

        return ScorecardStyle(
            fontFamily: fonts.family.value,
            page: spec,
            appendixLabelStyle: titlePage.appendixLabel.style,
            headerLineStyle: titlePage.headerLine.style,
            titleStyle: titlePage.title.style,
            releaseLineStyle: titlePage.releaseLine.style,
            producedByStyle: titlePage.producedBy.style,
            titleBlockOffset: offset,
            blankPageText: titlePage.blankPageText.value,
            blankPageStyle: titlePage.blankPageStyle.style,
            headingStyle: text.heading.style,
            subheadingStyle: text.subheading.style,
            body: text.body.style,
            blockSpacing: text.blockSpacing.length,
            keyTableWidth: keyWidth,
            table: table.style,
            columns: columns.map(\.column),
            districtIndicatorWidth: district.indicatorWidth.length,
            districtRefWidth: district.refWidth.length,
            districtHeaderStyle: district.header.style, districtCellStyle: district.cell.style,
            red: ratings.red.colors,
            amber: ratings.amber.colors,
            green: ratings.green.colors,
            arrowColor: arrowColor.color,
            toBeSuppliedFill: toBeSuppliedFill.color,
            footerTemplate: footer.template.value,
            footerStyle: footer.style.style,
            footerBaseline: baseline,
            footerAlignment: footer.alignment.alignment)
    }

    /// A filled cell must keep its text readable: at least `ScorecardStyleLoader.minimumContrast`.
    func checkFill(_ fill: YAMLColor, path: String, text: Color, textName: String, into problems: inout Diagnostics) {
        let ratio = fill.color.contrastRatio(with: text)
        guard ratio < ScorecardStyleLoader.minimumContrast else { return }
        problems.error("'\(path)' (\(ScorecardStyleLoader.hex(fill.color))) gives the \(textName) text (\(ScorecardStyleLoader.hex(text))) a contrast "
                       + "ratio of only \(ScorecardStyleLoader.ratio(ratio)); at least \(ScorecardStyleLoader.ratio(ScorecardStyleLoader.minimumContrast)) "
                       + "is needed (WCAG AA)", at: fill.location)
    }
}

extension ScorecardStyleLoader {
    /// `#RRGGBB`, for messages.
    static func hex(_ color: Color) -> String {
        func byte(_ v: Double) -> Int { Int((min(max(v, 0), 1) * 255).rounded()) }
        return String(format: "#%02X%02X%02X", byte(color.red), byte(color.green), byte(color.blue))
    }

    /// "4.5:1", "12.8:1" for messages; rounded down, so a ratio just below the limit never reads as the limit.
    static func ratio(_ value: Double) -> String {
        String(format: "%.1f:1", (value * 10).rounded(.down) / 10)
    }
}
