/// The declarative house style of a committee cover report, loaded from `Layouts/*.yaml`.
public struct ReportStyle: Hashable, Sendable {
    /// The bundled font family every piece of text is set in.
    public var fontFamily: String
    public var page: PageSpec

    public var body: TextStyle
    /// Space after each body paragraph, list item or quote paragraph.
    public var paragraphSpacing: Length
    /// Width of the hanging column that holds paragraph numbers ("1.1") and list labels.
    public var numberColumnWidth: Length
    /// Indent of block quotes from both sides of the text column.
    public var quoteIndent: Length
    public var quoteStyle: TextStyle
    /// Width of the column holding a list item's bullet or number.
    public var listLabelWidth: Length

    public var headingStyle: TextStyle
    public var headingSpaceBefore: Length
    public var headingSpaceAfter: Length

    /// Field table (From, To, Subject ...): label column width, gap between rows, label and value styles.
    public var fieldLabelWidth: Length
    public var fieldRowSpacing: Length
    public var fieldLabelStyle: TextStyle
    public var fieldValueStyle: TextStyle
    public var subjectStyle: TextStyle
    /// Rule drawn under the field table and under the summary block.
    public var ruleWidth: Length
    public var ruleColor: Color
    public var ruleSpacing: Length

    /// Headings of sections whose paragraphs are not numbered (matched case-insensitively).
    public var unnumberedSections: [String]

    /// Running footer: text template with `{page}`, `{pages}`, `{title}` placeholders.
    public var footerTemplate: String
    public var footerStyle: TextStyle
    /// Distance from the bottom page edge to the footer baseline.
    public var footerBaseline: Length
    public var footerAlignment: TextAlignment

    public init(fontFamily: String, page: PageSpec, body: TextStyle, paragraphSpacing: Length,
                numberColumnWidth: Length, quoteIndent: Length, quoteStyle: TextStyle, listLabelWidth: Length,
                headingStyle: TextStyle, headingSpaceBefore: Length, headingSpaceAfter: Length,
                fieldLabelWidth: Length, fieldRowSpacing: Length, fieldLabelStyle: TextStyle,
                fieldValueStyle: TextStyle, subjectStyle: TextStyle, ruleWidth: Length, ruleColor: Color,
                ruleSpacing: Length, unnumberedSections: [String], footerTemplate: String,
                footerStyle: TextStyle, footerBaseline: Length, footerAlignment: TextAlignment) {
        self.fontFamily = fontFamily; self.page = page; self.body = body
        self.paragraphSpacing = paragraphSpacing; self.numberColumnWidth = numberColumnWidth
        self.quoteIndent = quoteIndent; self.quoteStyle = quoteStyle; self.listLabelWidth = listLabelWidth; self.headingStyle = headingStyle
        self.headingSpaceBefore = headingSpaceBefore; self.headingSpaceAfter = headingSpaceAfter
        self.fieldLabelWidth = fieldLabelWidth; self.fieldRowSpacing = fieldRowSpacing
        self.fieldLabelStyle = fieldLabelStyle; self.fieldValueStyle = fieldValueStyle
        self.subjectStyle = subjectStyle; self.ruleWidth = ruleWidth; self.ruleColor = ruleColor
        self.ruleSpacing = ruleSpacing; self.unnumberedSections = unnumberedSections
        self.footerTemplate = footerTemplate; self.footerStyle = footerStyle; self.footerBaseline = footerBaseline
        self.footerAlignment = footerAlignment
    }
}
