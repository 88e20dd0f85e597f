import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

/// Examples/cype-2017-06-22, found from this file's path.
private let exampleDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Examples/cype-2017-06-22").path
}()

private func example(_ name: String) -> String { exampleDirectory + "/" + name }

@Suite("Example pack: the two scorecard appendices")
struct ScorecardExampleTests {
    @Test("Appendix 1 loads with no errors or warnings and gives the expected RAGs")
    func appendix1() throws {
        let parsed = try ScorecardLoader.load(metadataFile: example("appendix-1-education-early-help.yaml"))
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings.map(\.description))")
        let card = parsed.value
        #expect(card.indicators.count == 34)
        #expect(card.sections.map(\.title) == ["Early Years & Childcare", "Schools – Quality & Standards", "SEND",
                                               "Attendance & Exclusions", "14–19 Participation & Skills",
                                               "Early Help & Preventative Services", "Youth Justice"])
        let byRef = Dictionary(uniqueKeysWithValues: card.indicators.map { ($0.ref, $0) })
        let expected: [(String, RAGRating)] = [("EY01", .amber), ("EY02", .green), ("EY03", .amber), ("SI01", .green),
                                               ("SI04", .green), ("SI05", .red), ("SI07", .amber), ("SE01", .red),
                                               ("PN01", .amber), ("YJ01", .green)]
        for (ref, rag) in expected {
            #expect(byRef[ref]?.rag == rag, "\(ref)")
            #expect(byRef[ref]?.computedRAG == rag, "\(ref) computed")
        }
        #expect(byRef["SI04"]?.directionOfTravel == .worsened)
        #expect(byRef["YJ01"]?.directionOfTravel == .improved)
        #expect(byRef["SI07"]?.directionOfTravel == nil, "previous is N/A")
        for ref in ["SE03", "EH01", "EH05"] {
            #expect(byRef[ref]?.isActivity == true && byRef[ref]?.rag == nil, "\(ref)")
        }
        // Italics: annual academic measures whose current figure is the 2016 result.
        let italic = card.indicators.filter(\.current.isPreviousReportingYear).map(\.ref)
        #expect(italic == ["EY01", "SI06", "SI07", "SI08", "SI09", "SI10", "SI11", "AE04", "AE05"])
        let si11 = try #require(byRef["SI11"])
        #expect(si11.formatted(si11.current.value) == "\u{2212}0.06")
        let se03 = try #require(byRef["SE03"])
        #expect(se03.formatted(se03.current.value) == "7,448")
        #expect(byRef["EY02"].map { $0.formatted($0.current.value) } == "97%")
        #expect(byRef["AE01"]?.note.contains("\n") == true, "a quoted note spanning two lines")

        let m = card.metadata
        #expect(m.headerLine == "Children, Young People and Education Performance Management")
        #expect(m.title == "Education & Early Help Scorecard")
        #expect(m.releaseLine == "May 2017 Release - (April 2017 Data)")
        #expect(m.producedByLine == "Produced by: Management Information, KCC")
        #expect(m.publicationDateLine == "Publication Date: 31st May 2017")
        #expect(m.appendixLabel == "Appendix 1")
        #expect(m.guidance.contacts.count == 3)
        #expect(m.guidance.contacts.allSatisfy { $0.phone.hasPrefix("03000 41") && $0.email.hasSuffix("@kent.gov.uk") })
        #expect(m.guidance.dataPeriods.map(\.code) == ["R12M", "MS", "YTD", "Q", "A"])
        #expect(m.guidance.abbreviations.contains(KeyEntry("FF2", "Free For Two")))

        let matrix = try #require(card.districtMatrices.first)
        #expect(card.districtMatrices.count == 1)
        #expect(matrix.title == "District Scorecard – Education & Early Help")
        #expect(matrix.columns == KentDistrict.allCases.map { DistrictColumn.district($0) } + [.kent])
        #expect(matrix.rows.count == 4)
        #expect(matrix.rating(row: 0, column: .district(.thanet)) == .red)       // NEET 4.9 vs F 3.5
        #expect(matrix.rating(row: 0, column: .district(.sevenoaks)) == .green)  // 1.9 vs T 2.5
        #expect(matrix.rating(row: 0, column: .kent) == .amber)                  // 2.9
        #expect(matrix.rows[1].ratings.allSatisfy { $0 == nil }, "first time entrants is an activity row")
        #expect(matrix.rating(row: 3, column: .district(.thanet)) == .red)       // primary 84 vs F 85
    }

    @Test("Appendix 2 loads with no errors or warnings; T polarity and the to-be-supplied cell")
    func appendix2() throws {
        let parsed = try ScorecardLoader.load(metadataFile: example("appendix-2-childrens-social-care.yaml"))
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings.map(\.description))")
        let card = parsed.value
        #expect(card.indicators.count == 29)
        let byRef = Dictionary(uniqueKeysWithValues: card.indicators.map { ($0.ref, $0) })
        let dcs03 = try #require(byRef["DCS03"])
        #expect(dcs03.current.value == .toBeSupplied && dcs03.previous.value == .notAvailable)
        #expect(dcs03.rag == nil && dcs03.directionOfTravel == nil)
        let scs10 = try #require(byRef["SCS10"])
        #expect(scs10.polarity == .onTarget && scs10.floor == .band(5) && scs10.tolerance == 2)
        #expect(scs10.rag == .green && scs10.directionOfTravel == .improved)
        #expect(scs10.formattedFloor == "±5.0")
        #expect(byRef["SCS23"]?.rag == .green)
        #expect(byRef["SCS07"]?.rag == .red)
        #expect(byRef["SCS03"]?.rag == .red)   // 22.4 against floor 22.0 (L)
        #expect(byRef["SCS01"]?.rag == .amber)
        #expect(byRef["SCS05"]?.formatted(byRef["SCS05"]!.current.value) == "19,420")
        #expect(byRef["SCS01"]?.current.asAt == "Apr-17" && byRef["SCS01"]?.previous.asAt == "2016/17")
        #expect(card.metadata.publicationDateLine == "Publication Date: 2nd June 2017")
        #expect(card.metadata.appendixLabel == "Appendix 2")

        let matrix = try #require(card.districtMatrices.first)
        #expect(matrix.columns.map(\.title) == KentDistrict.allCases.map(\.name) + ["DCYPS", "Kent"])
        #expect(matrix.rating(row: 0, column: .team("DCYPS")) == .green)         // caseload 16.2
        #expect(matrix.value(row: 1, column: .team("DCYPS")) == .blank)
        #expect(matrix.rating(row: 0, column: .district(.thanet)) == .red)       // 25.1 vs F 22
    }

    @Test("the example CSVs carry the Excel quirks: CRLF everywhere, a BOM in some")
    func quirks() throws {
        for name in ["appendix-1-indicators.csv", "appendix-2-indicators.csv", "appendix-1-districts.csv", "appendix-2-districts.csv"] {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: example(name))))
            let lf = bytes.enumerated().filter { $0.element == 0x0A }.map(\.offset)
            let crlf = lf.filter { $0 > 0 && bytes[$0 - 1] == 0x0D }
            #expect(crlf.count >= lf.count - 1, "\(name) uses CRLF (one LF may sit inside a quoted note)")
        }
        let bom = try [UInt8](Data(contentsOf: URL(fileURLWithPath: example("appendix-1-indicators.csv"))))
        #expect(bom.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test("a standalone CSV gets a default title page")
    func standalone() throws {
        let parsed = try ScorecardLoader.loadStandalone(csvFile: example("appendix-2-indicators.csv"),
                                                        publicationDate: CalendarDate(iso: "2017-06-22")!)
        #expect(parsed.value.metadata.title == "appendix 2 indicators")
        #expect(parsed.value.indicators.count == 29)
    }

    @Test("a missing data file is reported at the YAML line that names it")
    func missingFile() {
        let text = "headerLine: H\ntitle: T\nproducedBy: P\npublicationDate: 2017-06-22\nindicators: nowhere.csv\n"
        do {
            _ = try ScorecardLoader.load(metadataText: text, file: "dir/m.yaml") { path in
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.description.hasPrefix("dir/m.yaml:5:13: error: cannot read 'dir/nowhere.csv'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
