import Foundation
import Testing
@testable import ScorecardModel

private func d(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

@Suite("RAG rule")
struct RatingRuleTests {
    // H: target 90.0, floor 85.0, one decimal place.
    @Test("H at and around every boundary, at display precision", arguments: [
        ("95.0", RAGRating.green), ("90.0", .green), ("90", .green), ("89.96", .green), ("89.95", .green),
        ("89.94", .amber), ("89.9", .amber), ("85.0", .amber), ("84.96", .amber), ("84.95", .amber),
        ("84.94", .red), ("84.9", .red), ("0", .red),
    ])
    func higherIsBetter(value: String, expected: RAGRating) {
        let rule = RatingRule(polarity: .higherIsBetter, target: d("90.0"), floor: .level(d("85.0")), decimals: 1)
        #expect(rule.rate(d(value)) == expected, "\(value)")
    }

    // L: target 2.5, floor 3.5, one decimal place.
    @Test("L at and around every boundary, at display precision", arguments: [
        ("1.0", RAGRating.green), ("2.5", .green), ("2.54", .green), ("2.55", .amber), ("2.6", .amber),
        ("3.5", .amber), ("3.54", .amber), ("3.55", .red), ("3.6", .red),
    ])
    func lowerIsBetter(value: String, expected: RAGRating) {
        let rule = RatingRule(polarity: .lowerIsBetter, target: d("2.5"), floor: .level(d("3.5")), decimals: 1)
        #expect(rule.rate(d(value)) == expected, "\(value)")
    }

    // T: target 35.0, GREEN within ±2, AMBER within ±5 (the floor band), one decimal place.
    @Test("T at and around every boundary, both sides of the target", arguments: [
        ("35.0", RAGRating.green), ("37.0", .green), ("37.04", .green), ("37.05", .amber), ("33.0", .green),
        ("32.96", .green), ("32.94", .amber), ("40.0", .amber), ("40.04", .amber), ("40.05", .red),
        ("30.0", .amber), ("29.95", .amber), ("29.94", .red), ("33.9", .green), ("45", .red),
    ])
    func onTarget(value: String, expected: RAGRating) {
        let rule = RatingRule(polarity: .onTarget, target: d("35.0"), floor: .band(d("5")), tolerance: d("2"), decimals: 1)
        #expect(rule.rate(d(value)) == expected, "\(value)")
    }

    @Test("T without a tolerance is GREEN only exactly on target (at display precision)")
    func onTargetWithoutTolerance() {
        let rule = RatingRule(polarity: .onTarget, target: d("35.0"), floor: .band(d("5")), decimals: 1)
        #expect(rule.rate(d("35.04")) == .green)
        #expect(rule.rate(d("35.1")) == .amber)
        #expect(rule.rate(d("34.9")) == .amber)
        #expect(rule.rate(d("40.1")) == .red)
    }

    @Test("no floor: missing the target is RED")
    func noFloor() {
        #expect(RatingRule(polarity: .higherIsBetter, target: d("90"), floor: nil, decimals: 0).rate(d("89")) == .red)
        #expect(RatingRule(polarity: .lowerIsBetter, target: d("10"), floor: nil, decimals: 0).rate(d("11")) == .red)
        #expect(RatingRule(polarity: .onTarget, target: d("10"), floor: nil, tolerance: d("1"), decimals: 0).rate(d("12")) == .red)
    }

    @Test("whole-number display rounds half away from zero")
    func zeroDecimals() {
        let rule = RatingRule(polarity: .higherIsBetter, target: d("90"), floor: .level(d("85")), decimals: 0)
        #expect(rule.rate(d("89.5")) == .green)
        #expect(rule.rate(d("89.49")) == .amber)
        #expect(rule.rate(d("84.5")) == .amber)
        #expect(rule.rate(d("84.4")) == .red)
    }

    @Test("negative values (Progress 8)")
    func negatives() {
        let rule = RatingRule(polarity: .higherIsBetter, target: d("0.00"), floor: .level(d("-0.10")), decimals: 2)
        #expect(rule.rate(d("-0.06")) == .amber)
        #expect(rule.rate(d("-0.10")) == .amber)
        #expect(rule.rate(d("-0.104")) == .amber)
        #expect(rule.rate(d("-0.105")) == .red)
        #expect(rule.rate(d("-0.004")) == .green)
        #expect(rule.rate(d("0.004")) == .green)
    }

    @Test("no target, activity indicator, N/A, to be supplied and blank give no rating")
    func noRating() {
        var indicator = Indicator(section: "S", ref: "X", name: "x", polarity: .higherIsBetter, period: .monthlySnapshot,
                                  format: ValueFormat(unit: .percent, decimals: 1),
                                  current: ReportedValue(.number(d("50"))), target: nil, floor: .level(d("40")))
        #expect(indicator.ratingRule == nil)
        #expect(indicator.computedRAG == nil)
        indicator.target = d("60")
        #expect(indicator.computedRAG == .amber)
        for value in [IndicatorValue.notAvailable, .toBeSupplied, .blank] {
            indicator.current = ReportedValue(value)
            #expect(indicator.computedRAG == nil)
            #expect(indicator.rag == nil)
        }
        indicator.current = ReportedValue(.number(d("50")))
        indicator.polarity = nil
        #expect(indicator.isActivity)
        #expect(indicator.computedRAG == nil)
    }

    @Test("a supplied rating is what the scorecard prints")
    func suppliedWins() {
        var indicator = Indicator(section: "S", ref: "X", name: "x", polarity: .higherIsBetter, period: nil,
                                  format: ValueFormat(unit: .percent, decimals: 1),
                                  current: ReportedValue(.number(d("74.3"))), target: d("75"), floor: .level(d("72")))
        #expect(indicator.rag == .amber)
        indicator.suppliedRAG = .green
        #expect(indicator.rag == .green)
        #expect(indicator.computedRAG == .amber)
    }

    @Test("key wording and printed words")
    func wording() {
        #expect(RAGRating.green.word == "GREEN")
        #expect(RAGRating.amber.keyText == "Floor Standard achieved but Target has not been met")
        #expect(DirectionOfTravel.improved.keyText == "Performance has improved")
        #expect(DirectionOfTravel.same.keyText == "Performance has remained the same")
        #expect(RAGRating(text: "a") == .amber)
        #expect(RAGRating(text: "Green") == .green)
        #expect(RAGRating(text: "blue") == nil)
        #expect(Polarity(code: "t") == .onTarget)
        #expect(Polarity(code: "X") == nil)
        #expect(DataPeriod(code: "r12m") == .rolling12Months)
        #expect(DataPeriod(code: "Termly") == .other("Termly"))
        #expect(DataPeriod(code: "MS").code == "MS")
    }
}

@Suite("Direction of travel rule")
struct DirectionOfTravelTests {
    func dot(_ prev: IndicatorValue, _ curr: IndicatorValue, _ p: Polarity?, target: String? = nil, decimals: Int = 1) -> DirectionOfTravel? {
        DirectionOfTravelRule.direction(previous: prev, current: curr, polarity: p, target: target.map(d), decimals: decimals)
    }
    func n(_ s: String) -> IndicatorValue { .number(d(s)) }

    @Test("H: up is improved, down is worsened")
    func higher() {
        #expect(dot(n("95"), n("97"), .higherIsBetter) == .improved)
        #expect(dot(n("98"), n("95.5"), .higherIsBetter) == .worsened)
        #expect(dot(n("90"), n("90.0"), .higherIsBetter) == .same)
    }

    @Test("L: down is improved, up is worsened")
    func lower() {
        #expect(dot(n("402"), n("368"), .lowerIsBetter, decimals: 0) == .improved)
        #expect(dot(n("9.8"), n("10.6"), .lowerIsBetter) == .worsened)
        #expect(dot(n("2.9"), n("2.9"), .lowerIsBetter) == .same)
    }

    @Test("T: closer to the target is improved")
    func onTarget() {
        #expect(dot(n("31.9"), n("33.9"), .onTarget, target: "35") == .improved)
        #expect(dot(n("33.9"), n("37.5"), .onTarget, target: "35") == .worsened)
        #expect(dot(n("33.0"), n("37.0"), .onTarget, target: "35") == .same)
        #expect(dot(n("34.0"), n("34.0"), .onTarget, target: "35") == .same)
        #expect(dot(n("40"), n("36"), .onTarget, target: "35") == .improved)
        #expect(dot(n("31.9"), n("33.9"), .onTarget, target: nil) == nil)
    }

    @Test("any printed change counts, however small; changes below display precision do not")
    func precision() {
        #expect(dot(n("73.14"), n("73.16"), .higherIsBetter) == .improved)
        #expect(dot(n("73.12"), n("73.14"), .higherIsBetter) == .same)
        #expect(dot(n("0.01"), n("0.02"), .lowerIsBetter, decimals: 2) == .worsened)
    }

    @Test("missing previous, N/A, to be supplied, or no polarity give no direction")
    func missing() {
        #expect(dot(.blank, n("5"), .higherIsBetter) == nil)
        #expect(dot(.notAvailable, n("58"), .higherIsBetter) == nil)
        #expect(dot(n("5"), .toBeSupplied, .higherIsBetter) == nil)
        #expect(dot(n("5"), .notAvailable, .lowerIsBetter) == nil)
        #expect(dot(n("934"), n("818"), nil) == nil)
    }

    @Test("movement gives the arrow direction regardless of polarity")
    func movement() {
        #expect(DirectionOfTravelRule.movement(previous: n("934"), current: n("818"), decimals: 0) == .down)
        #expect(DirectionOfTravelRule.movement(previous: n("1"), current: n("2"), decimals: 0) == .up)
        #expect(DirectionOfTravelRule.movement(previous: n("1.01"), current: n("1.04"), decimals: 1) == .level)
        #expect(DirectionOfTravelRule.movement(previous: .notAvailable, current: n("2"), decimals: 0) == nil)
    }
}
