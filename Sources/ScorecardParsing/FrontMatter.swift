import Foundation
import ScorecardModel

/// The YAML front matter of a cover report, as written (camelCase keys):
///
/// ```yaml
/// from:
///   - name: Roger Gough
///     role: Cabinet Member for Children, Young People and Education
/// to:
///   committee: Children's, Young People and Education Cabinet Committee
///   date: 2017-06-22
/// subject: PERFORMANCE SCORECARDS
/// classification: Unrestricted
/// pastPathway: None
/// futurePathway: None
/// electoralDivision: All
/// agendaItem: "6"          # optional
/// decisionNumber: 17/00123 # optional
/// title: …                 # optional, defaults from the subject
/// author: …                # optional, defaults to the names in `from`
/// keywords: [a, b]         # optional
/// ```
struct FrontMatter: YAMLReadable {
    var from: [FrontMatterPerson]
    var to: FrontMatterRecipient
    var subject: YAMLText
    var classification: YAMLText
    var pastPathway: YAMLText
    var futurePathway: YAMLText
    var electoralDivision: YAMLText
    var agendaItem: YAMLText?
    var decisionNumber: YAMLText?
    var title: YAMLText?
    var author: YAMLText?
    var keywords: [YAMLText]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case from, to, subject, classification, pastPathway, futurePathway, electoralDivision
        case agendaItem, decisionNumber, title, author, keywords
    }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        from = try c.list(FrontMatterPerson.self, .from)
        if from.isEmpty {
            throw yaml.invalidValue(forKey: CodingKeys.from, "must list at least one person, each with a name and a role")
        }
        to = try c.read(FrontMatterRecipient.self, .to)
        subject = try c.read(YAMLText.self, .subject)
        classification = try c.read(YAMLText.self, .classification)
        pastPathway = try c.read(YAMLText.self, .pastPathway)
        futurePathway = try c.read(YAMLText.self, .futurePathway)
        electoralDivision = try c.read(YAMLText.self, .electoralDivision)
        agendaItem = try c.optional(.agendaItem).map(YAMLText.init(yaml:))
        decisionNumber = try c.optional(.decisionNumber).map(YAMLText.init(yaml:))
        title = try c.optional(.title).map(YAMLText.init(yaml:))
        author = try c.optional(.author).map(YAMLText.init(yaml:))
        keywords = try c.optional(.keywords)?.list(YAMLText.init(yaml:))
    }

    var headedPaper: HeadedPaper {
        HeadedPaper(from: from.map { Person(name: $0.name.value, role: $0.role.value) },
                    committee: to.committee.value, meetingDate: to.date.date,
                    subject: subject.value, classification: classification.value,
                    pastPathway: pastPathway.value, futurePathway: futurePathway.value,
                    electoralDivision: electoralDivision.value, agendaItem: agendaItem?.value,
                    decisionNumber: decisionNumber?.value, title: title?.value, author: author?.value,
                    keywords: keywords?.map(\.value) ?? [])
    }
}

/// One entry of `from`: `{ name: …, role: … }`.
struct FrontMatterPerson: YAMLReadable {
    var name: YAMLText
    var role: YAMLText

    enum CodingKeys: String, CodingKey, CaseIterable { case name, role }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        name = try c.read(YAMLText.self, .name)
        role = try c.read(YAMLText.self, .role)
    }
}

/// `to`: the committee and the meeting date.
struct FrontMatterRecipient: YAMLReadable {
    var committee: YAMLText
    var date: YAMLDate

    enum CodingKeys: String, CodingKey, CaseIterable { case committee, date }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        committee = try c.read(YAMLText.self, .committee)
        date = try c.read(YAMLDate.self, .date)
    }
}

/// A calendar date written `YYYY-MM-DD`.
struct YAMLDate: YAMLReadable, Hashable {
    var date: CalendarDate
    var location: SourceLocation?

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string().trimmingCharacters(in: .whitespaces)
        guard let date = CalendarDate(iso: raw) else {
            let shaped = raw.count == 10 && raw.enumerated().allSatisfy { i, ch in
                (i == 4 || i == 7) ? ch == "-" : (ch.isASCII && ch.isNumber)
            }
            if shaped {
                throw yaml.invalidValue("'\(raw)' is not a real calendar date")
            }
            throw yaml.invalidValue("must be a date written YYYY-MM-DD (e.g. 2017-06-22), "
                                    + "found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        self.date = date
        location = yaml.sourceLocation
    }
}
