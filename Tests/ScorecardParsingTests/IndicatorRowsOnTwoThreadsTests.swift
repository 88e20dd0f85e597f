import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

/// Long indicator CSVs have their rows read on two threads: the result must be the one reading
/// them in order gives, warnings, errors and carried-on sections included.
@Suite("Indicator rows read on two threads")
struct IndicatorRowsOnTwoThreadsTests {
    /// The outcome of a parse: the indicators and warnings, or the thrown diagnostics.
    static func outcome(_ text: String, workers: Int) -> (indicators: [Indicator], diagnostics: [Diagnostic]) {
        do {
            let parsed = try IndicatorCSVParser.parse(data: Data(text.utf8), file: "long.csv", workers: workers)
            return (parsed.value, parsed.warnings)
        } catch let error as InputError {
            return ([], error.diagnostics)
        } catch {
            Issue.record("unexpected error \(error)")
            return ([], [])
        }
    }

    /// 700 rows; blank sections carrying the one above across chunk boundaries, sections met
    /// again, refs used twice, bad polarities, ragged rows and unreadable values, as `flaws` says.
    static func csv(flaws: Bool) -> String {
        var lines = [indicatorHeader]
        for k in 0..<700 {
            let section = k % 37 == 0 ? "Section \(k / 37 % 5)" : ""
            let ref = k % 101 == 50 ? "R1" : "R\(k)"
            let polarity = flaws && k % 211 == 7 ? "X" : (k % 2 == 0 ? "H" : "L")
            let current = flaws && k % 173 == 3 ? "12..5" : "\(Double(k % 90) + 0.5)"
            let (target, floor) = polarity == "L" ? (40, 50) : (50, 40)
            var line = "\(section),\(ref),Indicator \(k),\(polarity),A,\(k % 80),\(current),\(target),\(floor),45,%,,,"
            if flaws && k % 251 == 9 { line += ",extra" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [false, true])
    func twoThreadsGiveWhatOneGives(flaws: Bool) {
        let text = Self.csv(flaws: flaws)
        let one = Self.outcome(text, workers: 1)
        let two = Self.outcome(text, workers: 2)
        #expect(one.indicators == two.indicators)
        #expect(one.diagnostics == two.diagnostics)
        #expect(flaws ? one.indicators.isEmpty && one.diagnostics.contains { $0.severity == .error }
                      : one.indicators.count == 700 && one.diagnostics.contains { $0.severity == .warning })
        if !flaws, one.indicators.count == 700 {
            #expect(one.indicators[1].section == "Section 0" && one.indicators[699].section == "Section 3")
        }
    }
}
