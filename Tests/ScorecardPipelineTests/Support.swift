import Foundation
import Testing
import ScorecardPipeline

/// The project folder (two levels above this file's folder).
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let resources = Resources(root: projectRoot)
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Output of an external command.
struct ToolResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a command-line tool (pdfinfo, pdffonts, pdftotext, qpdf) and captures its output.
func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh empty folder under the system temporary folder.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("scorecard-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name.filter(\.isLetter))-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Renders the example pack once per test process into a temp folder.
final class ExampleRender: @unchecked Sendable {
    static let shared = ExampleRender()
    let lock = NSLock()
    var cached: (URL, RenderSummary)?

    func get() throws -> (folder: URL, summary: RenderSummary) {
        lock.lock(); defer { lock.unlock() }
        if let cached { return cached }
        let folder = try temporaryFolder("example")
        let pipeline = Pipeline(resources: resources)
        let summary = try pipeline.render(resources.examplePack, options: RenderOptions(outputDirectory: folder))
        cached = (folder, summary)
        return (folder, summary)
    }
}

func pdfText(_ url: URL, raw: Bool = true) throws -> String {
    try run("pdftotext", (raw ? ["-raw"] : []) + ["-enc", "UTF-8", url.path, "-"]).stdout
}

/// Words as a reader sees them: white space split, markdown emphasis and list markers removed.
func words(_ text: String) -> [String] {
    text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
}

/// The PyPI `pdfua` checker: $PDFUA, or the one `make tools` installs. Records an issue and throws
/// when it is not installed.
func pdfuaChecker() throws -> String {
    let checker = ProcessInfo.processInfo.environment["PDFUA"] ?? projectRoot.appendingPathComponent(".build-tools/bin/pdfua").path
    try #require(FileManager.default.isExecutableFile(atPath: checker), "pdfua not installed: run `make tools` or `make test`")
    return checker
}

/// Front matter of a minimal valid cover report, ending with its closing `---` line.
let minimalFrontMatter = """
---
from:
  - name: A Person
    role: Cabinet Member
to:
  committee: Test Committee
  date: 2017-06-22
subject: TEST PAPER
classification: Unrestricted
pastPathway: None
futurePathway: None
electoralDivision: All
---

"""

/// Expects every file of `files` to have the same bytes as the file of that name in `folder`.
func expectSameBytes(_ files: [RenderedFile], in folder: URL, _ what: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    for file in files {
        let a = try Data(contentsOf: file.url)
        let b = try Data(contentsOf: folder.appendingPathComponent(file.url.lastPathComponent))
        #expect(a == b, "\(file.url.lastPathComponent) differs \(what)", sourceLocation: sourceLocation)
    }
}
