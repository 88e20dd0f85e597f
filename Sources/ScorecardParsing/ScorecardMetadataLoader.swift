import Foundation
import ScorecardModel
import Yams

/// Reads a scorecard metadata YAML file (title page, Guidance Notes and the data files).
///
/// ```yaml
/// headerLine: Children, Young People and Education Performance Management   # required
/// title: Education & Early Help Scorecard                                    # required
/// releaseLine: May 2017 Release - (April 2017 Data)                          # optional
/// producedBy: Management Information, KCC                                    # required
/// publicationDate: 2017-05-31                 # required, YYYY-MM-DD; printed "31st May 2017"
/// appendixLabel: Appendix 1                   # optional, stamped top right of the title page
/// indicators: appendix-1-indicators.csv       # optional, relative to this file
/// districts:                                  # optional list; a file name, or file + title
///   - appendix-1-districts.csv
///   - file: appendix-1-more-districts.csv
///     title: District Scorecard – Early Help
/// guidance:                                   # optional; every key has KCC default wording
///   polarity: { H: …, L: …, T: … }
///   dataPeriod:                               # ordered list of CODE: meaning
///     - R12M: Rolling 12 months
///   rag: { green: …, amber: …, red: … }
///   dot: { improved: …, worsened: …, same: … }
///   incompleteData: { notAvailable: …, toBeSupplied: …, previousYear: … }
///   sourceCodes:                              # ordered list of CODE: description
///     - EY: Early Years Scorecard
///   abbreviations:                            # ordered list of ABBR: meaning
///     - CIC: Children in Care
///   contacts:
///     - { name: …, role: …, phone: 03000 41xxxx, email: …@kent.gov.uk }
/// ```
///
/// Unknown keys, missing or empty required fields and bad dates are all reported together, each with
/// `file:line:column`; malformed YAML is reported at the place the YAML parser stopped.
public enum ScorecardMetadataLoader {
    public static let topLevelKeys = ["headerLine", "title", "releaseLine", "producedBy", "publicationDate",
                                      "appendixLabel", "indicators", "districts", "guidance"]

    public static func load(text: String, file: String) throws -> ScorecardMetadata {
        guard let root = try ScorecardYAMLLocator.compose(text, file: file) else {
            throw InputError("the metadata file is empty; expected at least headerLine, title, producedBy and publicationDate",
                             at: SourceLocation(file: file, line: 1, column: 1))
        }
        let issues = ScorecardYAMLIssues()
        var diagnostics: [Diagnostic] = []
        var raw: RawMetadata?
        do {
            raw = try RawMetadata(yaml: ScorecardYAMLValue(node: root, codingPath: [], issues: issues))
        } catch let error as DecodingError {
            diagnostics.append(ScorecardYAMLLocator.diagnostic(for: error, root: root, file: file))
        }
        let recorded = issues.all.map { issue in
            Diagnostic(issue.severity, issue.message,
                       at: ScorecardYAMLLocator.location(of: issue.path, anchor: issue.anchor, in: root, file: file))
        }
        diagnostics = recorded + diagnostics
        diagnostics.sort { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
        guard let raw, let date = raw.date, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw InputError(diagnostics)
        }
        return raw.metadata(date: date)
    }

    // MARK: - Raw shapes, read from the node tree

    struct RawMetadata: ScorecardYAMLReadable {
        var headerLine: String
        var title: String
        var releaseLine: String?
        var producedBy: String
        var publicationDate: String
        var date: CalendarDate?
        var appendixLabel: String?
        var indicators: String?
        var districts: [RawDistrict]?
        var guidance: RawGuidance?

        init(yaml: ScorecardYAMLValue) throws {
            let m = try ScorecardYAMLMapping(yaml, allowed: ScorecardMetadataLoader.topLevelKeys, what: "the scorecard metadata")
            headerLine = try m.required("headerLine")
            title = try m.required("title")
            releaseLine = try m.optional("releaseLine")
            producedBy = try m.required("producedBy")
            publicationDate = try m.required("publicationDate")
            if !publicationDate.isEmpty {
                date = CalendarDate(iso: publicationDate.trimmingCharacters(in: .whitespaces))
                if date == nil {
                    m.record("publicationDate", "bad date '\(publicationDate)': expected a real date written YYYY-MM-DD, e.g. 2017-05-31")
                }
            }
            appendixLabel = try m.optional("appendixLabel")
            indicators = try m.optional("indicators")
            districts = try m.optional([RawDistrict].self, "districts")
            guidance = try m.optional(RawGuidance.self, "guidance")
        }

        func metadata(date: CalendarDate) -> ScorecardMetadata {
            ScorecardMetadata(headerLine: headerLine, title: title, releaseLine: releaseLine, producedBy: producedBy,
                              publicationDate: date, appendixLabel: appendixLabel,
                              guidance: guidance?.notes ?? GuidanceNotes(), indicatorsFile: indicators,
                              districtFiles: (districts ?? []).map { DistrictMatrixReference(file: $0.file, title: $0.title ?? DistrictMatrixReference.defaultTitle) })
        }
    }

    /// `- file.csv` or `- { file: file.csv, title: … }`.
    struct RawDistrict: ScorecardYAMLReadable {
        var file: String
        var title: String?
        init(yaml: ScorecardYAMLValue) throws {
            if let name = try? yaml.string() {
                file = name
                return
            }
            let m = try ScorecardYAMLMapping(yaml, allowed: ["file", "title"], what: "a district matrix entry")
            file = try m.required("file")
            title = try m.optional("title")
        }
    }

