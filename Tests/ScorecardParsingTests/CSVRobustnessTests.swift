import TestSupport
import Foundation
import Testing
@testable import ScorecardModel
@testable import ScorecardParsing

private typealias CSVFuzzGenerator = SplitMix64

private let exampleDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Examples/cype-2017-06-22").path
}()

@Suite("CSV and metadata parsers: seeded random input")
struct CSVRobustnessTests {
    /// Bytes that matter to the parsers, so mutations hit the interesting paths.
    static let interesting: [UInt8] = Array("\",\r\n\0 %-±N/ATBS".utf8) + [0xA3, 0xE2, 0x88, 0x92, 0xEF, 0xBB, 0xBF, 0xFF, 0x80]

    fileprivate static func mutate(_ bytes: [UInt8], rng: inout CSVFuzzGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let choice = Int.random(in: 0..<4, using: &rng)
            let position = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &rng)
            switch choice {
            case 0 where !out.isEmpty: out.remove(at: position)
            case 1: out.insert(interesting.randomElement(using: &rng)!, at: position)
            case 2 where !out.isEmpty: out[position] = UInt8.random(in: 0...255, using: &rng)
            default: out = Array(out.prefix(position))
            }
        }
        return out
    }

    @Test("2,000 mutations of the example CSVs never crash: each parses or throws an InputError with located errors")
    func mutatedCSVs() throws {
        var rng = CSVFuzzGenerator(seed: 20170622)
        let seeds = try ["appendix-1-indicators.csv", "appendix-2-indicators.csv"].map {
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: exampleDirectory + "/" + $0)))
        }
        let districtSeeds = try ["appendix-1-districts.csv", "appendix-2-districts.csv"].map {
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: exampleDirectory + "/" + $0)))
        }
        for i in 0..<2000 {
            let indicatorBytes = Self.mutate(seeds[i % 2], rng: &rng)
            do {
                _ = try IndicatorCSVParser.parse(data: Data(indicatorBytes), file: "fuzz.csv")
            } catch let error as InputError {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location?.file == "fuzz.csv" && $0.location!.line >= 1 && $0.location!.column >= 1 })
            }
            let districtBytes = Self.mutate(districtSeeds[i % 2], rng: &rng)
            do {
                _ = try DistrictMatrixCSVParser.parse(data: Data(districtBytes), file: "fuzz.csv")
            } catch let error as InputError {
                #expect(error.diagnostics.contains { $0.severity == .error })
            }
        }
    }

    @Test("random bytes never crash the CSV parser")
    func randomBytes() {
        var rng = CSVFuzzGenerator(seed: 42)
        for _ in 0..<500 {
            let count = Int.random(in: 0..<300, using: &rng)
            let bytes = (0..<count).map { _ in Bool.random(using: &rng) ? Self.interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
            _ = try? IndicatorCSVParser.parse(data: Data(bytes), file: "r.csv")
            _ = try? DistrictMatrixCSVParser.parse(data: Data(bytes), file: "r.csv")
        }
    }

    @Test("500 mutations of the example metadata YAML never crash")
    func mutatedYAML() throws {
        var rng = CSVFuzzGenerator(seed: 31052017)
        let text = try String(contentsOfFile: exampleDirectory + "/appendix-1-education-early-help.yaml", encoding: .utf8)
        let bytes = Array(text.utf8)
        for _ in 0..<500 {
            let mutated = String(decoding: Self.mutate(bytes, rng: &rng), as: UTF8.self)
            do {
                _ = try ScorecardMetadataLoader.load(text: mutated, file: "m.yaml")
            } catch let error as InputError {
                #expect(error.diagnostics.allSatisfy { $0.location?.file == "m.yaml" })
            }
        }
    }

    @Test("an indicator CSV at the row limit parses completely, with every row located")
    func large() throws {
        let rows = IndicatorCSVParser.maximumRows
        var text = indicatorHeader + "\r\n"
        for i in 0..<rows {
            text += "Section \(i / 500),R\(i),\"Indicator \(i), with a comma\",H,MS,\"1,\(String(format: "%03d", i % 1000))\",\(i % 100).5,50,40,,%,,,note\r\n"
        }
        let parsed = try parseIndicators(text)
        #expect(parsed.value.count == rows)
        #expect(parsed.value.last?.location?.line == rows + 1)
    }
}
