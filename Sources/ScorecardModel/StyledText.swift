/// A run of text with one style. Text is always plain: it is never interpreted as markup.
public struct TextRun: Hashable, Sendable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    /// A link target (URL or `mailto:`), when the run is a hyperlink.
    public var link: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, link: String? = nil) {
        self.text = text; self.bold = bold; self.italic = italic; self.link = link
    }

    /// True when both runs would be drawn the same way and can be merged.
    public func hasSameStyle(as other: TextRun) -> Bool {
        bold == other.bold && italic == other.italic && link == other.link
    }
}

/// Inline text: a sequence of styled runs, plus explicit line breaks written as "\n" inside runs.
public struct StyledText: Hashable, Sendable, ExpressibleByStringLiteral {
    public var runs: [TextRun]

    public init(_ runs: [TextRun]) { self.runs = StyledText.merged(runs) }
    public init(_ plain: String, bold: Bool = false, italic: Bool = false) {
        self.runs = plain.isEmpty ? [] : [TextRun(plain, bold: bold, italic: italic)]
    }
    public init(stringLiteral value: String) { self.init(value) }

    public var plainText: String { runs.map(\.text).joined() }
    public var isEmpty: Bool { runs.allSatisfy { $0.text.isEmpty } }

    public static func + (a: StyledText, b: StyledText) -> StyledText { StyledText(a.runs + b.runs) }

    /// Joins adjacent runs of equal style and drops empty runs.
    static func merged(_ runs: [TextRun]) -> [TextRun] {
        var out: [TextRun] = []
        for run in runs where !run.text.isEmpty {
            if let last = out.last, last.hasSameStyle(as: run) {
                out[out.count - 1].text += run.text
            } else {
                out.append(run)
            }
        }
        return out
    }

    /// Removes leading and trailing white space (not explicit line breaks inside).
    public func trimmed() -> StyledText {
        var r = runs
        while let first = r.first, first.text.first?.isWhitespace == true {
            r[0].text = String(first.text.drop(while: { $0 == " " || $0 == "\t" }))
            if r[0].text.isEmpty { r.removeFirst() } else { break }
        }
        while let last = r.last, last.text.last?.isWhitespace == true {
            r[r.count - 1].text = String(last.text.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
            if r[r.count - 1].text.isEmpty { r.removeLast() } else { break }
        }
        return StyledText(r)
    }
}
