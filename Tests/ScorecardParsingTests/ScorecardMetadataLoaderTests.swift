import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

private let minimal = """
headerLine: Children, Young People and Education Performance Management
title: Education & Early Help Scorecard
producedBy: Management Information, KCC
publicationDate: 2017-05-31

"""

private func metadataErrors(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        _ = try ScorecardMetadataLoader.load(text: text, file: "m.yaml")
        Issue.record("expected an InputError", sourceLocation: sourceLocation)
        return []
    } catch let error as InputError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        return []
    }
}

@Suite("Scorecard metadata YAML")
struct ScorecardMetadataLoaderTests {
    @Test("a minimal file loads, with KCC default key wording")
    func minimalFile() throws {
        let m = try ScorecardMetadataLoader.load(text: minimal, file: "m.yaml")
        #expect(m.title == "Education & Early Help Scorecard")
        #expect(m.publicationDate == CalendarDate(year: 2017, month: 5, day: 31))
        #expect(m.publicationDateLine == "Publication Date: 31st May 2017")
        #expect(m.releaseLine == nil && m.appendixLabel == nil && m.indicatorsFile == nil)
        #expect(m.guidance.rag[.green] == "Target has been achieved")
        #expect(m.guidance.directionOfTravel[.worsened] == "Performance has worsened")
        #expect(m.guidance.contacts.isEmpty)
    }

