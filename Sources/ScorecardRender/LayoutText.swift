import ScorecardLayout

/// Runs joined into the plain text Pango sees, with each run's UTF-8 byte range.
///
/// This is the single place that turns `TextRun`s into Pango input: the measurer and the drawing
/// code both set text through it (via `PangoTextLayout.set`), so they agree byte for byte.
/// Text is never interpreted as markup.
struct LayoutText {
    let runs: [TextRun]
    /// The runs' text, concatenated, as UTF-8 bytes.
    let utf8: [UInt8]
    /// `ranges[i]` is the byte range of `runs[i]` in `utf8`.
    let ranges: [Range<Int>]

    init(_ runs: [TextRun]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for run in runs {
            let start = bytes.count
            bytes.append(contentsOf: run.text.utf8)
            ranges.append(start..<bytes.count)
        }
        self.runs = runs
        self.utf8 = bytes
        self.ranges = ranges
    }

    /// The text of bytes `range`, which must start and end on code point boundaries.
    func string(_ range: Range<Int>) -> String {
        String(decoding: utf8[range], as: UTF8.self)
    }

    /// The start of the last code point that ends at `end` (a boundary greater than zero).
    func lastScalarStart(endingAt end: Int) -> Int {
        var i = end - 1
        while i > 0, utf8[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// `end` moved back over white space (spaces, tabs and other blanks, not line breaks), but not
    /// before `start`: the space at which Pango wrapped a line.
    func endTrimmingBreakSpace(start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let s = lastScalarStart(endingAt: end)
            guard let scalar = string(s..<end).unicodeScalars.first,
                  scalar.properties.isWhitespace, !isLineBreak(scalar) else { break }
            end = s
        }
        return end
    }

    private func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
