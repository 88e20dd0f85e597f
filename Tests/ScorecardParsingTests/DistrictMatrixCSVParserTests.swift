import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

private let districts = "Ashford,Canterbury,Dartford,Dover,Gravesham,Maidstone,Sevenoaks,Shepway,Swale,Thanet,Tonbridge and Malling,Tunbridge Wells"
private let values = "2.8,3.1,2.4,3.6,3.3,2.6,1.9,4.1,4.0,4.9,2.0,1.8"

private func parse(_ text: String) throws -> Parsed<DistrictMatrix> {
    try DistrictMatrixCSVParser.parse(data: Data(text.utf8), file: "d.csv", title: "Districts")
}

@Suite("District matrix CSV")
struct DistrictMatrixCSVParserTests {
    @Test("columns are the 12 districts in order, then teams, then Kent; cells rated by the row")
    func reads() throws {
        // Districts deliberately out of order and in odd case; "&" for "and".
        let header = "ref,indicator,polarity,target,floor,unit,decimals,Kent,DCYPS,THANET,Ashford,Canterbury,Dartford,Dover,Gravesham,Maidstone,Sevenoaks,Shepway,Swale,Tonbridge & Malling,tunbridge wells"
        let row = "SCS03,Average caseload,L,18.0,22.0,no.,1,21.8,16.2,25.1,20.8,21.5,19.2,23.9,22.6,21.1,18.4,24.7,23.3,19.6,17.9"
        let parsed = try parse(header + "\r\n" + row + "\r\n")
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        let m = parsed.value
        #expect(m.title == "Districts")
        #expect(m.columns.map(\.title) == KentDistrict.allCases.map(\.name) + ["DCYPS", "Kent"])
        #expect(m.value(row: 0, column: .district(.thanet)) == .number(Decimal(string: "25.1")!))
        #expect(m.rating(row: 0, column: .district(.thanet)) == .red)
        #expect(m.rating(row: 0, column: .district(.ashford)) == .amber)
        #expect(m.rating(row: 0, column: .team("DCYPS")) == .green)
        #expect(m.rating(row: 0, column: .kent) == .amber)
    }

    @Test("Folkestone & Hythe did not exist in 2017: warned, suggesting Shepway, and kept")
    func folkestone() throws {
        let header = "ref,indicator,polarity,target,floor,unit," + districts.replacingOccurrences(of: "Shepway", with: "Folkestone & Hythe") + ",Kent"
        let parsed = try parse(header + "\nPN01,NEET,L,2.5,3.5,%," + values + ",2.9\n")
        let messages = parsed.warnings.map(\.description)
        #expect(messages.contains { $0.hasPrefix("d.csv:1:") && $0.contains("'Folkestone & Hythe' did not exist in 2017") && $0.contains("did you mean Shepway?") })
        #expect(messages.contains { $0.contains("no column for Shepway") })
        #expect(parsed.value.columns.contains(.team("Folkestone & Hythe")))
        #expect(parsed.value.value(row: 0, column: .district(.shepway)) == .blank)
    }

    @Test("misspelt districts get a suggestion; Medway is explained; team: columns are silent")
    func unknownAreas() throws {
        let header = "ref,indicator,polarity,target,floor,unit," + districts.replacingOccurrences(of: "Canterbury", with: "Canterbrury") + ",Medway,team: Early Help North,Kent"
        let parsed = try parse(header + "\nPN01,NEET,L,2.5,3.5,%," + values + ",3.0,2.2,2.9\n")
        let messages = parsed.warnings.map(\.message)
        #expect(messages.contains { $0.contains("unknown district 'Canterbrury'; did you mean Canterbury?") })
        #expect(messages.contains { $0.contains("Medway") && $0.contains("unitary authority") })
        #expect(!messages.contains { $0.contains("Early Help North") })
        #expect(parsed.value.columns.contains(.team("Early Help North")))
    }

    @Test("errors: duplicate district, non-numeric cell, wrong-side floor, unknown polarity")
    func errors() {
        let header = "ref,indicator,polarity,target,floor,unit," + districts + ",ashford,Kent"
        let text = header + "\nPN01,NEET,L,2.5,2.0,%," + values.replacingOccurrences(of: "4.9", with: "high") + ",1,2.9\nX,Y,Q,1,1,%," + values + ",1,2\n"
        do {
            _ = try parse(text)
            Issue.record("expected errors")
        } catch let error as InputError {
            let errors = error.diagnostics.filter { $0.severity == .error }.map(\.description)
            #expect(errors.contains { $0.hasPrefix("d.csv:1:") && $0.contains("duplicate column 'ashford'") })
            #expect(errors.contains { $0.hasPrefix("d.csv:2:17: error: column 'floor': floor on the wrong side") })
            #expect(errors.contains { $0.hasPrefix("d.csv:2:") && $0.contains("column 'Thanet': expected a number") && $0.contains("found 'high'") })
            #expect(errors.contains { $0.hasPrefix("d.csv:3:5: error: column 'polarity': unknown polarity 'Q'") })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("missing required rule columns")
    func missing() {
        do {
            _ = try parse("ref,indicator,target,floor,unit,Kent\nA,B,1,1,%,2\n")
            Issue.record("expected errors")
        } catch let error as InputError {
            #expect(error.description.contains("d.csv:1:1: error: missing required column 'polarity'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
