/// Shortens a text for a check that looks at each distinct Character once, in order of first
/// appearance (`FontLibrary.unsupportedCharacters`), without changing what that check sees.
///
/// ## Contract
/// `reduced(text)` has exactly the distinct Characters of `text`, in the same order of first
/// appearance (repeats are dropped, so counts are not kept).
///
/// ## Why it holds
/// The text is cut into pieces wherever two printable ASCII characters (U+0020...U+007E) meet. No
/// grapheme-cluster rule joins two such scalars (CR LF is the only ASCII pair that clusters, and CR
/// and LF are not printable), and no rule looks back across them (regional-indicator pairs and emoji
/// ZWJ sequences stop at an ASCII character), so every cut is a Character boundary and a piece splits
/// into the same Characters wherever it stands. Every piece but the first starts with printable
/// ASCII and every piece but the last ends with one, so joining the first occurrence of each
/// distinct piece, in order, again meets only at such boundaries. A Character first appears inside
/// the first occurrence of its piece, so the order of first appearance is kept.
enum DistinctPieces {
    static func reduced(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var seenASCII = [Bool](repeating: false, count: 128)
            var seenPieces = Set<String>()
            var out: [UInt8] = []
            var start = 0
            func emit(_ end: Int) {
                guard start < end else { return }
                if end - start == 1 && bytes[start] < 0x80 {
                    if seenASCII[Int(bytes[start])] { return }
                    seenASCII[Int(bytes[start])] = true
                    out.append(bytes[start])
                    return
                }
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if seenPieces.insert(String(decoding: piece, as: UTF8.self)).inserted { out.append(contentsOf: piece) }
            }
            var i = 1
            while i < bytes.count {
                if isPrintableASCII(bytes[i - 1]) && isPrintableASCII(bytes[i]) {
                    emit(i)
                    start = i
                }
                i += 1
            }
            emit(bytes.count)
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always)
    static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// True when every character of `s` is printable ASCII.
    static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isPrintableASCII) }
            ?? s.utf8.allSatisfy(isPrintableASCII)
    }
}
