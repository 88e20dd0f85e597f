import Foundation

/// A code and its meaning, in a Guidance Notes key (data period, source codes, abbreviations).
public struct KeyEntry: Hashable, Sendable {
    public var code: String
    public var text: String
    public init(_ code: String, _ text: String) { self.code = code; self.text = text }
}

/// A Management Information contact in the Guidance Notes.
public struct Contact: Hashable, Sendable {
    public var name: String
    public var role: String
    public var phone: String
    public var email: String
    public init(name: String, role: String, phone: String, email: String) {
        self.name = name; self.role = role; self.phone = phone; self.email = email
    }
}

/// The INCOMPLETE DATA block of the Guidance Notes.
public struct IncompleteDataKey: Hashable, Sendable {
    /// Explains "N/A".
    public var notAvailable: String
    /// Explains the shaded to-be-supplied cell.
    public var toBeSupplied: String
    /// Explains italic figures.
    public var previousReportingYear: String

    public init(notAvailable: String = IncompleteDataKey.default.notAvailable,
                toBeSupplied: String = IncompleteDataKey.default.toBeSupplied,
                previousReportingYear: String = IncompleteDataKey.default.previousReportingYear) {
        self.notAvailable = notAvailable; self.toBeSupplied = toBeSupplied
        self.previousReportingYear = previousReportingYear
    }
    private init(defaults: Void) {
        notAvailable = "Data not available"
        toBeSupplied = "Data to be supplied"
        previousReportingYear = "Figures in italics relate to the previous reporting year"
    }
    public static let `default` = IncompleteDataKey(defaults: ())
}

/// The Guidance Notes page. Every key has KCC default wording; metadata files may override it.
public struct GuidanceNotes: Hashable, Sendable {
    public var polarity: [Polarity: String]
    /// Ordered; the five standard codes by default.
    public var dataPeriods: [KeyEntry]
    public var rag: [RAGRating: String]
    public var directionOfTravel: [DirectionOfTravel: String]
    public var incompleteData: IncompleteDataKey
    /// Data-source scorecard codes ("EY" → "Early Years Scorecard"), in order.
    public var sourceCodes: [KeyEntry]
    /// KEY TO ABBREVIATIONS, in order.
    public var abbreviations: [KeyEntry]
    /// MANAGEMENT INFORMATION CONTACT DETAILS.
    public var contacts: [Contact]

    public init(polarity: [Polarity: String] = GuidanceNotes.defaultPolarity,
                dataPeriods: [KeyEntry] = GuidanceNotes.defaultDataPeriods,
                rag: [RAGRating: String] = GuidanceNotes.defaultRAG,
                directionOfTravel: [DirectionOfTravel: String] = GuidanceNotes.defaultDirectionOfTravel,
                incompleteData: IncompleteDataKey = .default,
                sourceCodes: [KeyEntry] = [], abbreviations: [KeyEntry] = [], contacts: [Contact] = []) {
        self.polarity = polarity; self.dataPeriods = dataPeriods; self.rag = rag
        self.directionOfTravel = directionOfTravel; self.incompleteData = incompleteData
        self.sourceCodes = sourceCodes; self.abbreviations = abbreviations; self.contacts = contacts
    }

    public static let defaultPolarity: [Polarity: String] =
        Dictionary(uniqueKeysWithValues: Polarity.allCases.map { ($0, $0.keyText) })
    public static let defaultDataPeriods: [KeyEntry] =
        DataPeriod.standard.map { KeyEntry($0.code, $0.keyText ?? "") }
    public static let defaultRAG: [RAGRating: String] =
        Dictionary(uniqueKeysWithValues: RAGRating.allCases.map { ($0, $0.keyText) })
    public static let defaultDirectionOfTravel: [DirectionOfTravel: String] =
        Dictionary(uniqueKeysWithValues: DirectionOfTravel.allCases.map { ($0, $0.keyText) })

    /// Key entries in print order (H, L, T).
    public var polarityEntries: [(Polarity, String)] { Polarity.allCases.map { ($0, polarity[$0] ?? $0.keyText) } }
    /// Key entries in print order (GREEN, AMBER, RED).
    public var ragEntries: [(RAGRating, String)] { [RAGRating.green, .amber, .red].map { ($0, rag[$0] ?? $0.keyText) } }
    /// Key entries in print order (improved, worsened, same).
    public var directionOfTravelEntries: [(DirectionOfTravel, String)] {
        DirectionOfTravel.allCases.map { ($0, directionOfTravel[$0] ?? $0.keyText) }
    }
}

