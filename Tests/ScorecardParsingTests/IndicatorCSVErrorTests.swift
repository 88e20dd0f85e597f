import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

/// Asserts that exactly one error starts with `prefix` ("file:line:column: error: column 'x'") and
/// that it contains every one of `fragments`.
func expectCSVError(_ errors: [Diagnostic], _ prefix: String, _ fragments: String...,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let matches = errors.filter { $0.description.hasPrefix(prefix) }
    #expect(matches.count == 1, "no single error starts with \(prefix); got:\n\(errors.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(matches.first?.message.contains(fragment) == true, "'\(fragment)' missing from \(matches.first?.description ?? "-")",
                sourceLocation: sourceLocation)
    }
}

@Suite("Indicator CSV: errors name file:line:column and the column")
struct IndicatorCSVErrorTests {
    let row = "S,A1,One,H,MS,1,2,2,1,,no.,,,"

    @Test("empty file")
    func empty() {
        expectCSVError(indicatorErrors(""), "t.csv:1:1: error: the file is empty", "section,ref,indicator")
        expectCSVError(indicatorErrors("\r\n\r\n"), "t.csv:1:1: error: the file is empty")
        expectCSVError(indicatorErrors(data: Data([0xEF, 0xBB, 0xBF])), "t.csv:1:1: error: the file is empty")
    }

    @Test("header only")
    func headerOnly() {
        expectCSVError(indicatorErrors(indicatorHeader + "\r\n"), "t.csv:2:1: error: the file has a header but no indicator rows")
        expectCSVError(indicatorErrors(indicatorHeader), "t.csv:2:1: error: the file has a header but no indicator rows")
    }

    @Test("missing required columns are each named")
    func missingColumn() {
        let header = indicatorHeader.replacingOccurrences(of: ",floor", with: "").replacingOccurrences(of: ",dot", with: "")
        let errors = indicatorErrors(header + "\nS,A1,One,H,MS,1,2,2,,no.,,\n")
        expectCSVError(errors, "t.csv:1:1: error: missing required column 'floor'")
        expectCSVError(errors, "t.csv:1:1: error: missing required column 'dot'")
    }

    @Test("duplicate column, including one spelt with an alias")
    func duplicateColumn() {
        let errors = indicatorErrors(indicatorHeader + ",Current\n" + row + ",3\n")
        expectCSVError(errors, "t.csv:1:\(indicatorHeader.count + 2): error: duplicate column 'Current'", "column 7 ('current')")
        let aliased = indicatorErrors(indicatorHeader + ",statneighbours,SN\n" + row + ",3,4\n")
        expectCSVError(aliased, "t.csv:1:\(indicatorHeader.count + 17): error: duplicate column 'SN'", "statneighbours")
    }

    @Test("ragged rows")
    func ragged() {
        let errors = indicatorErrors(indicatorHeader + "\n" + row + "\nS,A2,Two,H,MS,1,2\n" + row + ",extra\n")
        expectCSVError(errors, "t.csv:3:1: error: ragged row: this row has 7 fields but the header (line 1) has 14 columns")
        expectCSVError(errors, "t.csv:4:31: error: ragged row: this row has 15 fields")
    }

    @Test("unbalanced quotes")
    func unbalanced() {
        let errors = indicatorErrors(indicatorHeader + "\n" + row + "\nS,A2,\"Two, unclosed,H,MS,1,2,2,1,,no.,,,\n" + row + "\n")
        expectCSVError(errors, "t.csv:3:6: error: column 'indicator': unbalanced quote", "never closed")
        // A stray quote that runs into a later quoted field is traced back to where it opened.
        let later = indicatorErrors(indicatorHeader + "\n" + "S,A2,\"Two,H,MS,1,2,2,1,,no.,,,\n" + "S,A3,\"Three, quoted\",H,MS,1,2,2,1,,no.,,,\n")
        expectCSVError(later, "t.csv:2:6: error: column 'indicator': unbalanced quote", "line 3")
        // Text after a closing quote on the same line.
        let after = indicatorErrors(indicatorHeader + "\n" + "S,A2,\"Two\" words,H,MS,1,2,2,1,,no.,,,\n")
        expectCSVError(after, "t.csv:2:11: error: column 'indicator': unexpected ' ' after the closing quote")
    }

