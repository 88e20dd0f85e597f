/// A table resolved for layout: columns with widths, and rows of cells already formatted as text.
/// Built by the scorecard (or any other) layouter; laid out by `TableLayout`.
public struct TableSpec: Sendable {
    public struct Column: Sendable {
        public var width: Length
        public init(width: Length) { self.width = width }
    }

    public var columns: [Column]
    /// Rows of the table head: repeated (as artifacts) at the top of every page the table continues on.
    public var headerRows: [TableRow]
    public var bodyRows: [TableRow]
    /// Space between a cell's edges and its text.
    public var cellPadding: Insets
    public var gridColor: Color
    public var gridWidth: Length
    /// Shortest allowed row, so RAG and DoT cells keep room for their shapes.
    public var minimumRowHeight: Length
    /// Label used in error messages ("Appendix 1 indicator table").
    public var label: String

    public init(columns: [Column], headerRows: [TableRow], bodyRows: [TableRow], cellPadding: Insets,
                gridColor: Color, gridWidth: Length, minimumRowHeight: Length, label: String) {
        self.columns = columns; self.headerRows = headerRows; self.bodyRows = bodyRows
        self.cellPadding = cellPadding; self.gridColor = gridColor; self.gridWidth = gridWidth
        self.minimumRowHeight = minimumRowHeight; self.label = label
    }

    public var width: Length { columns.reduce(.zero) { $0 + $1.width } }
}

/// A drawn mark inside a cell, centred in the cell's padded box beside or instead of text.
public enum CellGraphic: Hashable, Sendable {
    /// A direction-of-travel arrow: up, down or level, drawn as a filled vector shape.
    case arrow(ArrowDirection, color: Color)
    public enum ArrowDirection: Hashable, Sendable { case up, down, level }
}

public struct TableCell: Sendable {
    public var text: StyledText
    public var style: TextStyle
    public var alignment: TextAlignment
    public var fill: Color?
    /// Extra columns this cell covers to its right (0 = one column).
    public var extraColumns: Int
    /// Header cells are tagged TH with a scope; data cells TD.
    public var header: StructureTag.HeaderScope?
    public var graphic: CellGraphic?
    /// A hatched or patterned cell marks data still to be supplied.
    public var hatched: Bool
    /// Shrink the text (to no less than 5pt) so that no word has to break inside itself.
    public var shrinkToFitWords: Bool = false

    public init(_ text: StyledText, style: TextStyle, alignment: TextAlignment = .left, fill: Color? = nil,
                extraColumns: Int = 0, header: StructureTag.HeaderScope? = nil, graphic: CellGraphic? = nil,
                hatched: Bool = false) {
        self.text = text; self.style = style; self.alignment = alignment; self.fill = fill
        self.extraColumns = extraColumns; self.header = header; self.graphic = graphic; self.hatched = hatched
    }
}

public struct TableRow: Sendable {
    public var cells: [TableCell]
    /// Keep this row on the same page as the next (section heading rows).
    public var keepWithNext: Bool
    /// Name used in messages ("row SCS07").
    public var label: String
    /// Bookmark added at the row's top (section rows), if any.
    public var bookmark: String?
    /// Where the row's data came from, for warnings about it.
    public var location: SourceLocation?

    public init(cells: [TableCell], keepWithNext: Bool = false, label: String, bookmark: String? = nil,
                location: SourceLocation? = nil) {
        self.cells = cells; self.keepWithNext = keepWithNext; self.label = label; self.bookmark = bookmark
        self.location = location
    }
}
