import Foundation
import ScorecardModel

/// Runs of text as a cache key, equal when their texts have the same UTF-8 bytes (and the same
/// styles and links), hashed from those bytes.
///
/// `String`'s own `==` and hashing follow Unicode canonical equivalence, which costs a normalising
/// pass over any text that is not plain ASCII (an en dash is enough): looking up the measurer's and
/// the drawing cache's keys took some 670 instructions per comparison of an indicator name. A
/// cache only needs "the same text": two spellings of one text (a precomposed "é" and "e" with a
/// combining accent) are then two entries, each measured and drawn correctly.
///
/// Contract: `==` and `hash(into:)` agree (equal keys hash equally); no other meaning is implied.
struct ExactRuns: Hashable, Sendable {
    let runs: [TextRun]

    init(_ runs: [TextRun]) { self.runs = runs }

    static func == (a: ExactRuns, b: ExactRuns) -> Bool {
        guard a.runs.count == b.runs.count else { return false }
        for (x, y) in zip(a.runs, b.runs) {
            guard x.bold == y.bold, x.italic == y.italic, sameBytes(x.text, y.text) else { return false }
            switch (x.link, y.link) {
            case (nil, nil): continue
            case let (p?, q?) where sameBytes(p, q): continue
            default: return false
            }
        }
        return true
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(runs.count)
        for run in runs {
            Self.combineBytes(of: run.text, into: &hasher)
            hasher.combine(run.bold)
            hasher.combine(run.italic)
            hasher.combine(run.link != nil)
            if let link = run.link { Self.combineBytes(of: link, into: &hasher) }
        }
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let compared: Bool?? = a.utf8.withContiguousStorageIfAvailable { p in
            b.utf8.withContiguousStorageIfAvailable { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    private static func combineBytes(of text: String, into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
}
