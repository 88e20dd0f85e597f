import Foundation
import Testing
@testable import ScorecardModel

private func d(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

@Suite("Indicator value formatting (en-GB)")
struct IndicatorValueFormattingTests {
    @Test("thousands separators, fixed decimals and half-away-from-zero rounding", arguments: [
        ("7448", 0, "7,448"), ("18950", 0, "18,950"), ("100", 0, "100"), ("999", 0, "999"), ("1000", 0, "1,000"),
        ("1234567.891", 2, "1,234,567.89"), ("123456789012", 0, "123,456,789,012"),
        ("90", 1, "90.0"), ("74.25", 1, "74.3"), ("74.249", 1, "74.2"), ("0.5", 0, "1"), ("0", 0, "0"),
        ("0", 2, "0.00"), ("0.05", 2, "0.05"), ("999.95", 1, "1,000.0"), ("95.5", 1, "95.5"), ("35", 3, "35.000"),
    ])
    func numbers(value: String, decimals: Int, expected: String) {
        #expect(ValueFormat.format(d(value), decimals: decimals) == expected)
    }

    @Test("negatives use the true minus sign U+2212, and never print −0")
    func minusSign() {
        #expect(ValueFormat.format(d("-0.06"), decimals: 2) == "\u{2212}0.06")
        #expect(ValueFormat.format(d("-2.25"), decimals: 1) == "\u{2212}2.3")
        #expect(ValueFormat.format(d("-1234.5"), decimals: 1) == "\u{2212}1,234.5")
        #expect(ValueFormat.format(d("-0.004"), decimals: 2) == "0.00")
        #expect(!ValueFormat.format(d("-5"), decimals: 0).contains("-"))
    }

    @Test("the integer fast path writes what the Decimal arithmetic writes, for any value and places")
    func fastPathMatchesTheGeneralOne() {
        var generator = SplitMix(seed: 0x5C0_4EC)
        var checked = 0
        for _ in 0..<20_000 {
            // Up to 24 significant digits (beyond 64 bits, to reach the general path too), a point
            // anywhere, ties (a last digit 5) often, a sign half of the time.
            let length = Int(generator.next() % 24) + 1
            var digits = (0..<length).map { _ in String(generator.next() % 10) }.joined()
            if generator.next() % 3 == 0 { digits += "5" }
            let point = Int(generator.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if text.hasPrefix(".") { text = "0" + text }
            if generator.next() % 2 == 0 { text = "-" + text }
            let value = d(text)
            for places in 0...ValueFormat.maximumDecimals {
                #expect(ValueFormat.format(value, decimals: places) == ValueFormat.formatGenerally(value, decimals: places),
                        "\(text) at \(places) places")
                checked += 1
            }
        }
        #expect(checked == 140_000)
        #expect(ValueFormat.format(d("18446744073709551615"), decimals: 2) == "18,446,744,073,709,551,615.00")
        #expect(ValueFormat.format(d("-0"), decimals: 1) == "0.0")
    }

    @Test("percentages carry a % suffix; other units print bare numbers")
    func units() {
        let percent = ValueFormat(unit: .percent, decimals: 1)
        #expect(percent.string(for: d("74.3")) == "74.3%")
        #expect(percent.string(for: d("74.3"), includeUnit: false) == "74.3")
        #expect(percent.string(for: .number(d("97"))) == "97.0%")
        #expect(ValueFormat(unit: .percentagePoints, decimals: 1).string(for: d("21")) == "21.0")
        #expect(ValueFormat(unit: .number, decimals: 0).string(for: d("7448")) == "7,448")
        #expect(ValueFormat(unit: .days, decimals: 0).string(for: d("402")) == "402")
        #expect(ValueFormat(unit: .score, decimals: 2).string(for: d("-0.06")) == "\u{2212}0.06")
        #expect(ValueUnit.percent.label == "%")
        #expect(ValueUnit.number.label == "no.")
    }

    @Test("incomplete data: N/A prints N/A; to be supplied and blank print nothing")
    func markers() {
        let f = ValueFormat(unit: .percent, decimals: 1)
        #expect(f.string(for: .notAvailable) == "N/A")
        #expect(f.string(for: .toBeSupplied) == "")
        #expect(f.string(for: .blank) == "")
    }

    @Test("floors and tolerances")
    func floors() {
        let f = ValueFormat(unit: .rate, decimals: 1)
        #expect(FloorStandard.band(d("5")).formatted(f) == "±5.0")
        #expect(FloorStandard.level(d("72")).formatted(ValueFormat(unit: .percent, decimals: 1)) == "72.0%")
        let i = Indicator(section: "CP", ref: "SCS10", name: "rate", polarity: .onTarget, period: .monthlySnapshot, format: f,
                          target: d("35"), floor: .band(d("5")), tolerance: d("2"))
        #expect(i.formattedTarget == "35.0")
        #expect(i.formattedFloor == "±5.0")
        #expect(i.formattedTolerance == "±2.0")
    }

    @Test("decimals are clamped to 0...6")
    func clamp() {
        #expect(ValueFormat(unit: .number, decimals: 9).decimals == 6)
        #expect(ValueFormat(unit: .number, decimals: -1).decimals == 0)
    }
}

@Suite("Scorecard model")
struct ScorecardModelShapeTests {
    @Test("publication dates print with an ordinal day", arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
        (21, "21st"), (22, "22nd"), (23, "23rd"), (30, "30th"), (31, "31st"),
    ])
    func ordinals(day: Int, expected: String) {
        #expect(CalendarDate.ordinal(day) == expected)
    }

    @Test("title block lines")
    func titleBlock() {
        let m = ScorecardMetadata(headerLine: "Children, Young People and Education Performance Management",
                                  title: "Education & Early Help Scorecard", releaseLine: "May 2017 Release - (April 2017 Data)",
                                  producedBy: "Management Information, KCC", publicationDate: CalendarDate(iso: "2017-05-31")!,
                                  appendixLabel: "Appendix 1")
        #expect(m.publicationDateLine == "Publication Date: 31st May 2017")
        #expect(m.producedByLine == "Produced by: Management Information, KCC")
        #expect(CalendarDate(iso: "2017-06-05")!.ordinalForm == "5th June 2017")
        #expect(m.guidance.ragEntries.map(\.0) == [.green, .amber, .red])
        #expect(m.guidance.dataPeriods.map(\.code) == ["R12M", "MS", "YTD", "Q", "A"])
    }

    @Test("sections keep first-appearance order and rows keep their order")
    func sections() {
        func ind(_ section: String, _ ref: String) -> Indicator {
            Indicator(section: section, ref: ref, name: ref, polarity: nil, period: nil, format: ValueFormat(unit: .number, decimals: 0))
        }
        let card = Scorecard(metadata: .standalone(title: "t", publicationDate: CalendarDate(iso: "2017-06-22")!),
                             indicators: [ind("A", "1"), ind("B", "2"), ind("A", "3"), ind("C", "4")])
        #expect(card.sections.map(\.title) == ["A", "B", "C"])
        #expect(card.sections[0].indicators.map(\.ref) == ["1", "3"])
        #expect(card.indicators.map(\.ref) == ["1", "3", "2", "4"])
    }
}

