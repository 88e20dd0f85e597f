import CPangoCairo
import ScorecardLayout

/// One line of a plain text as `PlainLineShaper.wrappedLines` breaks it: byte offsets into the text.
struct PlainWrappedLine: Equatable, Sendable {
    /// The characters kept on the line: the white space a wrapped line was broken at is not kept.
    var kept: Range<Int>
    /// Where the next line starts (after the break space).
    var next: Int
    /// The x of the trailing edge of the last kept character, in Pango units, as the line is shaped.
    var advance: Int32
}

extension PlainLineShaper {
    /// The lines of one run of plain text (the text `advance` measures) set `width` Pango units wide,
    /// exactly as a `PangoLayout` with `PANGO_WRAP_WORD_CHAR` and hyphen insertion off breaks and
    /// measures them, without a layout: the text fits on one line, or it is broken by the rules of
    /// Pango 1.50's `process_item` for a paragraph of one item, which this follows step by step.
    ///
    /// Contract:
    /// - Nil in the cases `advance` is nil, and when a shaping of the text or of a piece of it does
    ///   not give one glyph per character in order (a ligature, say), a glyph has a negative width,
    ///   the text is millions of points wide, or the break rules mark a break that removes the
    ///   character before it: the layout must then break the text.
    /// - Break opportunities and white space are Pango's own (`pango_default_break`, then
    ///   `pango_tailor_break` for the item's analysis), with hyphen insertion off as the layout's
    ///   attribute sets it. Widths are those of the glyphs the shaper gives: the whole text's for
    ///   the running widths (`log_widths`), and each candidate piece shaped on its own where Pango
    ///   shapes it (near the end of the line, closer than three approximate character widths of the
    ///   font, Pango's own safety margin).
    /// - A line wrapped by the layout keeps every character but the white space at its end;
    ///   `advance` is the trailing edge of its last kept character in the line's own shaping.
    ///   The last line keeps everything.
    /// - A test compares the lines with the layout's over thousands of texts, styles and widths.
    func wrappedLines(_ text: String, family: String, style: TextStyle, width: Int32) -> [PlainWrappedLine]? {
        let result: [PlainWrappedLine]?? = plain(text, family: family, style: style) { loaded, analysis, bytes, characters in
            let ascii = characters == bytes.count
            let pairs = pairwise(loaded, analysis, ascii: ascii)
            // Most texts fit: the whole advance first, from the pairwise table when it knows every pair.
            if let pairs, let total = pairs.advance(bytes) {
                linesFromPairs += 1
                if total <= width { return [PlainWrappedLine(kept: 0..<bytes.count, next: bytes.count, advance: total)] }
            }
            let starts = ascii ? Array(0...bytes.count) : Self.characterStarts(bytes)
            guard let logWidths = widths(of: 0..<characters, bytes, starts, loaded, analysis),
                  Self.breakable(logWidths) else { return nil }
            let total = logWidths.reduce(0, +)
            if total <= width { return [PlainWrappedLine(kept: 0..<bytes.count, next: bytes.count, advance: total)] }
            guard let attributes = logAttributes(bytes, characters: characters, analysis: analysis) else { return nil }
            let breaker = PlainLineBreaker(characters: characters, width: width, logWidths: logWidths,
                                           attributes: attributes, safeDistance: safeDistance(loaded))
            // The piece the breaker shaped last is often the line it chooses: its widths are kept.
            var lastPiece: (range: Range<Int>, widths: [Int32])?
            func pieceWidths(_ range: Range<Int>) -> [Int32]? {
                if let lastPiece, lastPiece.range == range { return lastPiece.widths }
                guard let shaped = widths(of: range, bytes, starts, loaded, analysis) else { return nil }
                lastPiece = (range, shaped)
                return shaped
            }
            var lines: [PlainWrappedLine] = []
            var start = 0
            while start < characters {
                let count = breaker.lineLength(from: start) { a, b in pieceWidths(a..<b)?.reduce(0, +) }
                guard let count else { return nil }
                let end = start + count
                // A wrapped line drops the white space it was broken at.
                var keptEnd = end
                if end < characters { while keptEnd > start, attributes[keptEnd - 1].isWhite { keptEnd -= 1 } }
                var advance: Int32 = 0
                if keptEnd > start {
                    guard let line = pieceWidths(start..<end) else { return nil }
                    advance = line[0..<(keptEnd - start)].reduce(0, +)
                }
                lines.append(PlainWrappedLine(kept: starts[start]..<starts[keptEnd], next: starts[end], advance: advance))
                start = end
            }
            return lines
        }
        return result ?? nil
    }

    /// Whether the breaker can take these widths: none negative (Pango's running widths then only
    /// grow, which its reuse of a measured piece's glyphs after an obvious break relies on), and
    /// their sum far from `Int32`'s limit (a text millions of points wide goes to the layout, whose
    /// C sums wrap around where Swift's would stop the process).
    static func breakable(_ widths: [Int32]) -> Bool {
        var sum: Int64 = 0
        for width in widths {
            guard width >= 0 else { return false }
            sum += Int64(width)
        }
        return sum <= Int64(Int32.max / 4)
    }