    /// A one-key mapping `CODE: meaning`, one entry of an ordered key list.
    struct RawEntry: ScorecardYAMLReadable {
        var code: String
        var text: String
        init(yaml: ScorecardYAMLValue) throws {
            let pairs = try yaml.pairs()
            guard pairs.count == 1, let pair = pairs.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: yaml.codingPath,
                    debugDescription: "expected one 'CODE: meaning' pair per list entry (e.g. '- EY: Early Years Scorecard'), found \(pairs.count)"))
            }
            code = pair.key
            // A key is text on the page too (the code column of a guidance key): the same checks as
            // a value's (a `\u` escape or an explicit `? ` key can make what a plain key cannot).
            try Noncharacters.checkValue(code, codingPath: yaml.codingPath)
            try TextLimits.checkValue(code, codingPath: yaml.codingPath)
            text = try yaml.child(pair.value, key: pair.key).string()
        }
    }

    struct RawGuidance: ScorecardYAMLReadable {
        static let keys = ["polarity", "dataPeriod", "rag", "dot", "incompleteData", "sourceCodes", "abbreviations", "contacts"]
        var polarity: [Polarity: String]?
        var dataPeriod: [RawEntry]?
        var rag: [RAGRating: String]?
        var dot: [DirectionOfTravel: String]?
        var incompleteData: IncompleteDataKey?
        var sourceCodes: [RawEntry]?
        var abbreviations: [RawEntry]?
        var contacts: [RawContact]?

        init(yaml: ScorecardYAMLValue) throws {
            let m = try ScorecardYAMLMapping(yaml, allowed: RawGuidance.keys, what: "guidance")
            polarity = try m.optional(RawFixedKey<Polarity>.self, "polarity")?.values
            dataPeriod = try m.optional([RawEntry].self, "dataPeriod")
            rag = try m.optional(RawFixedKey<RAGRating>.self, "rag")?.values
            dot = try m.optional(RawFixedKey<DirectionOfTravel>.self, "dot")?.values
            incompleteData = try m.optional(RawIncompleteData.self, "incompleteData")?.key
            sourceCodes = try m.optional([RawEntry].self, "sourceCodes")
            abbreviations = try m.optional([RawEntry].self, "abbreviations")
            contacts = try m.optional([RawContact].self, "contacts")
        }

        var notes: GuidanceNotes {
            var n = GuidanceNotes()
            if let polarity { n.polarity.merge(polarity) { $1 } }
            if let dataPeriod { n.dataPeriods = dataPeriod.map { KeyEntry($0.code, $0.text) } }
            if let rag { n.rag.merge(rag) { $1 } }
            if let dot { n.directionOfTravel.merge(dot) { $1 } }
            if let incompleteData { n.incompleteData = incompleteData }
            n.sourceCodes = (sourceCodes ?? []).map { KeyEntry($0.code, $0.text) }
            n.abbreviations = (abbreviations ?? []).map { KeyEntry($0.code, $0.text) }
            n.contacts = (contacts ?? []).map { Contact(name: $0.name, role: $0.role ?? "", phone: $0.phone ?? "", email: $0.email ?? "") }
            return n
        }
    }

    /// A mapping whose keys are the cases of a closed set (polarity codes, RAG words, DoT words).
    struct RawFixedKey<K: RawFixedKeyed>: ScorecardYAMLReadable {
        var values: [K: String] = [:]
        init(yaml: ScorecardYAMLValue) throws {
            let m = try ScorecardYAMLMapping(yaml, allowed: K.allCases.map(\.yamlKey), what: K.yamlWhat)
            for k in K.allCases {
                if let text = try m.optional(k.yamlKey) { values[k] = text }
            }
        }
    }

    struct RawIncompleteData: ScorecardYAMLReadable {
        var key: IncompleteDataKey
        init(yaml: ScorecardYAMLValue) throws {
            let m = try ScorecardYAMLMapping(yaml, allowed: ["notAvailable", "toBeSupplied", "previousYear"], what: "incompleteData")
            key = IncompleteDataKey(notAvailable: try m.optional("notAvailable") ?? IncompleteDataKey.default.notAvailable,
                                    toBeSupplied: try m.optional("toBeSupplied") ?? IncompleteDataKey.default.toBeSupplied,
                                    previousReportingYear: try m.optional("previousYear") ?? IncompleteDataKey.default.previousReportingYear)
        }
    }

    struct RawContact: ScorecardYAMLReadable {
        var name: String
        var role: String?
        var phone: String?
        var email: String?
        init(yaml: ScorecardYAMLValue) throws {
            let m = try ScorecardYAMLMapping(yaml, allowed: ["name", "role", "phone", "email"], what: "a contact")
            name = try m.required("name")
            role = try m.optional("role")
            phone = try m.optional("phone")
            email = try m.optional("email")
        }
    }
}

/// A closed set whose cases are the keys of a Guidance Notes mapping.
protocol RawFixedKeyed: Hashable, CaseIterable {
    var yamlKey: String { get }
    static var yamlWhat: String { get }
}
extension Polarity: RawFixedKeyed {
    var yamlKey: String { code }
    static var yamlWhat: String { "guidance.polarity (keys H, L, T)" }
}
extension RAGRating: RawFixedKeyed {
    var yamlKey: String { rawValue }
    static var yamlWhat: String { "guidance.rag (keys green, amber, red)" }
}
extension DirectionOfTravel: RawFixedKeyed {
    var yamlKey: String { rawValue }
    static var yamlWhat: String { "guidance.dot (keys improved, worsened, same)" }
}