@Suite("District matrix model")
struct DistrictMatrixModelTests {
    @Test("the 12 Kent districts of 2017, in order, with Shepway")
    func districts() {
        #expect(KentDistrict.allCases.map(\.name) == ["Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone",
                                                      "Sevenoaks", "Shepway", "Swale", "Thanet", "Tonbridge and Malling", "Tunbridge Wells"])
        #expect(KentDistrict(name: "tonbridge & malling") == .tonbridgeAndMalling)
        #expect(KentDistrict(name: " TUNBRIDGE  WELLS ") == .tunbridgeWells)
        #expect(KentDistrict(name: "Folkestone & Hythe") == nil)
        #expect(KentDistrict(name: "Medway") == nil)
    }

    @Test("cells are rated against the row's target and floor")
    func ratings() {
        let row = DistrictMatrixRow(ref: "PN01", name: "NEET", polarity: .lowerIsBetter, target: d("2.5"), floor: .level(d("3.5")),
                                    format: ValueFormat(unit: .percent, decimals: 1),
                                    cells: [.number(d("1.9")), .number(d("2.9")), .number(d("4.9")), .blank, .notAvailable])
        #expect(row.ratings == [.green, .amber, .red, nil, nil])
        let matrix = DistrictMatrix(title: "D", columns: [.district(.sevenoaks), .kent, .district(.thanet), .team("DCYPS"), .district(.dover)],
                                    rows: [row])
        #expect(matrix.rating(row: 0, column: .district(.thanet)) == .red)
        #expect(matrix.value(row: 0, column: .kent) == .number(d("2.9")))
        #expect(matrix.columns.map(\.title) == ["Sevenoaks", "Kent", "Thanet", "DCYPS", "Dover"])
        let activity = DistrictMatrixRow(ref: "", name: "FTE", polarity: nil, target: nil, floor: nil,
                                         format: ValueFormat(unit: .number, decimals: 0), cells: [.number(30)])
        #expect(activity.ratings == [nil])
    }
}

/// A small seeded generator (SplitMix64), so the randomised test is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
