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
struct FrontMatter: Decodable {
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

    init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        from = try c.decode([FrontMatterPerson].self, forKey: .from)
        if from.isEmpty {
            throw decoder.invalidValue(forKey: CodingKeys.from,
                                       "must list at least one person, each with a name and a role")
        }
        to = try c.decode(FrontMatterRecipient.self, forKey: .to)
        subject = try c.decode(YAMLText.self, forKey: .subject)
        classification = try c.decode(YAMLText.self, forKey: .classification)
        pastPathway = try c.decode(YAMLText.self, forKey: .pastPathway)
        futurePathway = try c.decode(YAMLText.self, forKey: .futurePathway)
        electoralDivision = try c.decode(YAMLText.self, forKey: .electoralDivision)
        agendaItem = try c.decodeIfPresent(YAMLText.self, forKey: .agendaItem)
        decisionNumber = try c.decodeIfPresent(YAMLText.self, forKey: .decisionNumber)
        title = try c.decodeIfPresent(YAMLText.self, forKey: .title)
        author = try c.decodeIfPresent(YAMLText.self, forKey: .author)
        keywords = try c.decodeIfPresent([YAMLText].self, forKey: .keywords)
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
struct FrontMatterPerson: Decodable {
    var name: YAMLText
    var role: YAMLText

    enum CodingKeys: String, CodingKey, CaseIterable { case name, role }

    init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decode(YAMLText.self, forKey: .name)
        role = try c.decode(YAMLText.self, forKey: .role)
    }
}

/// `to`: the committee and the meeting date.
struct FrontMatterRecipient: Decodable {
    var committee: YAMLText
    var date: YAMLDate

    enum CodingKeys: String, CodingKey, CaseIterable { case committee, date }

    init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        committee = try c.decode(YAMLText.self, forKey: .committee)
        date = try c.decode(YAMLDate.self, forKey: .date)
    }
}

/// A calendar date written `YYYY-MM-DD`.
struct YAMLDate: Decodable, Hashable {
    var date: CalendarDate
    var location: SourceLocation?

    init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self).trimmingCharacters(in: .whitespaces)
        guard let date = CalendarDate(iso: raw) else {
            let shaped = raw.count == 10 && raw.enumerated().allSatisfy { i, ch in
                (i == 4 || i == 7) ? ch == "-" : (ch.isASCII && ch.isNumber)
            }
            if shaped {
                throw decoder.invalidValue("'\(raw)' is not a real calendar date")
            }
            throw decoder.invalidValue("must be a date written YYYY-MM-DD (e.g. 2017-06-22), "
                                       + "found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        self.date = date
        location = decoder.sourceLocation
    }
}
