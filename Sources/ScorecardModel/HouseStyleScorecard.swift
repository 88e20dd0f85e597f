/// A column of the indicator table: which field it shows, its header label, width and alignment.
public struct IndicatorColumn: Hashable, Sendable {
    /// The indicator fields a column can show.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case ref, indicator, polarity, period, previous, current, rag, dot, target, floor
        case england, southEast, statNeighbours, source, note
    }
    public enum Width: Hashable, Sendable {
        case fixed(Length)
        /// Takes what the fixed columns leave (shared equally when several columns fill).
        case fill
    }
    public var field: Field
    public var header: String
    public var width: Width
    public var alignment: TextAlignment

    public init(field: Field, header: String, width: Width, alignment: TextAlignment) {
        self.field = field; self.header = header; self.width = width; self.alignment = alignment
    }
}

/// Fill and text colour of one RAG rating's cell.
public struct RatingColors: Hashable, Sendable {
    public var fill: Color
    public var text: Color
    public init(fill: Color, text: Color) { self.fill = fill; self.text = text }
}

/// Table furniture shared by indicator tables, district matrices and key tables.
public struct TableStyle: Hashable, Sendable {
    public var headerStyle: TextStyle
    public var cellStyle: TextStyle
    public var sectionStyle: TextStyle
    public var headerFill: Color
    public var sectionFill: Color
    public var cellPadding: Insets
    public var gridColor: Color
    public var gridWidth: Length
    public var minimumRowHeight: Length

    public init(headerStyle: TextStyle, cellStyle: TextStyle, sectionStyle: TextStyle, headerFill: Color,
                sectionFill: Color, cellPadding: Insets, gridColor: Color, gridWidth: Length, minimumRowHeight: Length) {
        self.headerStyle = headerStyle; self.cellStyle = cellStyle; self.sectionStyle = sectionStyle
        self.headerFill = headerFill; self.sectionFill = sectionFill; self.cellPadding = cellPadding
        self.gridColor = gridColor; self.gridWidth = gridWidth; self.minimumRowHeight = minimumRowHeight
    }
}

/// The declarative house style of a scorecard appendix (`Layouts/scorecard-landscape.yaml`).
public struct ScorecardStyle: Hashable, Sendable {
    public var fontFamily: String
    public var page: PageSpec

    // Title page
    public var appendixLabelStyle: TextStyle
    public var headerLineStyle: TextStyle
    public var titleStyle: TextStyle
    public var releaseLineStyle: TextStyle
    public var producedByStyle: TextStyle
    /// Distance from the top of the content area to the title block.
    public var titleBlockOffset: Length
    public var blankPageText: String
    public var blankPageStyle: TextStyle

    // Guidance notes and headings
    public var headingStyle: TextStyle
    public var subheadingStyle: TextStyle
    public var body: TextStyle
    public var blockSpacing: Length
    /// Width of key tables on the guidance notes page.
    public var keyTableWidth: Length

    // Tables
    public var table: TableStyle
    public var columns: [IndicatorColumn]
    public var districtIndicatorWidth: Length
    public var districtRefWidth: Length
    /// District matrices set more columns than the indicator table, so they have their own text sizes.
    public var districtHeaderStyle: TextStyle
    public var districtCellStyle: TextStyle
    public var red: RatingColors
    public var amber: RatingColors
    public var green: RatingColors
    public var arrowColor: Color
    public var toBeSuppliedFill: Color

    // Footer
    public var footerTemplate: String
    public var footerStyle: TextStyle
    public var footerBaseline: Length
    public var footerAlignment: TextAlignment

    public init(fontFamily: String, page: PageSpec, appendixLabelStyle: TextStyle, headerLineStyle: TextStyle,
                titleStyle: TextStyle, releaseLineStyle: TextStyle, producedByStyle: TextStyle,
                titleBlockOffset: Length, blankPageText: String, blankPageStyle: TextStyle,
                headingStyle: TextStyle, subheadingStyle: TextStyle, body: TextStyle, blockSpacing: Length,
                keyTableWidth: Length, table: TableStyle, columns: [IndicatorColumn],
                districtIndicatorWidth: Length, districtRefWidth: Length, districtHeaderStyle: TextStyle,
                districtCellStyle: TextStyle, red: RatingColors, amber: RatingColors,
                green: RatingColors, arrowColor: Color, toBeSuppliedFill: Color, footerTemplate: String,
                footerStyle: TextStyle, footerBaseline: Length, footerAlignment: TextAlignment) {
        self.fontFamily = fontFamily; self.page = page; self.appendixLabelStyle = appendixLabelStyle
        self.headerLineStyle = headerLineStyle; self.titleStyle = titleStyle; self.releaseLineStyle = releaseLineStyle
        self.producedByStyle = producedByStyle; self.titleBlockOffset = titleBlockOffset
        self.blankPageText = blankPageText; self.blankPageStyle = blankPageStyle; self.headingStyle = headingStyle
        self.subheadingStyle = subheadingStyle; self.body = body; self.blockSpacing = blockSpacing
        self.keyTableWidth = keyTableWidth; self.table = table; self.columns = columns
        self.districtIndicatorWidth = districtIndicatorWidth; self.districtRefWidth = districtRefWidth
        self.districtHeaderStyle = districtHeaderStyle; self.districtCellStyle = districtCellStyle
        self.red = red; self.amber = amber; self.green = green; self.arrowColor = arrowColor
        self.toBeSuppliedFill = toBeSuppliedFill; self.footerTemplate = footerTemplate
        self.footerStyle = footerStyle; self.footerBaseline = footerBaseline; self.footerAlignment = footerAlignment
    }
}
