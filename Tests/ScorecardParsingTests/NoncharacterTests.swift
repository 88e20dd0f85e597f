import Foundation
import Testing
import TestSupport
import ScorecardModel
@testable import ScorecardParsing

/// Unicode noncharacters in input text are located errors (a PDF cannot hold them).
@Suite("Unicode noncharacters in input")
struct NoncharacterTests {
    @Test func everyNoncharacterIsFoundAndNothingElse() {
        let noncharacters: [UInt32] = [0xFDD0, 0xFDE7, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF]
        let characters: [UInt32] = [0xFDCF, 0xFDF0, 0xFFFD, 0xFEFF, 0xFFFC, 0x1FFFD, 0x1F600, 0xE000, 0x10FFFD, 0x2013]
        for value in noncharacters { #expect(Noncharacters.isNoncharacter(Unicode.Scalar(value)!), "\(value)") }
        for value in characters { #expect(!Noncharacters.isNoncharacter(Unicode.Scalar(value)!), "\(value)") }
        let text = String(String.UnicodeScalarView(characters.map { Unicode.Scalar($0)! }))
        #expect(Noncharacters.locations(in: text, file: "f").isEmpty)
    }

    /// The UTF-8 byte matcher finds exactly the scalars `isNoncharacter` names: every scalar near
    /// each noncharacter range of every plane, and seeded random ones, with their columns.
    @Test func theByteMatcherAgreesWithTheScalarRule() {
        var values: [UInt32] = Array(0xFDC0...0xFDFF)
        for plane in UInt32(0)...16 { values += Array((plane << 16 | 0xFFE0)...(plane << 16 | 0xFFFF)) }
        var rng = SplitMix64(seed: 20261201)
        for _ in 0..<2_000 {
            let value = UInt32.random(in: 0...0x10FFFF, using: &rng)
            if (0xD800...0xDFFF).contains(value) { continue }
            values.append(value)
        }
        let scalars = values.compactMap { Unicode.Scalar($0) }
        let text = String(String.UnicodeScalarView(scalars))
        let found = Noncharacters.locations(in: text, file: "f")
        let expected = scalars.enumerated().filter { Noncharacters.isNoncharacter($0.element) }
        #expect(expected.count >= 66)  // all 66 noncharacters are among the values
        #expect(found.map(\.scalar) == expected.map(\.element))
        // All on one line unless a random value was a line break.
        if !scalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            #expect(found.map(\.location.column) == expected.map { $0.offset + 1 })
        }
    }

    @Test func linesAndColumnsCountScalarsAfterLFCRLFAndLoneCR() {
        let text = "ab\(nc(0xFFFE))\nx\r\n–\(nc(0xFDD0))\ry\(nc(0x1FFFF))z\n\(nc(0xFFFF))"
        let found = Noncharacters.locations(in: text, file: "in.md")
        #expect(found.map(\.scalar.value) == [0xFFFE, 0xFDD0, 0x1FFFF, 0xFFFF])
        #expect(found.map(\.location.description) == ["in.md:1:3", "in.md:3:2", "in.md:4:2", "in.md:5:1"])
    }

    @Test func aMarkdownFileWithOneIsAnErrorNamingEachPlace() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nonchar-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("\u{FEFF}# Title\n\nSome \(nc(0xFFFE))text\(nc(0xFDEF)).\n".utf8).write(to: url)
        let error = try #require(throws: InputError.self) { try TextFile.read(url) }
        #expect(error.diagnostics.map { $0.location?.description } == ["\(url.path):3:6", "\(url.path):3:11"])
        #expect(error.description.contains("U+FFFE is a Unicode noncharacter"))
        #expect(error.description.contains("U+FDEF"))
    }

    @Test func anIndicatorCSVWithOneIsAnErrorAtItsPlace() throws {
        let path = exampleFolder.appendingPathComponent("appendix-2-indicators.csv").path
        // The example exports from Excel end lines with CRLF (one Character in Swift).
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        try #require(lines.count > 3)
        lines[2] = nc(0xFFFF) + lines[2]
        let data = Data(lines.joined(separator: "\r\n").utf8)
        let error = try #require(throws: InputError.self) { try IndicatorCSVParser.parse(data: data, file: "bad.csv") }
        #expect(error.diagnostics.contains { $0.severity == .error && $0.location?.description == "bad.csv:3:1" && $0.message.contains("U+FFFF") })
    }

    /// A noncharacter as a string (Swift refuses them in literals).
    private func nc(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }

    private var exampleFolder: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Examples/cype-2017-06-22")
    }
}
