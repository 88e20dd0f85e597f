import Foundation
import Testing
@testable import ScorecardLayout

func testScorecardStyle() -> ScorecardStyle {
    let body = TextStyle(size: .pt(9), leading: 1.2)
    let columns: [IndicatorColumn] = [
        .init(field: .ref, header: "Ref", width: .fixed(.mm(14)), alignment: .left),
        .init(field: .indicator, header: "Indicator", width: .fill, alignment: .left),
        .init(field: .polarity, header: "Pol", width: .fixed(.mm(9)), alignment: .center),
        .init(field: .previous, header: "Previous", width: .fixed(.mm(20)), alignment: .right),
        .init(field: .current, header: "Current", width: .fixed(.mm(20)), alignment: .right),
        .init(field: .rag, header: "RAG", width: .fixed(.mm(18)), alignment: .center),
        .init(field: .dot, header: "DoT", width: .fixed(.mm(24)), alignment: .left),
        .init(field: .target, header: "Target", width: .fixed(.mm(18)), alignment: .right),
        .init(field: .floor, header: "Floor", width: .fixed(.mm(18)), alignment: .right),
    ]
    return ScorecardStyle(
        fontFamily: "Test Sans", page: PageSpec(size: .a4Landscape, margins: Insets(all: .mm(15))),
        appendixLabelStyle: body.with(bold: true, size: .pt(14)), headerLineStyle: body.with(size: .pt(14)),
        titleStyle: body.with(bold: true, size: .pt(28)), releaseLineStyle: body.with(size: .pt(16)),
        producedByStyle: body.with(size: .pt(12)), titleBlockOffset: .mm(60),
        blankPageText: "This page is intentionally blank", blankPageStyle: body,
        headingStyle: body.with(bold: true, size: .pt(16)), subheadingStyle: body.with(bold: true, size: .pt(11)),
        body: body, blockSpacing: .pt(8), keyTableWidth: .mm(180),
        table: TableStyle(headerStyle: body.with(bold: true), cellStyle: body, sectionStyle: body.with(bold: true),
                          headerFill: Color(hex: "#D9D9D9")!, sectionFill: Color(hex: "#EFEFEF")!,
                          cellPadding: Insets(all: .pt(2.5)), gridColor: Color(hex: "#808080")!, gridWidth: .pt(0.5),
                          minimumRowHeight: .pt(14)),
        columns: columns, districtIndicatorWidth: .mm(56), districtRefWidth: .mm(14),
        districtHeaderStyle: body.with(bold: true, size: .pt(7)), districtCellStyle: body.with(size: .pt(8)),
        red: RatingColors(fill: Color(hex: "#C00000")!, text: .white),
        amber: RatingColors(fill: Color(hex: "#FFC000")!, text: .black),
        green: RatingColors(fill: Color(hex: "#4CA64C")!, text: .black),
        arrowColor: .black, toBeSuppliedFill: Color(hex: "#E7E6E6")!,
        footerTemplate: "{title} – Page {page} of {pages}", footerStyle: body, footerBaseline: .mm(8),
        footerAlignment: .right)
}

func indicator(_ ref: String, section: String, polarity: Polarity? = .higherIsBetter, previous: Decimal? = 50,
               current: IndicatorValue = .number(60), target: Decimal? = 55, floor: Decimal? = 45) -> Indicator {
    Indicator(section: section, ref: ref, name: "Indicator \(ref)", polarity: polarity, period: .monthlySnapshot,
              format: ValueFormat(unit: .percent, decimals: 1),
              previous: ReportedValue(previous.map { .number($0) } ?? .blank), current: ReportedValue(current),
              target: target, floor: floor.map { .level($0) })
}

func testScorecard(count: Int, perSection: Int = 10) -> Scorecard {
    let meta = ScorecardMetadata(headerLine: "Performance Management", title: "Test Scorecard",
                                 releaseLine: "May 2017 Release", producedBy: "MI",
                                 publicationDate: CalendarDate(year: 2017, month: 5, day: 31)!, appendixLabel: "Appendix 1")
    let indicators = (0..<count).map { i in
        indicator(String(format: "T%04d", i), section: "Section \(i / perSection + 1)", current: .number(Decimal(40 + i % 30)))
    }
    return Scorecard(metadata: meta, indicators: indicators)
}

@Suite struct ScorecardLayoutTests {
    let layout = ScorecardPagesLayout(style: testScorecardStyle(), measurer: FixedAdvanceMeasurer())

