import ScorecardModel

/// GitHub-style pipe tables, which CommonMark (and so libcmark) reads as an ordinary paragraph:
/// recognised from the paragraph's source lines.
///
/// Contract (as GitHub Flavored Markdown has it): a table is a header row, a delimiter row with as
/// many cells (each dashes with an optional colon at either end: `---` left, `:-:` centre, `--:`
/// right), then body rows. Cells are split at `|` unless it is escaped as `\|`; a leading and a
/// trailing `|` are optional, but the header and delimiter rows must contain one. A body row with
/// more cells than the header loses the extra ones; one with fewer gets empty cells.
enum MarkdownPipeTable {
    /// The header cells, the alignments and the body rows (cell text as written, trimmed), or nil
    /// when `lines` are not a pipe table.
    static func parse(_ lines: [Substring]) -> (header: [String], alignments: [TextAlignment], rows: [[String]])? {
        guard lines.count >= 2, lines[0].contains("|"), lines[1].contains("|"),
              let alignments = alignments(lines[1]) else { return nil }
        let header = cells(lines[0])
        guard header.count == alignments.count else { return nil }
        let rows = lines.dropFirst(2).map { line -> [String] in
            var row = cells(line)
            if row.count > header.count { row.removeLast(row.count - header.count) }
            while row.count < header.count { row.append("") }
            return row
        }
        return (header, alignments, rows)
    }

    /// The cells of a row.
    static func cells(_ line: Substring) -> [String] {
        var text = line.trimmingBlanks()
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character == "|" ? "|" : "\\\(character)")
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current)
        return cells.map { String(Substring($0).trimmingBlanks()) }
    }

    /// The alignments of a delimiter row, or nil when the line is not one.
    static func alignments(_ line: Substring) -> [TextAlignment]? {
        var result: [TextAlignment] = []
        for cell in cells(line) {
            var dashes = Substring(cell)
            let left = dashes.hasPrefix(":"), right = dashes.hasSuffix(":") && dashes.count > 1
            if left { dashes = dashes.dropFirst() }
            if right { dashes = dashes.dropLast() }
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : (right ? .right : .left))
        }
        return result
    }
}

private extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
