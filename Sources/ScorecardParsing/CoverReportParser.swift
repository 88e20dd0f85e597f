import Foundation
import ScorecardModel

/// Reads a committee cover report: YAML front matter between `---` lines, then a CommonMark body.
///
/// Errors (thrown as `InputError`) and warnings carry file:line:column positions in the whole file.
public enum CoverReportParser {
    /// Parses a cover report.
    /// - Parameters:
    ///   - text: the whole file.
    ///   - file: the name used in diagnostics.
    ///   - unnumberedSections: section titles whose paragraphs are not numbered (from the layout,
    ///     `ReportStyle.unnumberedSections`); matched ignoring case and surrounding spaces.
    ///
    /// Control characters (`ControlCharacters`) are read as spaces, each with a warning (also
    /// when the report has errors).
    public static func parse(_ text: String, file: String, unnumberedSections: [String]) throws -> Parsed<CoverReport> {
        let cleaned = ControlCharacters.replacingWithSpaces(text, file: file)
        do {
            var parsed = try parseText(cleaned.text, file: file, unnumberedSections: unnumberedSections)
            parsed.warnings = cleaned.warnings + parsed.warnings
            return parsed
        } catch let error as InputError where !cleaned.warnings.isEmpty {
            throw InputError(cleaned.warnings + error.diagnostics)
        }
    }

    private static func parseText(_ text: String, file: String, unnumberedSections: [String]) throws -> Parsed<CoverReport> {
        let lines = lineRanges(of: text)
        func line(_ i: Int) -> Substring { text[lines[i]] }
        func delimiter(_ i: Int) -> String {
            var s = line(i)
            if i == 0, s.first == "\u{FEFF}" { s = s.dropFirst() }
            return s.trimmingCharacters(in: .whitespaces)
        }
        let start = SourceLocation(file: file, line: 1, column: 1)

        guard !lines.isEmpty, delimiter(0) == "---" else {
            throw InputError("missing front matter: a cover report must start with a '---' line, then the YAML "
                             + "fields (from, to, subject …), then another '---' line", at: start)
        }
        guard let close = (1..<lines.count).first(where: { delimiter($0) == "---" || delimiter($0) == "..." }) else {
            throw InputError("the front matter opened on line 1 is never closed: add a '---' line after the YAML fields",
                             at: start)
        }

        // The YAML text: lines 2 ..< close, so its line 1 is the file's line 2.
        let yaml = close > 1 ? String(text[lines[1].lowerBound..<lines[close - 1].upperBound]) : ""
        let document = try YAMLDocument.composeForReading(yaml, file: file, documentName: "front matter", lineOffset: 1)
        guard document.root != nil else {
            throw InputError("the front matter is empty; it needs from, to, subject, classification, pastPathway, "
                             + "futurePathway and electoralDivision", at: start)
        }
        let frontMatter = try document.read(FrontMatter.self)

        // The body keeps its line numbers: the front matter lines are replaced by empty lines, which
        // CommonMark ignores at the start of a document.
        let bodyStart = close + 1 < lines.count ? lines[close + 1].lowerBound : text.endIndex
        let body = String(repeating: "\n", count: close + 1) + text[bodyStart...]
        guard let markdown = MarkdownDocument(body) else {
            throw InputError("the Markdown parser ran out of memory", at: start)
        }
        var builder = MarkdownReportBody(file: file, lines: lines.map { text[$0] },
                                         unnumberedSections: unnumberedSections)
        builder.build(markdown.tree())
        if builder.diagnostics.hasErrors {
            throw InputError(YAMLDocument.sortedByPosition(builder.diagnostics.all))
        }
        let report = CoverReport(headedPaper: frontMatter.headedPaper, preamble: builder.preamble,
                                 body: builder.body, sourceFile: file)
        return Parsed(report, warnings: builder.diagnostics.warnings)
    }

    /// The ranges of the lines of `text`, split at "\n" and without the line ends ("\r\n" too).
    static func lineRanges(of text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                var end = index
                if end > lineStart, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
                ranges.append(lineStart..<end)
                lineStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if lineStart != utf8.endIndex || ranges.isEmpty { ranges.append(lineStart..<utf8.endIndex) }
        return ranges
    }
}