/// A district matrix file named by a scorecard metadata file.
public struct DistrictMatrixReference: Hashable, Sendable {
    /// Path relative to the metadata file.
    public var file: String
    /// Title printed above the matrix.
    public var title: String
    public init(file: String, title: String = DistrictMatrixReference.defaultTitle) { self.file = file; self.title = title }
    public static let defaultTitle = "District Scorecard"
}

/// Title page and Guidance Notes content of one scorecard appendix.
public struct ScorecardMetadata: Hashable, Sendable {
    /// Small header line: "Children, Young People and Education Performance Management".
    public var headerLine: String
    /// Large title: "Education & Early Help Scorecard".
    public var title: String
    /// "May 2017 Release - (April 2017 Data)"; nil when the edition has none.
    public var releaseLine: String?
    /// "Management Information, KCC" (printed after "Produced by: ").
    public var producedBy: String
    public var publicationDate: CalendarDate
    /// "Appendix 1", stamped top right of the title page; nil for a standalone scorecard.
    public var appendixLabel: String?
    public var guidance: GuidanceNotes
    /// The indicator CSV, relative to the metadata file.
    public var indicatorsFile: String?
    public var districtFiles: [DistrictMatrixReference]

    public init(headerLine: String, title: String, releaseLine: String? = nil, producedBy: String,
                publicationDate: CalendarDate, appendixLabel: String? = nil, guidance: GuidanceNotes = GuidanceNotes(),
                indicatorsFile: String? = nil, districtFiles: [DistrictMatrixReference] = []) {
        self.headerLine = headerLine; self.title = title; self.releaseLine = releaseLine
        self.producedBy = producedBy; self.publicationDate = publicationDate; self.appendixLabel = appendixLabel
        self.guidance = guidance; self.indicatorsFile = indicatorsFile; self.districtFiles = districtFiles
    }

    /// "Produced by: Management Information, KCC"
    public var producedByLine: String { "Produced by: \(producedBy)" }
    /// "Publication Date: 31st May 2017"
    public var publicationDateLine: String { "Publication Date: \(publicationDate.ordinalForm)" }

    /// The default title page for `scorecard render PATH.csv`: the file's base name as title.
    public static func standalone(title: String, publicationDate: CalendarDate) -> ScorecardMetadata {
        ScorecardMetadata(headerLine: "Performance Management", title: title, producedBy: "Management Information, KCC",
                          publicationDate: publicationDate)
    }
}

/// The indicators of one section, in input order.
public struct ScorecardSection: Hashable, Sendable {
    public var title: String
    public var indicators: [Indicator]
    public init(title: String, indicators: [Indicator]) { self.title = title; self.indicators = indicators }
}

/// One scorecard appendix: metadata, indicator sections in order, district matrices.
public struct Scorecard: Hashable, Sendable {
    public var metadata: ScorecardMetadata
    public var sections: [ScorecardSection]
    public var districtMatrices: [DistrictMatrix]

    public init(metadata: ScorecardMetadata, sections: [ScorecardSection], districtMatrices: [DistrictMatrix] = []) {
        self.metadata = metadata; self.sections = sections; self.districtMatrices = districtMatrices
    }

    /// Groups indicators into sections in order of each section's first appearance; rows keep their
    /// relative order.
    public init(metadata: ScorecardMetadata, indicators: [Indicator], districtMatrices: [DistrictMatrix] = []) {
        self.init(metadata: metadata, sections: Scorecard.sections(of: indicators), districtMatrices: districtMatrices)
    }

    public static func sections(of indicators: [Indicator]) -> [ScorecardSection] {
        var sections: [ScorecardSection] = []
        var index: [String: Int] = [:]
        for indicator in indicators {
            if let i = index[indicator.section] {
                sections[i].indicators.append(indicator)
            } else {
                index[indicator.section] = sections.count
                sections.append(ScorecardSection(title: indicator.section, indicators: [indicator]))
            }
        }
        return sections
    }

    /// Every indicator in print order.
    public var indicators: [Indicator] { sections.flatMap(\.indicators) }
}
