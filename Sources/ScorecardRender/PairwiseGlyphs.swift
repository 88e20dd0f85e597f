import CPangoCairo

/// The glyphs of printable ASCII in one font and script, learnt from lines Pango's shaper has set,
/// so that later lines made of known pairs are set without shaping them.
///
/// Contract:
/// - A character's glyph and its width alone come from shaping it alone. A pair's entry is the first
///   character's width when the second follows, learnt from a shaped line (`learn`) in which every
///   character gave one glyph of its own cluster, with no offsets, each the glyph it has alone, and
///   the last one as wide as alone; other lines teach nothing.
/// - `advance` and `fill` answer only when every adjacent pair of the text is known (and, for the last
///   character, its width alone): glyph `i` is character `i`'s glyph with the pair (`i`, `i + 1`)'s
///   width, the last glyph its width alone. Otherwise they return nil/false, leave the glyphs
///   alone (they only count the line), and the caller shapes the line and may pass it to `learn`.
/// - A glyph is learnt only when the shaper gave it no offsets and no colour (`is_color`), as the
///   lines it sets have neither.
/// - This equals the shaper only for faces whose kerning of ASCII adjusts the first glyph of a pair
///   and reaches no further: `PlainLineShaper` keeps tables for such faces only. Learning starts
///   once the table has been asked for `linesBeforeLearning` lines, so a style used for a few
///   headings never pays for it.
/// - Not thread-safe, like the shaper that owns it.
final class PairwiseGlyphs {
    static let linesBeforeLearning = 24
    private static let unknown = Int32.min
    private static let notAlone = Int32.min + 1

    /// By character: its glyph and width when shaped alone.
    private var glyph = [PangoGlyph](repeating: 0, count: 128)
    private var alone = [Int32](repeating: PairwiseGlyphs.unknown, count: 128)
    /// By pair of printable characters (`pairIndex`): the first one's width when the second
    /// follows; empty until the first line is learnt (most styles never learn).
    private var leading: [Int32] = []
    private var lines = 0
    private let scratch = pango_glyph_string_new()!

    init() {}

    /// A table that starts with what `learnt` knows (and, like it, learning or not yet).
    init(_ learnt: Learnt) {
        glyph = learnt.glyph
        alone = learnt.alone
        leading = learnt.leading
        lines = learnt.lines
    }

    deinit { pango_glyph_string_free(scratch) }

    /// What a table knows, as plain values another thread's table can start from (`init(_:)`): for
    /// the same face at the same size and script, glyphs and widths are the same in every Pango
    /// context, so the tables a measurer learnt spare the drawing threads' shapers the lines they
    /// would otherwise shape to learn the same pairs.
    struct Learnt: Sendable {
        var glyph: [PangoGlyph]
        var alone: [Int32]
        var leading: [Int32]
        var lines: Int

        /// Everything either knows (both hold only what shaping gave, so they never disagree).
        func merged(with other: Learnt) -> Learnt {
            var out = self
            for c in 0..<128 where out.alone[c] == PairwiseGlyphs.unknown && other.alone[c] != PairwiseGlyphs.unknown {
                out.alone[c] = other.alone[c]
                out.glyph[c] = other.glyph[c]
            }
            if out.leading.isEmpty {
                out.leading = other.leading
            } else if !other.leading.isEmpty {
                for k in out.leading.indices where out.leading[k] == PairwiseGlyphs.unknown { out.leading[k] = other.leading[k] }
            }
            out.lines = max(lines, other.lines)
            return out
        }
    }

    var learnt: Learnt { Learnt(glyph: glyph, alone: alone, leading: leading, lines: lines) }

    /// Whether lines the caller shapes should be passed to `learn`.
    var isLearning: Bool { lines >= Self.linesBeforeLearning }

    /// The width of `bytes` (printable ASCII) in Pango units, or nil when a pair is not known.
    func advance(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        lines += 1
        var total: Int32 = 0
        for k in bytes.indices {
            guard let width = width(bytes, k) else { return nil }
            total &+= width  // wraps as Pango's C sum does (a text of millions of points), never traps
        }
        return total
    }

    /// Sets `glyphs` to the glyphs of `bytes`; false (and `glyphs` unchanged) when a pair is not known.
    func fill(_ glyphs: UnsafeMutablePointer<PangoGlyphString>, with bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        lines += 1
        for k in bytes.indices where width(bytes, k) == nil { return false }
        pango_glyph_string_set_size(glyphs, Int32(bytes.count))
        for k in bytes.indices {
            var info = PangoGlyphInfo()
            info.glyph = glyph[Int(bytes[k])]
            info.geometry.width = width(bytes, k)!
            info.attr.is_cluster_start = 1
            glyphs.pointee.glyphs[k] = info
            glyphs.pointee.log_clusters[k] = Int32(k)
        }
        return true
    }

    /// Learns the pairs of `bytes` from `glyphs`, the shaper's glyphs for it (see the contract).
    func learn(_ glyphs: UnsafePointer<PangoGlyphString>, for bytes: UnsafeBufferPointer<UInt8>, shaper: PlainLineShaper, analysis: PangoAnalysis) {
        let string = glyphs.pointee
        guard Int(string.num_glyphs) == bytes.count else { return }
        for k in bytes.indices {
            let c = Int(bytes[k])
            let info = string.glyphs[k]
            guard learnAlone(c, shaper: shaper, analysis: analysis), string.log_clusters[k] == Int32(k),
                  info.attr.is_cluster_start == 1, info.attr.is_color == 0, info.geometry.x_offset == 0,
                  info.geometry.y_offset == 0, info.glyph == glyph[c] else { return }
        }
        guard string.glyphs[bytes.count - 1].geometry.width == alone[Int(bytes[bytes.count - 1])] else { return }
        if leading.isEmpty { leading = [Int32](repeating: Self.unknown, count: 95 * 95) }
        for k in bytes.indices.dropLast() {
            leading[Self.pairIndex(bytes[k], bytes[k + 1])] = string.glyphs[k].geometry.width
        }
    }

    /// The width of the glyph of character `k` of `bytes`, or nil when not known.
    private func width(_ bytes: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int32? {
        let value: Int32
        if k + 1 < bytes.count {
            guard !leading.isEmpty else { return nil }
            value = leading[Self.pairIndex(bytes[k], bytes[k + 1])]
        } else {
            value = alone[Int(bytes[k])]
        }
        return value == Self.unknown || value == Self.notAlone ? nil : value
    }

    /// The slot of a pair of printable ASCII characters (U+0020 to U+007E) in `leading`.
    @inline(__always) private static func pairIndex(_ first: UInt8, _ second: UInt8) -> Int {
        Int(first - 0x20) * 95 + Int(second - 0x20)
    }

    private func learnAlone(_ c: Int, shaper: PlainLineShaper, analysis: PangoAnalysis) -> Bool {
        if alone[c] == Self.unknown {
            [UInt8(c)].withUnsafeBufferPointer { shaper.shape($0, analysis: analysis, into: scratch) }
            alone[c] = Self.notAlone
            if scratch.pointee.num_glyphs == 1 {
                let info = scratch.pointee.glyphs[0]
                if info.geometry.x_offset == 0, info.geometry.y_offset == 0, info.attr.is_color == 0 {
                    glyph[c] = info.glyph
                    alone[c] = info.geometry.width
                }
            }
        }
        return alone[c] != Self.notAlone
    }
}
