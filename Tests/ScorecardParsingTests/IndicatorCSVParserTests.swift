import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

/// The required header, in the documented order.
let indicatorHeader = "section,ref,indicator,polarity,period,previous,current,target,floor,england,unit,rag,dot,note"

func parseIndicators(_ text: String, file: String = "t.csv") throws -> Parsed<[Indicator]> {
    try IndicatorCSVParser.parse(data: Data(text.utf8), file: file)
}

/// The diagnostics of a CSV that must fail.
func indicatorErrors(_ text: String, file: String = "t.csv", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    indicatorErrors(data: Data(text.utf8), file: file, sourceLocation: sourceLocation)
}

func indicatorErrors(data: Data, file: String = "t.csv", sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
        let parsed = try IndicatorCSVParser.parse(data: data, file: file)
        Issue.record("expected an InputError, parsed \(parsed.value.count) indicators", sourceLocation: sourceLocation)
        return []
    } catch let error as InputError {
        return error.diagnostics.filter { $0.severity == .error }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return []
    }
}

private func d(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

@Suite("Indicator CSV: reading")
struct IndicatorCSVParserTests {
    @Test("Excel quirks: BOM, CRLF, quoted fields with commas and line breaks, thousands, percentages")
    func excelQuirks() throws {
        let csv = "\u{FEFF}" + indicatorHeader + "\r\n"
            + "Early Years,EY01,\"EYFS: % reaching a Good Level of Development, all pupils\",H,A,73.1,74.3,75.0,72.0,69.3,%,,,\"R~: \"\"in line\"\", kelsi\r\nsecond line\"\r\n"
            + "SEND,SE03,Children with an EHCP,,MS,\"7,212\",\"7,448\",,,,no.,,,activity\r\n"
            + "Schools,SI01,% of schools good or outstanding,H,MS,89%,91%,90%,85%,89%,,,,\r\n"
        let parsed = try parseIndicators(csv)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        let ey01 = parsed.value[0], se03 = parsed.value[1], si01 = parsed.value[2]
        #expect(ey01.name == "EYFS: % reaching a Good Level of Development, all pupils")
        #expect(ey01.note == "R~: \"in line\", kelsi\nsecond line")
        #expect(ey01.current.value == .number(d("74.3")))
        #expect(ey01.unit == .percent && ey01.decimals == 1)
        #expect(ey01.rag == .amber)
        #expect(ey01.location?.description == "t.csv:2:1")
        #expect(se03.previous.value == .number(7212) && se03.current.value == .number(7448))
        #expect(se03.isActivity && se03.rag == nil && se03.directionOfTravel == nil)
        #expect(se03.location?.description == "t.csv:4:1", "the quoted line break moves later rows down")
        #expect(si01.unit == .percent, "unit inferred from the % signs")
        #expect(si01.decimals == 0)
        #expect(si01.rag == .green && si01.directionOfTravel == .improved)
        #expect(si01.comparators.england == .number(89))
    }

    @Test("CR, LF and CRLF line endings read the same", arguments: ["\n", "\r", "\r\n"])
    func lineEndings(eol: String) throws {
        let csv = indicatorHeader + eol + "S,A1,One,H,MS,1,2,2,1,,no.,,," + eol + "S,A2,Two,L,MS,5,4,3,6,,no.,,," + eol
        let parsed = try parseIndicators(csv)
        #expect(parsed.value.map(\.ref) == ["A1", "A2"])
        #expect(parsed.value.map(\.location?.line) == [2, 3])
        #expect(parsed.value.map(\.rag) == [.green, .amber])
    }

    @Test("header names in any order and any case; optional columns and aliases")
    func headerOrder() throws {
        let csv = "NOTE,Dot,RAG,Unit,England,Floor,Target,Current,Previous,Period,Polarity,Indicator,Ref,Section,SN,South East,Source,Decimals,PrevYear,Tolerance,AsAt\n"
            + "n,,,rate,43.3,±5,35.0,33.9,31.9,MS,T,CP rate,SCS10,Child protection,38.0,40.1,SCS,1,no,±2,Apr-17\n"
            + "n,,,%,,72,75,74.3,73.1,A,H,GLD,EY01,Early Years,,,EY,1,yes,,2016\n"
        let parsed = try parseIndicators(csv)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        let scs10 = parsed.value[0]
        #expect(scs10.polarity == .onTarget && scs10.floor == .band(5) && scs10.tolerance == 2)
        #expect(scs10.rag == .green && scs10.directionOfTravel == .improved)
        #expect(scs10.comparators.statisticalNeighbours == .number(38))
        #expect(scs10.comparators.southEast == .number(d("40.1")))
        #expect(scs10.source == "SCS" && scs10.current.asAt == "Apr-17")
        #expect(!scs10.current.isPreviousReportingYear)
        #expect(parsed.value[1].current.isPreviousReportingYear)
        #expect(!parsed.value[1].previous.isPreviousReportingYear)
    }

    @Test("values with stray spaces are trimmed silently")
    func straySpaces() throws {
        let csv = indicatorHeader + "\n" + "  S , A1 ,  One  , H ,  MS , 73.1 ,  74.3  , 75.0 ,72.0 , ,% , , ,\n"
        let parsed = try parseIndicators(csv)
        #expect(parsed.warnings.isEmpty, "\(parsed.warnings)")
        let i = parsed.value[0]
        #expect(i.section == "S" && i.ref == "A1" && i.name == "One" && i.polarity == .higherIsBetter)
        #expect(i.current.value == .number(d("74.3")))
    }

    @Test("negatives with - or U+2212, N/A, TBS and blanks")
    func markers() throws {
        let csv = indicatorHeader + "\n"
            + "S,P8,Progress 8,H,A,N/A,\u{2212}0.06,0.00,-0.10,-0.03,score,,,\n"
            + "S,D3,Short breaks,H,MS,n/a,TBS,90.0,80.0,,%,,,\n"
            + "S,D4,Other,H,MS,,to be supplied,90.0,80.0,–,%,,,\n"
        let parsed = try parseIndicators(csv)
        let p8 = parsed.value[0]
        #expect(p8.current.value == .number(d("-0.06")))
        #expect(p8.formatted(p8.current.value) == "\u{2212}0.06")
        #expect(p8.previous.value == .notAvailable)
        #expect(p8.rag == .amber && p8.directionOfTravel == nil)
        #expect(parsed.value[1].current.value == .toBeSupplied)
        #expect(parsed.value[1].previous.value == .notAvailable)
        #expect(parsed.value[1].rag == nil)
        #expect(parsed.value[2].current.value == .toBeSupplied)
        #expect(parsed.value[2].previous.value == .blank)
        #expect(parsed.value[2].comparators.england == .blank)
    }

    @Test("blank section continues the previous one; blank rows are skipped")
    func sections() throws {
        let csv = indicatorHeader + "\n" + "Early Years,A,a,H,MS,1,2,2,1,,no.,,,\n,,,,,,,,,,,,,\n,B,b,H,MS,1,2,2,1,,no.,,,\n"
        let parsed = try parseIndicators(csv)
        #expect(parsed.value.map(\.section) == ["Early Years", "Early Years"])
    }

    @Test("unknown columns are warned about, naming the column and its place")
    func unknownColumn() throws {
        let csv = indicatorHeader + ",Comments\n" + "S,A1,One,H,MS,1,2,2,1,,no.,,,,hello\n"
        let parsed = try parseIndicators(csv)
        #expect(parsed.value.count == 1)
        #expect(parsed.warnings.count == 1)
        let w = parsed.warnings[0].description
        #expect(w.hasPrefix("t.csv:1:\(indicatorHeader.count + 2): warning: unknown column 'Comments'"))
    }

    @Test("a supplied RAG or DoT that contradicts the rules is kept, with a warning naming file:line:column")
    func suppliedContradiction() throws {
        let csv = indicatorHeader + "\n" + "S,EY01,GLD,H,A,73.1,74.3,75.0,72.0,,%,G,worsened,\n"
        let parsed = try parseIndicators(csv)
        let i = parsed.value[0]
        #expect(i.rag == .green && i.computedRAG == .amber)
        #expect(i.directionOfTravel == .worsened && i.computedDirectionOfTravel == .improved)
        let texts = parsed.warnings.map(\.description)
        #expect(texts.count == 2)
        #expect(texts[0].hasPrefix("t.csv:2:39: warning: column 'rag': the supplied rating GREEN differs from the computed AMBER"))
        #expect(texts[1].hasPrefix("t.csv:2:41: warning: column 'dot': the supplied direction of travel 'worsened' differs from the computed 'improved'"))
    }

    @Test("a supplied RAG that agrees raises nothing")
    func suppliedAgreement() throws {
        let parsed = try parseIndicators(indicatorHeader + "\nS,SE01,EHCP,H,R12M,57.1,63.9,90.0,80.0,,%,R,improved,\n")
        #expect(parsed.warnings.isEmpty)
        #expect(parsed.value[0].suppliedRAG == .red)
    }

    @Test("display precision: 89.96 shown with one decimal meets a target of 90.0")
    func displayPrecision() throws {
        let parsed = try parseIndicators(indicatorHeader + ",decimals\nS,X,x,H,MS,89.9,89.96,90.0,85.0,,%,,,,1\n")
        #expect(parsed.value[0].formatted(parsed.value[0].current.value) == "90.0%")
        #expect(parsed.value[0].rag == .green)
        #expect(parsed.value[0].directionOfTravel == .improved)
    }

    @Test("decimals are inferred from the row when not given")
    func inferredDecimals() throws {
        let parsed = try parseIndicators(indicatorHeader + "\nS,X,x,H,MS,98,95.5,95,90,,%,,,\nS,Y,y,L,MS,402,368,400,450,,no.,,,\n")
        #expect(parsed.value.map(\.decimals) == [1, 0])
    }

    @Test("a Windows-1252 file keeps its £ sign and is warned about")
    func windows1252() throws {
        let text = indicatorHeader + "\r\nFinance,F1,Spend per pupil (£),H,A,\"4,100\",\"4,250\",\"4,200\",\"4,000\",,no.,,,£ figures\r\n"
        let bytes = text.unicodeScalars.map { UInt8($0 == "£" ? 0xA3 : $0.value) }
        let parsed = try IndicatorCSVParser.parse(data: Data(bytes), file: "t.csv")
        #expect(parsed.value[0].name == "Spend per pupil (£)")
        #expect(parsed.value[0].note == "£ figures")
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings[0].description.hasPrefix("t.csv:2:29: warning: the file is not valid UTF-8"))
        #expect(parsed.warnings[0].message.contains("Windows-1252"))
    }

    @Test("an unknown data-period code is kept with a warning")
    func otherPeriod() throws {
        let parsed = try parseIndicators(indicatorHeader + "\nS,X,x,H,Termly,1,2,2,1,,no.,,,\n")
        #expect(parsed.value[0].period == .other("Termly"))
        #expect(parsed.warnings.first?.description.hasPrefix("t.csv:2:9: warning: column 'period'") == true)
    }
}