    @Test("every section of the format")
    func fullFile() throws {
        let text = minimal + """
        releaseLine: May 2017 Release - (April 2017 Data)
        appendixLabel: Appendix 1
        indicators: a.csv
        districts:
          - d1.csv
          - file: d2.csv
            title: District Scorecard – Early Help
        guidance:
          polarity: { H: Up, T: Near }
          dataPeriod:
            - R12M: Rolling 12 months
            - TERM: Termly
          rag: { amber: Nearly }
          dot: { same: Level }
          incompleteData: { toBeSupplied: Coming soon }
          sourceCodes:
            - EY: Early Years Scorecard
            - SEND: SEND Scorecard
          abbreviations:
            - FF2: Free For Two
          contacts:
            - name: Alex Harwood
              role: Performance and Information Manager
              phone: 03000 417203
              email: alex.harwood@kent.gov.uk
        """
        let m = try ScorecardMetadataLoader.load(text: text, file: "m.yaml")
        #expect(m.appendixLabel == "Appendix 1")
        #expect(m.indicatorsFile == "a.csv")
        #expect(m.districtFiles == [DistrictMatrixReference(file: "d1.csv"), DistrictMatrixReference(file: "d2.csv", title: "District Scorecard – Early Help")])
        #expect(m.guidance.polarity[.higherIsBetter] == "Up")
        #expect(m.guidance.polarity[.lowerIsBetter] == Polarity.lowerIsBetter.keyText)
        #expect(m.guidance.dataPeriods == [KeyEntry("R12M", "Rolling 12 months"), KeyEntry("TERM", "Termly")])
        #expect(m.guidance.rag[.amber] == "Nearly" && m.guidance.rag[.red] == RAGRating.red.keyText)
        #expect(m.guidance.directionOfTravel[.same] == "Level")
        #expect(m.guidance.incompleteData.toBeSupplied == "Coming soon")
        #expect(m.guidance.incompleteData.notAvailable == "Data not available")
        #expect(m.guidance.sourceCodes.map(\.code) == ["EY", "SEND"])
        #expect(m.guidance.abbreviations == [KeyEntry("FF2", "Free For Two")])
        #expect(m.guidance.contacts == [Contact(name: "Alex Harwood", role: "Performance and Information Manager",
                                                phone: "03000 417203", email: "alex.harwood@kent.gov.uk")])
    }

    @Test("malformed YAML is reported where the parser stopped")
    func malformed() {
        let errors = metadataErrors("title: [unclosed\nheaderLine: x\n")
        #expect(errors.count == 1)
        #expect(errors.first?.description.hasPrefix("m.yaml:") == true)
        #expect(errors.first?.message.contains("malformed YAML") == true)
        #expect(errors.first?.location?.line ?? 0 >= 1)
        let tabs = metadataErrors("title: a\n\theaderLine: b\n")
        #expect(tabs.first?.description.hasPrefix("m.yaml:2:") == true)
    }

    @Test("unknown keys are errors at the key, with a suggestion, top level and nested")
    func unknownKeys() {
        let errors = metadataErrors(minimal + "titel: Oops\nguidance:\n  contacts:\n    - name: A\n      mobile: 07000\n")
        let texts = errors.map(\.description)
        #expect(texts.contains { $0.hasPrefix("m.yaml:5:1: error: unknown key 'titel'") && $0.contains("did you mean 'title'?") })
        #expect(texts.contains { $0.hasPrefix("m.yaml:9:7: error: unknown key 'mobile' in a contact") })
        let rag = metadataErrors(minimal + "guidance:\n  rag:\n    blue: x\n")
        #expect(rag.first?.description.hasPrefix("m.yaml:7:5: error: unknown key 'blue' in guidance.rag") == true)
    }

    @Test("missing and empty required fields are all reported together")
    func missingFields() {
        let errors = metadataErrors("title: T\nheaderLine:\nreleaseLine: R\n")
        let texts = errors.map(\.description)
        #expect(texts.contains("m.yaml:1:1: error: missing required field 'producedBy'"))
        #expect(texts.contains("m.yaml:1:1: error: missing required field 'publicationDate'"))
        #expect(texts.contains { $0.hasPrefix("m.yaml:2:1: error: field 'headerLine' is empty") })
        let contact = metadataErrors(minimal + "guidance:\n  contacts:\n    - role: Analyst\n")
        #expect(contact.first?.description == "m.yaml:7:7: error: missing required field 'name'")
    }

    @Test("bad dates", arguments: ["2017-13-01", "2017-02-30", "2017-5-31", "31/05/2017", "31st May 2017"])
    func badDates(date: String) {
        let text = minimal.replacingOccurrences(of: "2017-05-31", with: date)
        let errors = metadataErrors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.description.hasPrefix("m.yaml:4:18: error: bad date '\(date)'") == true, "\(errors)")
        #expect(errors.first?.message.contains("YYYY-MM-DD") == true)
    }

    @Test("wrong shapes are reported at the value")
    func wrongShapes() {
        let errors = metadataErrors(minimal + "districts: just-one.csv\n")
        #expect(errors.first?.description.hasPrefix("m.yaml:5:12: error: 'districts': expected a list") == true, "\(errors)")
        let entry = metadataErrors(minimal + "guidance:\n  sourceCodes:\n    - EY: Early Years\n      SEND: SEND\n")
        #expect(entry.first?.description.hasPrefix("m.yaml:7:7: error: 'guidance.sourceCodes[0]': expected one 'CODE: meaning' pair") == true, "\(entry)")
    }

    @Test("more wrong shapes: text given a mapping, a mapping given a list, a contact given text")
    func moreWrongShapes() {
        let title = metadataErrors(minimal.replacingOccurrences(of: "title: Education & Early Help Scorecard", with: "title: { a: b }"))
        #expect(title.first?.description == "m.yaml:2:8: error: 'title': expected a single value (text), found a mapping", "\(title)")
        let guidance = metadataErrors(minimal + "guidance:\n  - rag\n")
        #expect(guidance.first?.description == "m.yaml:6:3: error: 'guidance': expected a mapping of keys to values, found a list", "\(guidance)")
        let contact = metadataErrors(minimal + "guidance:\n  contacts:\n    - Alex\n")
        #expect(contact.first?.description.hasPrefix("m.yaml:7:7: error: 'guidance.contacts[0]': expected a mapping of keys to values") == true, "\(contact)")
    }

    @Test("null optional values read as absent; a null required one is empty")
    func nullValues() throws {
        let m = try ScorecardMetadataLoader.load(text: minimal + "releaseLine: ~\nappendixLabel:\nindicators: null\nguidance:\n  rag: ~\n", file: "m.yaml")
        #expect(m.releaseLine == nil && m.appendixLabel == nil && m.indicatorsFile == nil)
        #expect(m.guidance.rag[.green] == RAGRating.green.keyText)
        let quoted = try ScorecardMetadataLoader.load(text: minimal + "releaseLine: \"~\"\n", file: "m.yaml")
        #expect(quoted.releaseLine == "~")
        let empty = metadataErrors(minimal.replacingOccurrences(of: "producedBy: Management Information, KCC", with: "producedBy: ~"))
        #expect(empty.first?.description.hasPrefix("m.yaml:3:1: error: field 'producedBy' is empty") == true, "\(empty)")
    }

    @Test("a key written in a mapping overrides one merged in with <<, as YAML says")
    func mergeKeys() throws {
        let m = try ScorecardMetadataLoader.load(text: minimal + """
            guidance:
              rag:
                <<: { green: merged green, amber: merged amber }
                green: own green
            """, file: "m.yaml")
        #expect(m.guidance.rag[.green] == "own green")
        #expect(m.guidance.rag[.amber] == "merged amber")
    }

    @Test("an empty file")
    func empty() {
        #expect(metadataErrors("").first?.description.hasPrefix("m.yaml:1:1: error: the metadata file is empty") == true)
        #expect(metadataErrors("# only a comment\n").first?.message.contains("empty") == true)
    }
}
