import Foundation
import Testing
import ScorecardModel
import ScorecardPipeline
import ScorecardRender
import TestSupport

/// Bad input and faults: clear located errors, and nothing half-written or overwritten.
@Suite(.serialized) struct FaultTests {
    static let frontMatter = minimalFrontMatter

    func write(_ text: String, to folder: URL, name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func files(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aFailedRenderLeavesTheEarlierPDFUntouchedAndNoPartialFile() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let report = try write(Self.frontMatter + "# Section\n\nText.\n", to: input, name: "paper.md")
        let pipeline = Pipeline(resources: resources)
        let first = try pipeline.render(report, options: RenderOptions(outputDirectory: output))
        let before = try Data(contentsOf: first.files[0].url)
        // Break the front matter: the next render must fail and leave the PDF as it was.
        _ = try write(Self.frontMatter.replacingOccurrences(of: "date: 2017-06-22", with: "date: 22/06/2017") + "# S\n", to: input, name: "paper.md")
        let error = try #require(throws: InputError.self) { try pipeline.render(report, options: RenderOptions(outputDirectory: output)) }
        #expect(error.description.contains("paper.md:7:"))
        #expect(error.description.contains("YYYY-MM-DD"))
        #expect(try files(output) == [first.files[0].url.lastPathComponent])
        #expect(try Data(contentsOf: first.files[0].url) == before)
    }

    @Test func anUnwritableOutputFolderIsAnErrorBeforeAnyWork() throws {
        let output = try temporaryFolder()
        let blocker = output.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let pipeline = Pipeline(resources: resources)
        #expect(throws: PipelineError.self) {
            try pipeline.render(resources.examplePack, options: RenderOptions(outputDirectory: blocker.appendingPathComponent("out")))
        }
    }

