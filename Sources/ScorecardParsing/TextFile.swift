import Foundation
import ScorecardModel

/// Reads an input text file. The one place where a missing, unreadable or non-UTF-8 text input
/// becomes a located `InputError`, and so does text holding Unicode noncharacters (each located,
/// see `Noncharacters`); a leading byte-order mark is dropped.
public enum TextFile {
    public static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError("cannot read file (missing or unreadable)", at: SourceLocation(file: url.path, line: 1, column: 1))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("file is not valid UTF-8 text", at: SourceLocation(file: url.path, line: 1, column: 1))
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        try Noncharacters.check(body, file: url.path)
        return body
    }
}
