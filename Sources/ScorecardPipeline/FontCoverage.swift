import Foundation
import ScorecardModel
import ScorecardLayout
import ScorecardRender

/// Warns about characters the bundled fonts cannot draw (they print as empty boxes, or gaps in italic), naming
/// each character and where it first appears in the inputs.
enum FontCoverage {
    static func warnings(for document: LaidOutDocument, sources: [URL], fonts: FontLibrary) -> [Diagnostic] {
        // Each distinct character is checked once, so the text is cut down to its distinct pieces first.
        let text = DistinctPieces.reduced(textToCheck(document))
        let missing = fonts.unsupportedCharacters(in: text, family: document.fontFamily)
        guard !missing.isEmpty else { return [] }
        let sourceTexts = sources.compactMap { url in
            FileManager.default.contents(atPath: url.path).map { (url.path, String(decoding: $0, as: UTF8.self)) }
        }
        return missing.map { character in
            let scalars = character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            let message = "the bundled font \(document.fontFamily) has no glyph for “\(character)” (\(scalars)); it will print as an empty box (a gap in italic)"
            return .warning(message, at: locate(character, in: sourceTexts))
        }
    }

    /// The text runs of `document` that have a character other than printable ASCII, each distinct
    /// run once, joined in order of first appearance. Liberation Sans draws all printable ASCII, so
    /// the other runs need no check.
    static func textToCheck(_ document: LaidOutDocument) -> String {
        var seen = Set<String>()
        var text = ""
        for page in document.pages {
            for item in page.items {
                guard case .text(let line) = item else { continue }
                for run in line.runs where !DistinctPieces.isPrintableASCII(run.text) && seen.insert(run.text).inserted {
                    text += run.text
                }
            }
        }
        return text
    }

    /// Line and column (in characters) of the first occurrence of `character` in the sources.
    static func locate(_ character: Character, in sources: [(String, String)]) -> SourceLocation? {
        for (path, text) in sources {
            var line = 1, column = 1
            for c in text {
                if c == character { return SourceLocation(file: path, line: line, column: column) }
                if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
            }
        }
        return nil
    }
}