    /// Found by `make fuzz`: two documents of a pack with one file name were an error naming only
    /// pack.yaml; now it is at the second listing of the appendix (or at `fileNames:`).
    @Test func twoDocumentsWithOneFileNameAreAnErrorAtTheirPlaceInPackYAML() throws {
        let pack = try temporaryFolder(), output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: pack); try? FileManager.default.removeItem(at: output) }
        for name in try FileManager.default.contentsOfDirectory(atPath: resources.examplePack.path) {
            try FileManager.default.copyItem(at: resources.examplePack.appendingPathComponent(name), to: pack.appendingPathComponent(name))
        }
        let manifest = pack.appendingPathComponent("pack.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let second = try #require(lines.firstIndex { $0.contains("appendix-2-childrens-social-care.yaml") })
        var twice = lines
        twice.insert("  - appendix-1-education-early-help.yaml", at: second + 1)
        try twice.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) {
            try Pipeline(resources: resources).render(pack, options: RenderOptions(outputDirectory: output))
        }
        let clash = try #require(error.diagnostics.first { $0.severity == .error })
        #expect(clash.location?.description == "\(manifest.path):\(second + 2):1", "\(error)")
        #expect(clash.message.contains("Item 6 - Appendix 1 - Education & Early Help Scorecard.pdf"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
        // Titles that clash through the file name templates: at fileNames.
        let sameNames = text.replacingOccurrences(of: "appendix: \"Item {item} - {label} - {title}\"", with: "appendix: \"Item {item}\"")
        try sameNames.write(to: manifest, atomically: true, encoding: .utf8)
        let templated = try #require(throws: InputError.self) {
            try Pipeline(resources: resources).render(pack, options: RenderOptions(outputDirectory: output))
        }
        let line = try #require(lines.firstIndex { $0.hasPrefix("fileNames:") }) + 1
        #expect(templated.diagnostics.first { $0.severity == .error }?.location?.description == "\(manifest.path):\(line):1", "\(templated)")
    }

    /// Found by `make fuzz`: a house style naming a font family the fonts folder lacks ended the run
    /// with ArgumentParser's unlocated "Error: ..."; now an error at the style's `family:` line.
    @Test func anUnknownFontFamilyIsAnErrorAtTheHouseStylesFamilyLine() throws {
        let home = try temporaryFolder(), output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home); try? FileManager.default.removeItem(at: output) }
        try FileManager.default.copyItem(at: resources.layouts, to: home.appendingPathComponent("Layouts"))
        try FileManager.default.createSymbolicLink(at: home.appendingPathComponent("Fonts"), withDestinationURL: resources.fonts)
        for name in ["scorecard-landscape.yaml", "committee-report.yaml"] {
            let style = home.appendingPathComponent("Layouts").appendingPathComponent(name)
            let text = try String(contentsOf: style, encoding: .utf8)
            let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  family: ") }) + 1
            try text.replacingOccurrences(of: "  family: Liberation Sans", with: "  family: Liberation SUns").write(to: style, atomically: true, encoding: .utf8)
            let error = try #require(throws: InputError.self) {
                try Pipeline(resources: Resources(root: home)).render(resources.examplePack, options: RenderOptions(outputDirectory: output))
            }
            let found = try #require(error.diagnostics.first { $0.severity == .error })
            #expect(found.location?.description == "\(style.path):\(line):3", "\(error)")
            #expect(found.message.contains("font family \"Liberation SUns\" is not in fonts folder"))
            try text.write(to: style, atomically: true, encoding: .utf8)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
    }

    @Test func anErrorInOneAppendixStopsTheWholePackAndNamesFileLineColumn() throws {
        let pack = try temporaryFolder(), output = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: resources.examplePack.path) {
            try FileManager.default.copyItem(at: resources.examplePack.appendingPathComponent(name), to: pack.appendingPathComponent(name))
        }
        let csv = pack.appendingPathComponent("appendix-2-indicators.csv")
        var text = try String(contentsOf: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: ",80.6,", with: ",eighty,")
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) {
            try Pipeline(resources: resources).render(pack, options: RenderOptions(outputDirectory: output))
        }
        let message = error.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
        #expect(message.contains("appendix-2-indicators.csv:"))
        #expect(message.contains("column 'current'"))
        #expect(message.contains("'eighty'"))
        #expect(try files(output).isEmpty)
    }

    /// A standalone CSV with a broken house style: the CSV's own errors are reported first, with one
    /// thread or two, and the style's error names the layout file.
    @Test func aStandaloneCSVsErrorsComeBeforeItsStylesWithOneThreadOrTwo() throws {
        let root = try temporaryFolder(), input = try temporaryFolder(), output = try temporaryFolder()
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Fonts"), withDestinationURL: resources.fonts)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Layouts"), withIntermediateDirectories: true)
        let brokenStyle = try String(contentsOf: resources.layouts.appendingPathComponent("scorecard-landscape.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "orientation: landscape", with: "orientation: sideways")
        _ = try write(brokenStyle, to: root.appendingPathComponent("Layouts"), name: "scorecard-landscape.yaml")
        let good = try String(contentsOf: resources.examplePack.appendingPathComponent("appendix-2-indicators.csv"), encoding: .utf8)
        let goodCSV = try write(good, to: input, name: "good.csv")
        let badCSV = try write(good.replacingOccurrences(of: ",80.6,", with: ",eighty,"), to: input, name: "bad.csv")
        for workers in [1, 2] {
            let options = RenderOptions(outputDirectory: output, maximumWorkers: workers)
            let csvError = try #require(throws: InputError.self) { try Pipeline(resources: Resources(root: root)).render(badCSV, options: options) }
            #expect(csvError.description.contains("bad.csv:"), "\(workers) thread(s)")
            let styleError = try #require(throws: (any Error).self) { try Pipeline(resources: Resources(root: root)).render(goodCSV, options: options) }
            #expect("\(styleError)".contains("scorecard-landscape.yaml"), "\(workers) thread(s): \(styleError)")
            #expect("\(styleError)".contains("sideways"), "\(workers) thread(s): \(styleError)")
            // With the real style both render.
            #expect(try Pipeline(resources: resources).render(goodCSV, options: options).files.count == 1)
        }
        #expect(try files(output) == ["good.pdf"])
    }

    /// A Unicode noncharacter (U+FFFE, U+FDD0, …) is not text and a PDF cannot hold it: cairo
    /// failed the render with "input string not valid UTF-8" naming the output's page. Now the
    /// input's file, line and column, for a cover report and a standalone CSV, and nothing written.
    @Test func aNoncharacterInTheInputIsALocatedErrorAndNothingIsWritten() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let report = try write(Self.frontMatter + "# Section\n\nText with a \(String(Unicode.Scalar(0xFFFE)!)) in it.\n", to: input, name: "odd.md")
        let reportError = try #require(throws: InputError.self) { try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output)) }
        let line = Self.frontMatter.components(separatedBy: "\n").count + 2
        #expect(reportError.description.contains("odd.md:\(line):13: error: character U+FFFE is a Unicode noncharacter"), "\(reportError)")
        let good = try String(contentsOf: resources.examplePack.appendingPathComponent("appendix-2-indicators.csv"), encoding: .utf8)
        let csv = try write(good.replacingOccurrences(of: ",80.6,", with: ",80.6\(String(Unicode.Scalar(0xFDD0)!)),"), to: input, name: "odd.csv")
        let csvError = try #require(throws: InputError.self) { try Pipeline(resources: resources).render(csv, options: RenderOptions(outputDirectory: output)) }
        #expect(csvError.description.contains("odd.csv:") && csvError.description.contains("U+FDD0"), "\(csvError)")
        // A YAML escape makes one that the file itself does not hold (line 8: `subject`).
        let escaped = try write(Self.frontMatter.replacingOccurrences(of: "subject: TEST PAPER", with: "subject: \"TEST \\uFFFF PAPER\"") + "# S\n",
                                to: input, name: "escaped.md")
        let yamlError = try #require(throws: InputError.self) { try Pipeline(resources: resources).render(escaped, options: RenderOptions(outputDirectory: output)) }
        #expect(yamlError.description.contains("escaped.md:8:") && yamlError.description.contains("'subject'")
                && yamlError.description.contains("U+FFFF, a Unicode noncharacter"), "\(yamlError)")
        // cmark decodes a character reference into one (in a paragraph and in a pipe-table cell).
        let references = try write(Self.frontMatter + "# S\n\nA &#xFDD0; here.\n\n| a | b |\n|---|---|\n| x &#x1FFFE; | y |\n",
                                   to: input, name: "refs.md")
        let referenceError = try #require(throws: InputError.self) { try Pipeline(resources: resources).render(references, options: RenderOptions(outputDirectory: output)) }
        let body = Self.frontMatter.components(separatedBy: "\n").count
        #expect(referenceError.description.contains("refs.md:\(body + 2):1: error: a character reference here makes U+FDD0"), "\(referenceError)")
        #expect(referenceError.description.contains("refs.md:\(body + 6):") && referenceError.description.contains("U+1FFFE"), "\(referenceError)")
        // A standalone CSV's title is its file name.
        let named = input.appendingPathComponent("odd\(String(Unicode.Scalar(0xFDD0)!))name.csv")
        try Data(good.utf8).write(to: named)
        let nameError = try #require(throws: InputError.self) { try Pipeline(resources: resources).render(named, options: RenderOptions(outputDirectory: output)) }
        #expect(nameError.description.contains("the file name holds U+FDD0"), "\(nameError)")
        #expect(try files(output).isEmpty)
    }

    @Test func markupCharactersAndRawHTMLArePrintedLiterally() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let body = "# Tests & <checks>\n\nFish & chips <b>not bold</b> \"quoted\" 'single' 5 > 3 < 4.\n\n<div>block html</div>\n"
        let report = try write(Self.frontMatter + body, to: input, name: "markup.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
        let text = try pdfText(summary.files[0].url)
        #expect(text.contains("Tests & <checks>"))
        #expect(text.contains("Fish & chips <b>not bold</b> \"quoted\" 'single' 5 > 3 < 4."))
        #expect(text.contains("<div>block html</div>"))
        #expect(summary.warnings.contains { $0.message.lowercased().contains("html") })
    }

    /// A Markdown pipe table in the cover report is printed as a table: its cells are in the text in
    /// reading order (not a run-on line of pipes), it is tagged with a header row, and pdfua passes.
    @Test func aPipeTableInTheReportIsATable() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let body = "# Figures\n\nThe counts:\n\n| Scorecard | Indicators | Red |\n|---|---:|---:|\n| Education | 42 | 5 |\n| Social care | 38 | 7 |\n"
        let report = try write(Self.frontMatter + body, to: input, name: "table.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
        let url = summary.files[0].url
        let text = try pdfText(url)
        #expect(!text.contains("|"))
        for cell in ["Scorecard", "Indicators", "Red", "Education", "42", "5", "Social care", "38", "7"] {
            #expect(text.contains(cell), "\(cell)")
        }
        let result = try run(try pdfuaChecker(), ["check", url.path])
        #expect(result.stdout.contains("errors=0"), "\(result.stdout)")
        let qdf = output.appendingPathComponent("qdf.pdf")
        #expect(try run("qpdf", ["--qdf", "--object-streams=disable", url.path, qdf.path]).status == 0)
        let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        #expect(raw.contains("/S /Table") && raw.contains("/S /THead") && raw.contains("/S /TH"))
    }

    @Test func aVeryLongParagraphAndWelshTextRenderCompletely() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let long = (1...5000).map { "w\($0)" }.joined(separator: " ")
        let welsh = "Mae’r ŵyn yn y caeau; dŷ, ŵy, ŷd."
        let report = try write(Self.frontMatter + "# Long\n\n\(long)\n\n\(welsh) 漢字\n", to: input, name: "long.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
        #expect(summary.files[0].pageCount > 5)
        let found = Set(words(try pdfText(summary.files[0].url)))
        #expect((1...5000).allSatisfy { found.contains("w\($0)") })
        #expect(try pdfText(summary.files[0].url).contains(welsh))
        // Characters the font lacks print as its empty box (.notdef), and the text keeps them.
        #expect(try pdfText(summary.files[0].url).contains("漢字"))
        let glyphWarnings = summary.warnings.filter { $0.message.contains("no glyph") }
        #expect(glyphWarnings.count == 2)
        #expect(glyphWarnings.allSatisfy { $0.location?.file.hasSuffix("long.md") == true && $0.location?.line == 18 })
        #expect(!glyphWarnings.contains { $0.message.contains("ŵ") })
    }

    /// A cell or a styled run holding only a space: cairo drops a run without ink when it falls on
    /// whole points, so such runs are not drawn at all (the counts the post-pass marks from would
    /// otherwise miss a glyph).
    @Test func cellsAndRunsOfOnlySpacesRender() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let body = "# Intro\n\n| a | b | c | d | e |\n|---|---|---|---|---|\n| 1 | 2 | 3 | &#32; | 5 |\n| 6 | &nbsp; | 8 | 9 | 10 |\n\n"
            + "**bold** *italic* and **more** *text*\n"
        let report = try write(Self.frontMatter + body, to: input, name: "spaces.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
        #expect(try run("qpdf", ["--check", summary.files[0].url.path]).status == 0)
        let text = try pdfText(summary.files[0].url)
        for word in ["bold", "italic", "more", "text", "10"] { #expect(text.contains(word), "\(word)") }
    }

    /// A grapheme cluster too wide for the page (a letter with 80 enclosing marks the font lacks,
    /// each an advancing `.notdef`), in a paragraph and in a right-aligned table cell: cairo drops
    /// each glyph placed more than ten times its size beyond the page, so the renderer must not
    /// count those either.
    @Test func aClusterWiderThanThePageRenders() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let marks = String(repeating: "\u{20DD}", count: 80)
        let body = "# Wide\n\nA\(marks)\n\n| a | b | c |\n|--:|---|---|\n| A\(marks.prefix(40)) | "
            + String(repeating: "y ", count: 60) + "| " + String(repeating: "z ", count: 60) + "|\n"
        let report = try write(Self.frontMatter + body, to: input, name: "wide.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
        #expect(try run("qpdf", ["--check", summary.files[0].url.path]).status == 0)
    }

    /// A space between two styled words is shaped with the word before it, so it is drawn and
    /// the PDF's text keeps it (alone, it would be a run without ink, which is not drawn).
    @Test func aSpaceBetweenStyledWordsStaysInTheText() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let report = try write(Self.frontMatter + "# Styles\n\n**bold** *italic* plain\n", to: input, name: "styles.md")
        let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
        let qdf = output.appendingPathComponent("qdf.pdf")
        #expect(try run("qpdf", ["--qdf", "--object-streams=disable", summary.files[0].url.path, qdf.path]).status == 0)
        // cairo writes text of the Latin subsets as literal strings.
        let raw = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        #expect(raw.contains("(bold )"), "the space after the bold word is not drawn")
    }

    /// Reports of random text from many scripts — spaces of every kind, zero-width and control
    /// characters, combining marks, right-to-left letters, emoji, characters the font lacks, in
    /// plain, bold and italic, in paragraphs and table cells — render, and the post-pass finds on
    /// every page exactly the glyphs and painting the renderer counted (any disagreement fails the
    /// render).
    @Test func randomTextFromManyScriptsIsMarkedExactly() throws {
        let pieces = [" ", "\u{A0}", "\u{2009}", "\u{200B}", "\u{AD}", "\u{2060}", "\t", "a", "Z", "é", "ŵ", "ﬁ", "ffl", "漢", "字", "🙂",
                      "👍🏽", "\u{301}", "\u{308}", "א", "ع", "ل", "ا", "1", "%", "&", "<", "(", "\\", "—", "–", "…", "€", "£",
                      "\u{202E}", "\u{200D}", "Ǆ", "ß", "ᾧ", "क", "्", "ष", "\u{E01}", "\u{E49}", "\u{3000}", "\u{2028}", "\u{7}",
                      "\u{FEFF}", "\u{E000}"]
        var generator = SplitMix64(state: 20170622)
        func random(_ count: Int) -> String {
            (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        let input = try temporaryFolder()
        for k in 0..<48 {
            var body = "# \(random(6))\n\n\(random(120))\n\n| a | b | c |\n|---|---|---|\n"
            for _ in 0..<3 { body += "| " + (0..<3).map { _ in random(Int.random(in: 0...5, using: &generator)) }.joined(separator: " | ") + " |\n" }
            body += "\n**\(random(4))** *\(random(4))* _\(random(3))_ \(random(20))\n"
            let report = try write(Self.frontMatter + body, to: input, name: "random-\(k).md")
            let output = try temporaryFolder()
            let summary = try Pipeline(resources: resources).render(report, options: RenderOptions(outputDirectory: output))
            #expect(try run("qpdf", ["--check", summary.files[0].url.path]).status == 0, "random-\(k).md")
        }
    }

    @Test func aTwoThousandCharacterIndicatorNameWrapsIntoOneUnsplitRow() throws {
        let input = try temporaryFolder(), output = try temporaryFolder()
        let name = String(repeating: "Percentage of children ", count: 87).prefix(2000)
        let csv = "section,ref,indicator,polarity,period,previous,current,target,floor,england,unit,rag,dot,note\r\n"
            + "Long,L01,\"\(name)\",H,MS,50,60,55,45,,%,,,\r\nLong,L02,Short one,H,MS,50,60,55,45,,%,,,\r\n"
        let url = try write(csv, to: input, name: "long-name.csv")
        let summary = try Pipeline(resources: resources).render(url, options: RenderOptions(outputDirectory: output, sourceDateEpoch: 0))
        // Taller than a page: the one row that is split, with a visible continuation and a warning.
        let text = try pdfText(summary.files[0].url)
        #expect(text.components(separatedBy: "Percentage").count - 1 == name.components(separatedBy: "Percentage").count - 1)
        #expect(text.contains("(continued)"))
        #expect(text.contains("L02"))
        let warning = try #require(summary.warnings.first { $0.message.contains("split between lines") })
        #expect(warning.description.hasPrefix(url.path + ":2:1: warning: indicator table row L01 is "))
    }

    /// A pack whose project has no usable fonts and whose appendix has errors: the appendix's
    /// errors are reported (the fonts are prepared beside the reading), with one thread or two;
    /// with good inputs, the fonts' error.
    @Test func aPacksInputErrorsComeBeforeAFontError() throws {
        let root = try temporaryFolder(), output = try temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Fonts"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Layouts"), withDestinationURL: resources.layouts)
        let pack = root.appendingPathComponent("pack")
        try FileManager.default.copyItem(at: resources.examplePack, to: pack)
        let noFonts = Resources(root: root)
        for workers in [1, 2] {
            let options = RenderOptions(outputDirectory: output, maximumWorkers: workers)
            #expect(throws: FontError.noFonts(folder: noFonts.fonts.standardizedFileURL.path), "\(workers) thread(s)") {
                try Pipeline(resources: noFonts).render(pack, options: options)
            }
        }
        let csv = pack.appendingPathComponent("appendix-2-indicators.csv")
        let text = try String(contentsOf: csv, encoding: .utf8)
        _ = try write(text.replacingOccurrences(of: ",80.6,", with: ",eighty,"), to: pack, name: "appendix-2-indicators.csv")
        for workers in [1, 2] {
            let options = RenderOptions(outputDirectory: output, maximumWorkers: workers)
            let error = try #require(throws: InputError.self, "\(workers) thread(s)") {
                try Pipeline(resources: noFonts).render(pack, options: options)
            }
            #expect(error.description.contains("appendix-2-indicators.csv:"), "\(workers) thread(s): \(error)")
            #expect(error.description.contains("'eighty'"), "\(workers) thread(s): \(error)")
        }
        #expect(try files(output).isEmpty)
    }
}