    @Test("non-numeric values name the column and what was expected")
    func nonNumeric() {
        let errors = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,H,MS,1,abc,2,1,7 %x,no.,,,\n")
        expectCSVError(errors, "t.csv:2:17: error: column 'current': expected a number", "found 'abc'", "N/A", "TBS")
        expectCSVError(errors, "t.csv:2:25: error: column 'england': expected a number", "found '7 %x'")
        let target = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,H,MS,1,2,ninety,1,,no.,,,\n")
        expectCSVError(target, "t.csv:2:19: error: column 'target': expected the target as a number", "found 'ninety'")
    }

    @Test("unknown polarity lists H, L and T")
    func unknownPolarity() {
        let errors = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,Higher,MS,1,2,2,1,,no.,,,\n")
        expectCSVError(errors, "t.csv:2:10: error: column 'polarity': unknown polarity 'Higher'", "H (higher is better)", "L (lower is better)", "T (on target is best)")
    }

    @Test("floor on the wrong side of the target")
    func floorWrongSide() {
        let high = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,H,MS,1,2,90,95,,%,,,\n")
        expectCSVError(high, "t.csv:2:22: error: column 'floor': floor on the wrong side of the target", "polarity H", "(95)", "(90)")
        let low = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,L,MS,1,2,2.5,2.0,,%,,,\n")
        expectCSVError(low, "t.csv:2:23: error: column 'floor': floor on the wrong side of the target", "polarity L", "below")
    }

    @Test("T needs its floor written as a ± band; H and L must not use one")
    func bands() {
        let t = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,T,MS,1,2,35,30,,rate,,,\n")
        expectCSVError(t, "t.csv:2:22: error: column 'floor': for polarity T the floor is the outer tolerance", "±5")
        let h = indicatorErrors(indicatorHeader + "\n" + "S,A1,One,H,MS,1,2,35,±5,,rate,,,\n")
        expectCSVError(h, "t.csv:2:22: error: column 'floor': a ± band is only for polarity T")
        let tol = indicatorErrors(indicatorHeader + ",tolerance\n" + "S,A1,One,T,MS,1,2,35,±2,,rate,,,,±3\n")
        expectCSVError(tol, "t.csv:2:34: error: column 'tolerance': the GREEN tolerance (±3) is wider than the floor band (±2)")
    }

    @Test("a NUL byte")
    func nulByte() {
        var bytes = Array((indicatorHeader + "\n" + "S,A1,One,H,MS,1,2,2,1,,no.,,,\n").utf8)
        bytes.insert(0, at: indicatorHeader.utf8.count + 1 + 6)  // inside "One"
        let errors = indicatorErrors(data: Data(bytes))
        expectCSVError(errors, "t.csv:2:7: error: column 'indicator': NUL character")
    }

    @Test("bad markers in rag, dot, prevyear, unit and decimals")
    func badMarkers() {
        let errors = indicatorErrors(indicatorHeader + ",prevyear,decimals\n" + "S,A1,One,H,MS,1,2,2,1,,furlongs,Purple,better,,maybe,seven\n")
        expectCSVError(errors, "t.csv:2:24: error: column 'unit': unknown unit 'furlongs'")
        expectCSVError(errors, "t.csv:2:33: error: column 'rag': expected R, A or G")
        expectCSVError(errors, "t.csv:2:40: error: column 'dot': expected improved, worsened or same")
        expectCSVError(errors, "t.csv:2:48: error: column 'prevyear': expected yes")
        expectCSVError(errors, "t.csv:2:54: error: column 'decimals': expected a whole number of decimal places")
    }

    @Test("every error of the file is collected, not just the first, with the warnings")
    func collected() {
        let csv = indicatorHeader + ",Extra\n" + "S,A1,One,X,MS,1,2,2,1,,no.,,,,\n" + "S,A2,Two,H,MS,one,2,2,1,,no.,,,,\n" + "S,A3,Three,H,MS\n"
        do {
            _ = try parseIndicators(csv)
            Issue.record("expected errors")
        } catch let error as InputError {
            let errors = error.diagnostics.filter { $0.severity == .error }
            #expect(errors.map { $0.location?.line } == [2, 3, 4])
            #expect(error.diagnostics.contains { $0.severity == .warning && $0.message.contains("unknown column 'Extra'") })
            #expect(error.description.contains("t.csv:3:15: error: column 'previous'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the first row needs a section and every row a description")
    func requiredCells() {
        let errors = indicatorErrors(indicatorHeader + "\n" + ",A1,,H,MS,1,2,2,1,,no.,,,\n")
        expectCSVError(errors, "t.csv:2:1: error: column 'section'")
        expectCSVError(errors, "t.csv:2:5: error: column 'indicator'")
    }
}
