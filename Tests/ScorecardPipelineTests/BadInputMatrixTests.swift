import Foundation
import Testing
import ScorecardModel
import ScorecardPipeline

/// Each bad input, rendered into a folder that already holds a PDF: a located error naming what was
/// expected, and the folder exactly as it was (no new file, no partial file, the old PDF unchanged).
@Suite(.serialized) struct BadInputMatrixTests {
    static let header = "section,ref,indicator,polarity,period,previous,current,target,floor,england,unit,rag,dot,note\r\n"

    /// (file name, contents, text the error must contain)
    static let cases: [(String, String, String)] = [
        ("empty.csv", "", "empty.csv:1:1: error:"),
        ("header-only.csv", header, "header-only.csv:2:1: error: the file has a header but no indicator rows"),
        ("missing-column.csv", "section,ref,indicator,polarity,period,previous,current,target,floor,england,unit,rag,dot\r\nA,X,Y,H,MS,1,2,3,1,,%,,\r\n",
         "missing-column.csv:1:1: error: missing required column 'note'"),
        ("duplicate-column.csv", header.replacingOccurrences(of: ",note", with: ",note,ref") + "A,X,Y,H,MS,1,2,3,1,,%,,,n,Z\r\n",
         "duplicate-column.csv:1:"),
        ("ragged.csv", header + "A,X,Y,H,MS,1,2,3,1,,%,,\r\n", "ragged.csv:2:"),
        ("unbalanced.csv", header + "A,X,\"Y,H,MS,1,2,3,1,,%,,,\r\n", "unbalanced.csv:2:5: error:"),
        ("non-numeric.csv", header + "A,X,Y,H,MS,1,two,3,1,,%,,,\r\n", "non-numeric.csv:2:14: error: column 'current': expected a number"),
        ("polarity.csv", header + "A,X,Y,Q,MS,1,2,3,1,,%,,,\r\n", "polarity.csv:2:7: error: column 'polarity'"),
        ("floor.csv", header + "A,X,Y,H,MS,1,2,3,5,,%,,,\r\n", "floor.csv:2:"),
        ("nul.csv", header + "A,X,Y\u{0},H,MS,1,2,3,1,,%,,,\r\n", "nul.csv:2:6: error:"),
        ("front-matter.md", "---\nfrom: [\n---\n# A\n", "front-matter.md:"),
        ("unknown-key.md", "---\nfrom:\n  - name: A\n    role: B\nto:\n  committee: C\n  date: 2017-06-22\nsubject: S\nclassification: U\npastPathway: N\nfuturePathway: N\nelectoralDivision: A\nagendaItme: \"6\"\n---\n# A\n",
         "unknown-key.md:13:1: error: unknown key 'agendaItme' in the front matter; did you mean 'agendaItem'?"),
        ("missing-field.md", "---\nfrom:\n  - name: A\n    role: B\nto:\n  committee: C\n  date: 2017-06-22\nsubject: S\n---\n# A\n",
         "missing-field.md:2:1: error: missing required key 'classification'"),
    ]

    @Test(arguments: cases.indices)
    func badInputIsALocatedErrorAndLeavesTheOutputFolderAsItWas(index: Int) throws {
        let (name, contents, expected) = Self.cases[index]
        let input = try temporaryFolder(), output = try temporaryFolder()
        let earlier = output.appendingPathComponent(((name as NSString).deletingPathExtension) + ".pdf")
        let sentinel = Data("%PDF-1.5 an earlier render".utf8)
        try sentinel.write(to: earlier)
        let url = input.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        let error = try #require(throws: InputError.self) {
            try Pipeline(resources: resources).render(url, options: RenderOptions(outputDirectory: output))
        }
        let errors = error.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.contains { $0.contains(expected) }, "\(name): \(errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [earlier.lastPathComponent])
        #expect(try Data(contentsOf: earlier) == sentinel)
    }

    @Test func tooManyRowsStopWithAClearErrorQuickly() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        var csv = Self.header
        for i in 0...IndicatorCSVLimit.rows { csv += "A,X\(i),Name \(i),H,MS,1,2,3,1,,%,,,\r\n" }
        let url = input.appendingPathComponent("huge.csv")
        try Data(csv.utf8).write(to: url)
        let error = try #require(throws: InputError.self) {
            try Pipeline(resources: resources).render(url, options: RenderOptions(outputDirectory: output))
        }
        #expect(error.description.contains("huge.csv:\(IndicatorCSVLimit.rows + 2):1: error: the table has \(IndicatorCSVLimit.rows + 1) indicator rows"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }
}

import ScorecardParsing
enum IndicatorCSVLimit { static let rows = IndicatorCSVParser.maximumRows }