    @Test func pageSequenceIsTitleBlankGuidanceThenTables() throws {
        let doc = try layout.layout(testScorecard(count: 40), metadata: testMetadata)
        #expect(doc.pages.allSatisfy { $0.size == .a4Landscape })
        let first = texts([doc.pages[0]]).map(\.plainText)
        #expect(first.first == "Appendix 1")
        #expect(first.contains("Publication Date: 31st May 2017"))
        #expect(texts([doc.pages[1]]).first?.plainText == "This page is intentionally blank")
        #expect(texts([doc.pages[2]]).first?.plainText == "Guidance Notes")
        // The Guidance Notes start on page 3: a right-hand page in duplex.
        let tablePage = try #require(doc.pages.firstIndex { texts([$0]).contains { $0.plainText == "T0000" } })
        #expect(tablePage > 2)
    }

    @Test func aLongTableIsBuiltTheSameOnSeveralThreads() {
        let scorecard = testScorecard(count: 700, perSection: 23)
        let one = IndicatorTableBuilder(style: testScorecardStyle()).table(scorecard, width: .mm(267))
        let two = IndicatorTableBuilder(style: testScorecardStyle(), threads: 2).table(scorecard, width: .mm(267))
        #expect(scorecard.sections.reduce(0) { $0 + $1.indicators.count } >= IndicatorTableBuilder.indicatorsWorthSharing)
        #expect(one.bodyRows.count == 700 + scorecard.sections.count)
        #expect(String(describing: one.bodyRows) == String(describing: two.bodyRows))
    }

    @Test func ratingCellsCarryFillAndWord() throws {
        let doc = try layout.layout(testScorecard(count: 30), metadata: testMetadata)
        let all = texts(doc.pages).map(\.plainText)
        // 40..69 against target 55 / floor 45: values below 45 red, 45-54 amber, 55+ green.
        let words = all.filter { ["RED", "AMBER", "GREEN"].contains($0) }
        #expect(words.filter { $0 == "RED" }.count == 5 + 1)   // + the key
        #expect(words.filter { $0 == "AMBER" }.count == 10 + 1)
        #expect(words.filter { $0 == "GREEN" }.count == 15 + 1)
        let fills = doc.pages.flatMap(\.items).compactMap { if case .fill(_, let c) = $0 { return c } else { return nil } }
        #expect(fills.filter { $0 == Color(hex: "#C00000") }.count == 6)
    }

    @Test func twoThousandIndicatorsRepeatTheHeaderAndNeverSplitARow() throws {
        let doc = try layout.layout(testScorecard(count: 2000, perSection: 25), metadata: testMetadata)
        let tablePages = doc.pages.filter { texts([$0]).contains { $0.plainText.hasPrefix("T0") || $0.plainText.hasPrefix("T1") } }
        #expect(tablePages.count > 50)
        for page in tablePages.dropFirst() {
            #expect(texts([page]).first?.plainText == "Ref")
        }
        var refs: [String] = []
        for page in tablePages {
            let ls = texts([page])
            for l in ls where l.plainText.hasPrefix("T") && l.plainText.count == 5 {
                refs.append(l.plainText)
                // The row's name sits on the same baseline as its ref: the row was not split.
                #expect(ls.contains { $0.plainText == "Indicator \(l.plainText)" && $0.origin.y == l.origin.y })
            }
        }
        #expect(refs == (0..<2000).map { String(format: "T%04d", $0) })
    }

    @Test func directionOfTravelIsAnArrowAndAWord() throws {
        let doc = try layout.layout(testScorecard(count: 3), metadata: testMetadata)
        let polygons = doc.pages.flatMap(\.items).filter { if case .polygon = $0 { return true } else { return false } }
        #expect(polygons.count == 3 + 3) // three rows, three arrows in the key
        #expect(texts(doc.pages).contains { $0.plainText == "Improved" })
    }

    @Test func ratingColoursMeetContrastAndStayDistinctInGreyscale() {
        let s = testScorecardStyle()
        for c in [s.red, s.amber, s.green] { #expect(c.fill.contrastRatio(with: c.text) >= 4.5) }
        let greys = [s.red, s.amber, s.green].map(\.fill.relativeLuminance).sorted()
        #expect(greys[1] - greys[0] > 0.1 && greys[2] - greys[1] > 0.1)
    }
}