    /// The byte offset where each character of `bytes` (UTF-8) starts, and the length at the end.
    static func characterStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count + 1)
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
        starts.append(bytes.count)
        return starts
    }

    /// The widths of the glyphs of characters `range` shaped on their own (as the layout shapes an
    /// item or a piece split from it, with the whole text's analysis), one per character; nil when
    /// the shaping does not give one glyph per character in order.
    private func widths(of range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ loaded: LoadedFont,
                        _ analysis: PangoAnalysis) -> [Int32]? {
        let first = starts[range.lowerBound]
        let piece = UnsafeBufferPointer(rebasing: bytes[first..<starts[range.upperBound]])
        setGlyphs(of: piece, characters: range.count, loaded, analysis, into: scratch)
        let glyphs = scratch.pointee
        guard Int(glyphs.num_glyphs) == range.count else { return nil }
        var out = [Int32](repeating: 0, count: range.count)
        for k in 0..<range.count {
            guard Int(glyphs.log_clusters[k]) == starts[range.lowerBound + k] - first else { return nil }
            out[k] = glyphs.glyphs[k].geometry.width
        }
        return out
    }

    /// Pango's break attributes of the text as the layout computes them for one item with
    /// `analysis`, hyphen insertion off; nil when a break would remove the character before it.
    private func logAttributes(_ bytes: UnsafeBufferPointer<UInt8>, characters: Int,
                               analysis: PangoAnalysis) -> [PlainLineBreaker.Attribute]? {
        var attributes = [PangoLogAttr](repeating: PangoLogAttr(), count: characters + 1)
        var analysis = analysis
        bytes.withMemoryRebound(to: CChar.self) { chars in
            pango_default_break(chars.baseAddress, Int32(chars.count), nil, &attributes, Int32(characters + 1))
            pango_tailor_break(chars.baseAddress, Int32(chars.count), &analysis, -1, &attributes, Int32(characters + 1))
        }
        guard !attributes.dropFirst().contains(where: { $0.break_removes_preceding != 0 }) else { return nil }
        return attributes.map {
            PlainLineBreaker.Attribute(isLineBreak: $0.is_line_break != 0, isCharBreak: $0.is_char_break != 0, isWhite: $0.is_white != 0)
        }
    }

    /// Pango's margin for looking carefully at a break: three approximate character widths of the font.
    private func safeDistance(_ loaded: LoadedFont) -> Int32 {
        guard let metrics = pango_font_get_metrics(loaded.font, language) else { return 0 }
        defer { pango_font_metrics_unref(metrics) }
        return pango_font_metrics_get_approximate_char_width(metrics) * 3
    }
}

/// The line breaking of Pango 1.50's `process_item` for a paragraph of one item with
/// `PANGO_WRAP_WORD_CHAR` and no hyphens inserted, over character widths: pure, so it can be read
/// against Pango's code and tested on its own.
struct PlainLineBreaker {
    struct Attribute: Equatable, Sendable {
        var isLineBreak: Bool
        var isCharBreak: Bool
        var isWhite: Bool
    }

    let characters: Int
    /// The width of the line (the layout's width), in Pango units.
    let width: Int32
    /// Each character's width in the shaping of the whole text (Pango's `log_widths`).
    let logWidths: [Int32]
    /// One per character position, `characters + 1` of them.
    let attributes: [Attribute]
    let safeDistance: Int32

    /// Whether a line may end before character `position` (the end of the text always may).
    private func canBreak(at position: Int, byCharacter: Bool) -> Bool {
        if position == characters { return true }
        return byCharacter ? attributes[position].isCharBreak : attributes[position].isLineBreak
    }

    /// What breaking after `count` characters of the item starting at `start` adds to its width:
    /// minus the width of the white space it is broken at (no hyphens are inserted).
    private func extraWidth(start: Int, count: Int) -> Int32 {
        count > 0 && attributes[start + count - 1].isWhite ? -logWidths[start + count - 1] : 0
    }

    /// How many characters from `start` go on the line that begins there. `shapedWidth(a, b)` is the
    /// advance of characters a..<b shaped on their own (nil ends the breaking: the caller falls back
    /// to the layout).
    func lineLength(from start: Int, shapedWidth: (Int, Int) -> Int32?) -> Int? {
        let count = characters - start
        let remaining = width
        // The rest of the item by the running widths (on the first line Pango takes the width of the
        // whole item's glyphs: the same sum, one glyph per character).
        var width = logWidths[start...].reduce(0, +)
        var extra = extraWidth(start: start, count: count)
        if width + extra <= remaining || count == 1 {
            guard let shaped = shapedWidth(start, characters) else { return nil }
            width = shaped
            if width + extra <= remaining || count == 1 { return count }
        }
        let originalWidth = width, originalExtra = extra
        var byCharacter = false
        while true {
            var breakCount = count
            var breakWidth = originalWidth
            var breakExtra = originalExtra
            var running: Int32 = 0
            for k in 0...count {
                extra = extraWidth(start: start, count: k)
                if min(running + extra, running) > remaining + safeDistance && breakCount < count { break }
                // The first item of a line must take at least one character.
                if k > 0, canBreak(at: start + k, byCharacter: byCharacter) {
                    if running + extra < remaining - safeDistance {
                        breakCount = k; breakWidth = running; breakExtra = extra
                    } else {
                        guard let shaped = shapedWidth(start, start + k) else { return nil }
                        // Pango keeps the end space of the very last piece (it is the last item).
                        let pieceExtra = k < count && attributes[start + k - 1].isWhite ? -logWidths[start + k - 1] : 0
                        if breakCount == count || shaped + pieceExtra <= remaining || shaped + pieceExtra < breakWidth + breakExtra {
                            breakCount = k; breakWidth = shaped; breakExtra = pieceExtra
                        }
                    }
                }
                if k < count { running += logWidths[start + k] }
            }
            if !byCharacter, breakWidth + breakExtra > remaining {
                byCharacter = true  // try again, breaking anywhere between characters
                continue
            }
            return breakCount
        }
    }
}
