import Foundation
import PDFTagging

/// The content pass of the post-pass: artifacts, and marked content renumbered for the structure
/// tree the post-pass writes.
extension PDFContent {
    /// A page's content rewritten, and the owner of each of its marked-content ids.
    public struct MarkedPage: Equatable, Sendable {
        /// The new content, or nil when it is unchanged.
        public var content: [UInt8]?
        /// `owners[m]` is the element (an index into the `TaggedStructure`) that owns MCID `m`.
        public var owners: [Int]
    }

    /// `bytes` with unmarked painting wrapped as artifacts (as `wrappingUnmarkedContentAsArtifacts`
    /// does) and every marked-content sequence that carries an `/MCID` given to its owner:
    ///
    /// - the n-th such `BDC` of the stream belongs to `expected[n]`, whose role `role(expected[n])`
    ///   must be the role of the `BDC`'s tag as the renderer named it for cairo (`CairoTagNames`;
    ///   else it throws: the PDF is not the one the structure describes). So the input is cairo's
    ///   content as `PDFStructureWriter` drew it, not content this pass wrote (which carries the
    ///   roles themselves); errors name roles, not cairo's names;
    /// - a sequence with nothing inside (`BDC` directly followed by `EMC`) is removed;
    /// - the others are renumbered 0, 1, 2 … in stream order, written `/Role <</MCID m>> BDC`;
    /// - other `BDC`/`BMC` operators are kept as they are; there must be exactly `expected.count`
    ///   sequences with an `/MCID`.
    static func markingContent(_ bytes: UnsafeBufferPointer<UInt8>, expected: [Int], role: (Int) -> String) throws -> MarkedPage {
        let ops = try classifiedOperations(in: bytes)
        var edits: [(range: Range<Int>, replacement: Replacement)] = []
        for segment in try artifactSegments(ops) {
            edits.append((segment.lowerBound..<segment.lowerBound, .artifactBegin))
            let newline = segment.upperBound < bytes.count && !Lexer.isWhitespace(bytes[segment.upperBound])
            edits.append((segment.upperBound..<segment.upperBound, .artifactEnd(newline: newline)))
        }
        // The `/Role <</MCID ` of each role met, made once (roles repeat by the thousand).
        var prefixes: [(role: String, bytes: [UInt8])] = []
        var owners: [Int] = []
        var next = 0
        var k = 0
        while k < ops.count {
            defer { k += 1 }
            let op = ops[k]
            guard op.operatorClass == .beginMarked, let tag = try markedContentTag(bytes, op.range) else { continue }
            guard next < expected.count else {
                throw PDFContentError(offset: op.range.lowerBound,
                                      reason: "marked content /\(CairoTagNames.cairoName(forRole: tag)) with an MCID beyond the \(expected.count) the structure describes")
            }
            let owner = expected[next]
            next += 1
            let ownerRole = role(owner)
            guard tag == CairoTagNames.cairoName(forRole: ownerRole) else {
                throw PDFContentError(offset: op.range.lowerBound,
                                      reason: "marked-content sequence \(next) is /\(CairoTagNames.cairoName(forRole: tag)) but the structure expects /\(ownerRole)")
            }
            if k + 1 < ops.count, ops[k + 1].operatorClass == .endMarked {
                edits.append((op.range, .nothing))
                edits.append((ops[k + 1].range, .nothing))
                k += 1
                continue
            }
            let prefix: Int
            if let known = prefixes.lastIndex(where: { $0.role == ownerRole }) {
                prefix = known
            } else {
                prefixes.append((ownerRole, markedContentPrefix(role: ownerRole)))
                prefix = prefixes.count - 1
            }
            edits.append((op.range, .marked(prefix: prefix, mcid: owners.count)))
            owners.append(owner)
        }
        guard next == expected.count else {
            throw PDFContentError(offset: bytes.count,
                                  reason: "\(next) marked-content sequence(s) with an MCID, but the structure describes \(expected.count)")
        }
        guard !edits.isEmpty else { return MarkedPage(content: nil, owners: owners) }
        // Insertions at an offset go before a replacement starting there.
        edits.sort { ($0.range.lowerBound, $0.range.isEmpty ? 0 : 1) < ($1.range.lowerBound, $1.range.isEmpty ? 0 : 1) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.count * 16)
        var copied = 0
        for edit in edits {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<edit.range.lowerBound]))
            switch edit.replacement {
            case .nothing:
                break
            case .artifactBegin:
                out += artifactBegin
            case .artifactEnd(let newline):
                out += artifactEnd
                if newline { out.append(0x0A) }
            case .marked(let prefix, let mcid):
                out += prefixes[prefix].bytes
                out.appendDecimal(mcid)
                out += Self.mcidSuffix
            }
            copied = edit.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
        return MarkedPage(content: out, owners: owners)
    }

    /// The tag of a `BDC` whose property list is a dictionary with an `/MCID` entry, nil for any
    /// other marked-content operator (a `BMC`, or a `BDC` with a named property list or no MCID).
    static func markedContentTag(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> String? {
        if let tag = cairoMarkedContentTag(bytes, range) { return tag }
        return try lexedMarkedContentTag(bytes, range)
    }

    /// `markedContentTag` for any form, read with the lexer.
    static func lexedMarkedContentTag(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> String? {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        var lexer = Lexer(bytes: slice)
        guard let first = try lexer.next(), case .operand(.name(let tag)) = first.kind,
              let second = try lexer.next(), case .operand(.dictionary(let dictionary)) = second.kind else { return nil }
        var inner = Lexer(bytes: UnsafeBufferPointer(rebasing: slice[(dictionary.lowerBound + 2)..<(dictionary.upperBound - 2)]))
        while let token = try inner.next() {
            if case .operand(.name("MCID")) = token.kind { return tag }
        }
        return nil
    }

    /// The tag of a `BDC` written exactly as cairo 1.16 writes one with an MCID,
    /// `/Tag << /MCID n >> BDC`, or as the post-pass writes one, `/Tag <</MCID n>> BDC` (a name
    /// without `#` escapes, these spaces); nil for any other form, which `markedContentTag` then
    /// reads with the lexer.
    static func cairoMarkedContentTag(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        var p = range.lowerBound
        let end = range.upperBound
        guard p < end, bytes[p] == UInt8(ascii: "/") else { return nil }
        p += 1
        let nameStart = p
        while p < end, Lexer.isRegular(bytes[p]) {
            if bytes[p] == UInt8(ascii: "#") { return nil }
            p += 1
        }
        guard p > nameStart else { return nil }
        let nameEnd = p
        func skip(_ expected: StaticString) -> Bool {
            let count = expected.utf8CodeUnitCount
            guard end - p >= count, memcmp(bytes.baseAddress! + p, expected.utf8Start, count) == 0 else { return false }
            p += count
            return true
        }
        let spaced = skip(" << /MCID ")
        guard spaced || skip(" <</MCID ") else { return nil }
        let digits = p
        while p < end, bytes[p] >= 0x30, bytes[p] <= 0x39 { p += 1 }
        guard p > digits, skip(spaced ? " >> BDC" : ">> BDC"), p == end else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
    }

    /// What an edit of `markingContent` puts in place of the bytes it covers.
    enum Replacement {
        case nothing
        case artifactBegin
        /// `artifactEnd`, and a line break when the next byte is not white space.
        case artifactEnd(newline: Bool)
        /// `/Role <</MCID m>> BDC`: the role's prefix (an index into the pass's prefixes) and m.
        case marked(prefix: Int, mcid: Int)
    }

    /// `/Role <</MCID `: a marked-content operator's bytes up to its MCID.
    static func markedContentPrefix(role: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "/")]
        var role = role
        role.withUTF8 { out.append(contentsOf: $0) }
        out.append(contentsOf: Self.mcidPrefix)
        return out
    }

    /// `/Role <</MCID m>> BDC`.
    static func markedContentOperator(role: String, mcid: Int) -> [UInt8] {
        var out = markedContentPrefix(role: role)
        out.appendDecimal(mcid)
        out.append(contentsOf: Self.mcidSuffix)
        return out
    }

    static let mcidPrefix = Array(" <</MCID ".utf8)
    static let mcidSuffix = Array(">> BDC".utf8)
}
