/// One signatory in the "From" field: a name and the post they hold.
public struct Person: Hashable, Sendable {
    public var name: String
    public var role: String
    public init(name: String, role: String) { self.name = name; self.role = role }
}

/// The headed-paper fields at the top of a committee report.
public struct HeadedPaper: Hashable, Sendable {
    public var from: [Person]
    public var committee: String
    public var meetingDate: CalendarDate
    public var subject: String
    public var classification: String
    public var pastPathway: String
    public var futurePathway: String
    public var electoralDivision: String
    /// The agenda item number ("6"), when the paper is on an agenda.
    public var agendaItem: String?
    /// A decision number such as "17/00117", for key decisions only.
    public var decisionNumber: String?
    /// The document title used in metadata; defaults to the subject in title case.
    public var title: String
    /// The author written into the PDF metadata.
    public var author: String
    public var keywords: [String]

    public init(from: [Person], committee: String, meetingDate: CalendarDate, subject: String,
                classification: String, pastPathway: String, futurePathway: String,
                electoralDivision: String, agendaItem: String? = nil, decisionNumber: String? = nil,
                title: String? = nil, author: String? = nil, keywords: [String] = []) {
        self.from = from; self.committee = committee; self.meetingDate = meetingDate
        self.subject = subject; self.classification = classification
        self.pastPathway = pastPathway; self.futurePathway = futurePathway
        self.electoralDivision = electoralDivision; self.agendaItem = agendaItem
        self.decisionNumber = decisionNumber
        self.title = title ?? HeadedPaper.titleCase(subject)
        self.author = author ?? from.map(\.name).joined(separator: ", ")
        self.keywords = keywords
    }

    /// "PERFORMANCE SCORECARDS" -> "Performance Scorecards"; mixed-case text is kept as written.
    static func titleCase(_ s: String) -> String {
        guard s == s.uppercased() else { return s }
        return s.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    /// "Children's, Young People and Education Cabinet Committee – 22 June 2017"
    public var toLine: String { "\(committee) – \(meetingDate.longForm)" }
}

/// A list inside the report body.
public struct ListBlock: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case bullet, ordered(start: Int) }
    public var kind: Kind
    public var items: [StyledText]
    public init(kind: Kind, items: [StyledText]) { self.kind = kind; self.items = items }

    /// The label printed before item `index` (0-based): a bullet or "1.", "2." ...
    public func label(at index: Int) -> String {
        switch kind {
        case .bullet: return "•"
        case .ordered(let start): return "\(start + index)."
        }
    }
}

/// A table of the report body, written as a GitHub-style Markdown pipe table: a header row, a
/// delimiter row giving each column's alignment, then the body rows (each as wide as the header).
public struct ReportTable: Hashable, Sendable {
    public var header: [StyledText]
    public var alignments: [TextAlignment]
    public var rows: [[StyledText]]
    /// Where the table starts, for messages.
    public var location: SourceLocation?
    public init(header: [StyledText], alignments: [TextAlignment], rows: [[StyledText]], location: SourceLocation? = nil) {
        self.header = header; self.alignments = alignments; self.rows = rows; self.location = location
    }
}

/// One block of the report body, already numbered.
public enum ReportBlock: Hashable, Sendable {
    /// A section heading; `number` is "1." style, nil for unnumbered headings.
    case heading(number: String?, title: StyledText, level: Int)
    /// A body paragraph; `number` is "1.1" style, nil for unnumbered paragraphs.
    case paragraph(number: String?, text: StyledText)
    /// Quoted text (a block quote), one entry per paragraph.
    case quote([StyledText])
    case list(ListBlock)
    /// A table (not numbered).
    case table(ReportTable)
}

/// A committee cover report: headed-paper fields, then numbered body blocks.
public struct CoverReport: Hashable, Sendable {
    public var headedPaper: HeadedPaper
    /// Unnumbered paragraphs before the first section: the Summary and Recommendation.
    public var preamble: [ReportBlock]
    public var body: [ReportBlock]
    public var sourceFile: String
    public init(headedPaper: HeadedPaper, preamble: [ReportBlock], body: [ReportBlock], sourceFile: String) {
        self.headedPaper = headedPaper; self.preamble = preamble; self.body = body; self.sourceFile = sourceFile
    }
}
