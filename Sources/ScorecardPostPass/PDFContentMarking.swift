import Foundation
import PDFTagging

/// The content pass of the post-pass: each page's content marked, from the runs the renderer
/// recorded, as the structure's marked content and artifacts.
extension PDFContent {
    /// A page's content rewritten, and the owner of each of its marked-content ids.
    public struct MarkedPage: Equatable, Sendable {
        /// The new content.
        public var content: [UInt8]
        /// `owners[m]` is the element (an index into the `TaggedStructure`) that owns MCID `m`.
        public var owners: [Int]
    }

    /// `bytes` (a page's content as cairo wrote it, without structure tags) with every painting
    /// operator and every glyph inside marked content, as `runs` says: the n-th glyph and the n-th
    /// painting operator of the stream belong to the run holding the n-th glyph and painting call
    /// the renderer counted (`TaggedStructure.MarkedRun`).
    ///
    /// - A run of an element is written `/Role <</MCID m>> BDC` … `EMC` (`role` names it), MCIDs
    ///   0, 1, 2 … in stream order; an artifact run `/Artifact BMC` … `EMC`.
    /// - A sequence opens just before the painting it holds, with the operators that set it up
    ///   since the last painting (a path's construction, text positioning, colours), and closes
    ///   at the next run of another owner, and always before `q`, `Q`, `BT` and `ET`: it never
    ///   crosses a text object's or a saved graphics state's boundary, so one run may need several
    ///   sequences (an element then owns several MCIDs).
    /// - A text-showing operator whose glyphs belong to two runs is cut in two `TJ` operators
    ///   between the glyphs (its spacing adjustments stay with the glyphs they come before);
    ///   `codeWidth` gives the bytes per character code of a font resource (`Tf`'s name, without
    ///   the slash). A `B`, `B*`, `b` or `b*` counts as two painting calls (cairo joins a fill and
    ///   the stroke of the same path).
    /// - Marked content cairo wrote itself: a link's empty sequence (with an MCID) is removed;
    ///   other sequences (a cluster's `/ActualText` span) are kept whole inside the run that owns
    ///   what they hold.
    /// - Throws `PDFContentError` when the stream and the runs disagree (more or fewer glyphs or
    ///   painting operators, painting where glyphs were drawn, a run boundary inside cairo's own
    ///   marked content): the PDF is not the one the structure describes.
    static func markingContent(_ bytes: UnsafeBufferPointer<UInt8>, runs: [TaggedStructure.MarkedRun],
                               codeWidth: (String) throws -> Int, role: (Int) -> String) throws -> MarkedPage {
        try withoutActuallyEscaping(role) { role in
            var marker = ContentMarker(bytes: bytes, runs: runs, role: role)
            try marker.mark(codeWidth: codeWidth)
            return MarkedPage(content: marker.out, owners: marker.owners)
        }
    }

    static let mcidPrefix = Array(" <</MCID ".utf8)
    static let mcidSuffix = Array(">> BDC".utf8)
    static let artifactOperator = Array("/Artifact BMC".utf8)
    static let endMarkedOperator = Array("EMC".utf8)

    /// `/Role <</MCID `: a marked-content operator's bytes up to its MCID.
    static func markedContentPrefix(role: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "/")]
        var role = role
        role.withUTF8 { out.append(contentsOf: $0) }
        out.append(contentsOf: Self.mcidPrefix)
        return out
    }

    /// Whether a `BDC`'s property list is a dictionary with an `/MCID` entry (cairo's structure
    /// marking); false for a `BMC` and for other property lists.
    static func hasMCID(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws -> Bool {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        var lexer = Lexer(bytes: slice)
        guard let first = try lexer.next(), case .operand(.name) = first.kind,
              let second = try lexer.next(), case .operand(.dictionary(let dictionary)) = second.kind else { return false }
        var inner = Lexer(bytes: UnsafeBufferPointer(rebasing: slice[(dictionary.lowerBound + 2)..<(dictionary.upperBound - 2)]))
        while let token = try inner.next() {
            if case .operand(.name("MCID")) = token.kind { return true }
        }
        return false
    }
}

/// The state of one page's `markingContent`: input copied to `out` up to `copied`; the input
/// between `copied` and the operator being read is pending (state and path construction
/// operators, which go into whichever sequence the next painting opens).
struct ContentMarker {
    typealias Lexer = PDFContent.Lexer
    let bytes: UnsafeBufferPointer<UInt8>
    let runs: [TaggedStructure.MarkedRun]
    let role: (Int) -> String
    var out: [UInt8] = []
    var owners: [Int] = []
    private var copied = 0
    /// The run being consumed and what is left of it.
    private var run = -1
    private var glyphsLeft = 0
    private var paintsLeft = 0
    /// The sequence this pass has open, and its owner (nil: an artifact).
    private var isOpen = false
    private var openOwner: Int?
    /// Depth of cairo's own marked content.
    private var nested = 0
    /// Bytes per character code of the current font (nil before any `Tf`), and its saved values.
    private var codeWidth: Int?
    private var savedCodeWidths: [Int?] = []
    /// The `/Role <</MCID ` of each role met, made once (roles repeat by the thousand; a page
    /// has a handful, so a list searched from the end beats hashing).
    private var prefixes: [(role: String, bytes: [UInt8])] = []

    init(bytes: UnsafeBufferPointer<UInt8>, runs: [TaggedStructure.MarkedRun], role: @escaping (Int) -> String) {
        self.bytes = bytes; self.runs = runs; self.role = role
        out.reserveCapacity(bytes.count + bytes.count / 4)
    }

    private func failure(_ offset: Int, _ reason: String) -> PDFContentError { PDFContentError(offset: offset, reason: reason) }

    mutating func mark(codeWidth widthOf: (String) throws -> Int) throws {
        var lexer = Lexer(bytes: bytes)
        while let (operatorClass, operation, range) = try lexer.nextOperation() {
            switch operatorClass {
            case .save, .restore, .beginText, .endText:
                if nested == 0 { close() }
                flush(to: operation.upperBound)
                if operatorClass == .save { savedCodeWidths.append(codeWidth) }
                if operatorClass == .restore, let saved = savedCodeWidths.popLast() { codeWidth = saved }
            case .pathPainting, .otherPainting, .inlineImage:
                let twoCalls = operatorClass == .pathPainting && Self.isFillAndStroke(bytes[range])
                try paint(operation, calls: twoCalls ? 2 : 1)
            case .textShowing:
                try show(operation, operatorRange: range)
            case .beginMarked:
                try beginCairoMarked(operation, lexer: &lexer)
            case .endMarked:
                guard nested > 0 else { throw failure(range.lowerBound, "EMC without BDC or BMC") }
                nested -= 1
                flush(to: operation.upperBound)
            case .other:
                if range.count == 2, bytes[range.lowerBound] == UInt8(ascii: "T"), bytes[range.lowerBound + 1] == UInt8(ascii: "f") {
                    codeWidth = try widthOf(fontName(operation))
                }
            case .pathConstruction, .endPath:
                break
            }
        }
        guard nested == 0 else { throw failure(bytes.count, "\(nested) marked-content sequence(s) not closed by EMC") }
        close()
        flush(to: bytes.count)
        let rest = runs[min(run + 1, runs.count)...]
        let glyphs = glyphsLeft + rest.reduce(0) { $0 + $1.glyphs }
        let paints = paintsLeft + rest.reduce(0) { $0 + $1.paints }
        if glyphs > 0 || paints > 0 {
            throw failure(bytes.count, "the page was drawn with \(glyphs) glyph(s) and \(paints) painting call(s) more than its content holds")
        }
    }

    /// `B`, `B*`, `b`, `b*`: a fill and a stroke in one operator.
    static func isFillAndStroke(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let first = word[word.startIndex]
        return first == UInt8(ascii: "B") || first == UInt8(ascii: "b")
    }

    // MARK: Output

    /// Copies the input up to `end`, with a line break first if the two would run together.
    private mutating func flush(to end: Int) {
        guard copied < end else { return }
        separate(before: bytes[copied])
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end]))
        copied = end
    }

    private mutating func separate(before next: UInt8) {
        if let last = out.last, !Lexer.isWhitespace(last), !Lexer.isWhitespace(next) { out.append(0x0A) }
    }

    /// Appends a generated operator (or operand list), separated from what is before it.
    private mutating func append(_ generated: [UInt8]) {
        guard let first = generated.first else { return }
        separate(before: first)
        out.append(contentsOf: generated)
    }

    private mutating func close() {
        guard isOpen else { return }
        append(PDFContent.endMarkedOperator)
        isOpen = false
    }

    /// Makes sure the open sequence is `owner`'s, closing another one first.
    private mutating func open(_ owner: Int?, at offset: Int) throws {
        if isOpen, openOwner == owner { return }
        guard nested == 0 else {
            throw failure(offset, "the structure changes owner inside marked content cairo wrote")
        }
        close()
        if let owner {
            let role = role(owner)
            let prefix: Int
            if let known = prefixes.lastIndex(where: { $0.role == role }) {
                prefix = known
            } else {
                prefixes.append((role, PDFContent.markedContentPrefix(role: role)))
                prefix = prefixes.count - 1
            }
            separate(before: UInt8(ascii: "/"))
            out.append(contentsOf: prefixes[prefix].bytes)
            out.appendDecimal(owners.count)
            out.append(contentsOf: PDFContent.mcidSuffix)
            owners.append(owner)
        } else {
            append(PDFContent.artifactOperator)
        }
        isOpen = true
        openOwner = owner
    }

    // MARK: Runs

    /// Moves past used-up runs; false when none is left.
    private mutating func advance() -> Bool {
        while glyphsLeft == 0 && paintsLeft == 0 {
            run += 1
            guard run < runs.count else { run = runs.count; return false }
            glyphsLeft = runs[run].glyphs
            paintsLeft = runs[run].paints
        }
        return true
    }

    /// Takes one painting call; returns its run's owner.
    private mutating func takePaint(at offset: Int) throws -> Int? {
        guard advance() else { throw failure(offset, "painting beyond what the page was drawn with") }
        guard paintsLeft > 0 else {
            throw failure(offset, "painting where the drawing has \(glyphsLeft) glyph(s) of its run left")
        }
        paintsLeft -= 1
        return runs[run].owner
    }

    private mutating func paint(_ operation: Range<Int>, calls: Int) throws {
        let owner = try takePaint(at: operation.lowerBound)
        // A fill and stroke joined by cairo: the stroke may be the first call of the next run,
        // which must then have the same owner (one operator cannot be marked for two).
        for _ in 1..<calls {
            guard try takePaint(at: operation.lowerBound) == owner else {
                throw failure(operation.lowerBound, "a fill and a stroke of two owners joined in one operator")
            }
        }
        try open(owner, at: operation.lowerBound)
        flush(to: operation.upperBound)
    }

    // MARK: Text

    /// The name operand of a `Tf`, without its slash.
    private func fontName(_ operation: Range<Int>) throws -> String {
        var lexer = Lexer(bytes: UnsafeBufferPointer(rebasing: bytes[operation]))
        guard let token = try lexer.next(), case .operand(.name(let name)) = token.kind else {
            throw failure(operation.lowerBound, "Tf without a font name")
        }
        return name
    }

    private mutating func show(_ operation: Range<Int>, operatorRange: Range<Int>) throws {
        guard let width = codeWidth else { throw failure(operation.lowerBound, "text shown before any Tf") }
        // Counted without building the strings; read in full only when the glyphs must be cut.
        let shownBytes = ShownText.byteCount(bytes, operands: operation.lowerBound..<operatorRange.lowerBound)
        guard shownBytes % width == 0 else {
            throw failure(operation.lowerBound, "\(shownBytes) byte(s) shown in a font of \(width)-byte codes")
        }
        let codes = shownBytes / width
        guard codes > 0 else { return }  // nothing shown: a state change, pending like one
        guard advance() else { throw failure(operation.lowerBound, "text beyond what the page was drawn with") }
        guard glyphsLeft > 0 else {
            throw failure(operation.lowerBound, "text where the drawing has \(paintsLeft) painting call(s) of its run left")
        }
        if codes <= glyphsLeft {
            glyphsLeft -= codes
            try open(runs[run].owner, at: operation.lowerBound)
            flush(to: operation.upperBound)
            return
        }
        // The glyphs of two runs or more: one TJ per run.
        let shown = try ShownText(bytes, operation: operation, operatorRange: operatorRange)
        try open(runs[run].owner, at: operation.lowerBound)
        flush(to: operation.lowerBound)
        copied = operation.upperBound
        append(shown.lineMove)
        // Written straight into the output: `[`, the elements, `]TJ`, and between runs the close
        // of one sequence and the opening of the next.
        separate(before: UInt8(ascii: "["))
        out.append(UInt8(ascii: "["))
        var pieceIsEmpty = true
        for element in shown.elements {
            switch element {
            case .adjustment(let range):
                if !pieceIsEmpty { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                pieceIsEmpty = false
            case .string(let string):
                guard string.count % width == 0 else {
                    throw failure(operation.lowerBound, "a string of \(string.count) byte(s) in a font of \(width)-byte codes")
                }
                var offset = 0
                while offset < string.count {
                    if glyphsLeft == 0 {
                        out.append(contentsOf: Self.endOfShowing)
                        guard advance() else { throw failure(operation.lowerBound, "text beyond what the page was drawn with") }
                        guard glyphsLeft > 0 else {
                            throw failure(operation.lowerBound, "text where the drawing has \(paintsLeft) painting call(s) of its run left")
                        }
                        try open(runs[run].owner, at: operation.lowerBound)
                        out.append(0x0A)
                        out.append(UInt8(ascii: "["))
                        pieceIsEmpty = true
                    }
                    let take = min(glyphsLeft, (string.count - offset) / width)
                    ShownText.appendHex(string[offset..<(offset + take * width)], to: &out)
                    pieceIsEmpty = false
                    offset += take * width
                    glyphsLeft -= take
                }
            }
        }
        out.append(contentsOf: Self.endOfShowing)
    }

    /// `]TJ`: the end of a piece of a cut text operator.
    static let endOfShowing = Array("]TJ".utf8)

    // MARK: cairo's marked content

    /// Whether the marked content whose `BDC`/`BMC` `lexer` has just read paints anything (shows a
    /// string that is not empty, or paints) before its `EMC`.
    static func holdsPainting(after lexer: Lexer) throws -> Bool {
        var lexer = lexer
        var depth = 1
        while let (operatorClass, operation, word) = try lexer.nextOperation() {
            let operands = operation.lowerBound..<word.lowerBound
            switch operatorClass {
            case .beginMarked: depth += 1
            case .endMarked:
                depth -= 1
                if depth == 0 { return false }
            case .textShowing:
                if ShownText.byteCount(lexer.bytes, operands: operands) > 0 { return true }
            case .pathPainting, .otherPainting, .inlineImage:
                return true
            default:
                break
            }
        }
        return false
    }

    private mutating func beginCairoMarked(_ operation: Range<Int>, lexer: inout Lexer) throws {
        if nested == 0, try PDFContent.hasMCID(bytes, operation) {
            // A link's structure element: cairo marks nothing inside it. Removed, with its EMC.
            guard let next = try lexer.nextOperation(), next.operatorClass == .endMarked, next.operation == next.word else {
                throw failure(operation.lowerBound, "marked content with an MCID written by cairo holds content")
            }
            flush(to: operation.lowerBound)
            copied = next.operation.upperBound
            return
        }
        if nested == 0, try Self.holdsPainting(after: lexer) {
            // It holds what the next run draws: that run's sequence must be open around it. (One
            // that paints nothing — the /ActualText of characters without glyphs — stays wherever
            // it is, inside the open sequence or outside any.)
            guard advance() else { throw failure(operation.lowerBound, "marked content beyond what the page was drawn with") }
            try open(runs[run].owner, at: operation.lowerBound)
        }
        nested += 1
        flush(to: operation.upperBound)
    }
}

/// The operands of a text-showing operator: strings (decoded) and spacing adjustments (as
/// written), and for `'` and `"` the line move they make first.
struct ShownText {
    enum Element {
        case string([UInt8])
        case adjustment(Range<Int>)
    }

    var elements: [Element] = []
    /// What `'` and `"` do before showing (`T*`; `aw Tw ac Tc T*`), to write before a cut
    /// operator's pieces; empty for `Tj` and `TJ`.
    var lineMove: [UInt8] = []

    /// `quickly`: a `TJ` array as cairo writes one is read without the lexer (`arrayElements`).
    init(_ bytes: UnsafeBufferPointer<UInt8>, operation: Range<Int>, operatorRange: Range<Int>, quickly: Bool = true) throws {
        let base = operation.lowerBound
        let operands = UnsafeBufferPointer(rebasing: bytes[operation.lowerBound..<operatorRange.lowerBound])
        if quickly, operatorRange.count == 2, bytes[operatorRange.lowerBound] == UInt8(ascii: "T"), bytes[operatorRange.lowerBound + 1] == UInt8(ascii: "J"),
           let quick = Self.arrayElements(operands, base: base) {
            elements = quick
            return
        }
        var lexer = PDFContent.Lexer(bytes: operands)
        var tokens: [PDFContent.Token] = []
        while let token = try lexer.next() { tokens.append(token) }
        let word = bytes[operatorRange]
        func bad() -> PDFContentError {
            PDFContentError(offset: base, reason: "\(String(decoding: word, as: UTF8.self)) with operands it cannot show")
        }
        let first = word[word.startIndex]
        switch (word.count, first) {
        case (2, UInt8(ascii: "T")) where word[word.startIndex + 1] == UInt8(ascii: "J"):
            guard tokens.count == 1, case .operand(.array(let array)) = tokens[0].kind else { throw bad() }
            var inner = PDFContent.Lexer(bytes: UnsafeBufferPointer(rebasing: operands[(array.lowerBound + 1)..<(array.upperBound - 1)]))
            let innerBase = base + array.lowerBound + 1
            while let token = try inner.next() {
                switch token.kind {
                case .operand(.string(let range)):
                    elements.append(.string(Self.decoded(UnsafeBufferPointer(rebasing: operands[(range.lowerBound + array.lowerBound + 1)..<(range.upperBound + array.lowerBound + 1)]))))
                case .operand(.number):
                    elements.append(.adjustment((token.range.lowerBound + innerBase)..<(token.range.upperBound + innerBase)))
                default:
                    throw bad()
                }
            }
        default:
            guard let last = tokens.last, case .operand(.string(let range)) = last.kind else { throw bad() }
            elements = [.string(Self.decoded(UnsafeBufferPointer(rebasing: operands[range])))]
            if word.count == 1, first == UInt8(ascii: "'") {
                guard tokens.count == 1 else { throw bad() }
                lineMove = Array("T*".utf8)
            } else if word.count == 1, first == UInt8(ascii: "\"") {
                guard tokens.count == 3 else { throw bad() }
                let aw = Array(operands[tokens[0].range]), ac = Array(operands[tokens[1].range])
                lineMove = aw + Array(" Tw ".utf8) + ac + Array(" Tc T*".utf8)
            } else if tokens.count != 1 {
                throw bad()
            }
        }
    }

    /// The elements of a `TJ` array as cairo writes one (strings and numbers, white space, no
    /// comments), read without the lexer; nil for anything else (the lexer then reads it).
    static func arrayElements(_ operands: UnsafeBufferPointer<UInt8>, base: Int) -> [Element]? {
        typealias Lexer = PDFContent.Lexer
        let n = operands.count
        var k = 0
        while k < n, Lexer.isWhitespace(operands[k]) { k += 1 }
        guard k < n, operands[k] == UInt8(ascii: "[") else { return nil }
        k += 1
        var elements: [Element] = []
        while true {
            while k < n, Lexer.isWhitespace(operands[k]) { k += 1 }
            guard k < n else { return nil }
            switch operands[k] {
            case UInt8(ascii: "]"):
                k += 1
                while k < n, Lexer.isWhitespace(operands[k]) { k += 1 }
                return k == n ? elements : nil
            case UInt8(ascii: "("):
                var depth = 0
                var e = k
                while e < n {
                    let c = operands[e]
                    if c == UInt8(ascii: "\\") { e += 2; continue }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                    e += 1
                }
                guard e < n else { return nil }
                elements.append(.string(decoded(UnsafeBufferPointer(rebasing: operands[k...e]))))
                k = e + 1
            case UInt8(ascii: "<"):
                var e = k + 1
                while e < n, operands[e] != UInt8(ascii: ">") {
                    guard operands[e] == UInt8(ascii: " ") || hexValue(operands[e]) != nil || Lexer.isWhitespace(operands[e]) else { return nil }
                    e += 1
                }
                guard e < n else { return nil }
                elements.append(.string(decoded(UnsafeBufferPointer(rebasing: operands[k...e]))))
                k = e + 1
            default:
                var e = k
                while e < n, Lexer.isRegular(operands[e]) { e += 1 }
                guard e > k, Lexer.isNumber(operands[k..<e]) else { return nil }
                elements.append(.adjustment((base + k)..<(base + e)))
                k = e
            }
        }
    }

    /// The number of bytes the strings among `operands` stand for (as `decoded` reads them), found
    /// without building them; numbers, brackets and white space count nothing.
    static func byteCount(_ bytes: UnsafeBufferPointer<UInt8>, operands: Range<Int>) -> Int {
        var count = 0
        var k = operands.lowerBound
        let end = operands.upperBound
        while k < end {
            switch bytes[k] {
            case UInt8(ascii: "("):
                k += 1
                var depth = 1
                while k < end {
                    let b = bytes[k]
                    k += 1
                    switch b {
                    case UInt8(ascii: "\\"):
                        guard k < end else { break }
                        let e = bytes[k]
                        k += 1
                        switch e {
                        case 0x0D:
                            if k < end, bytes[k] == 0x0A { k += 1 }
                        case 0x0A:
                            break
                        case UInt8(ascii: "0")...UInt8(ascii: "7"):
                            var digits = 1
                            while digits < 3, k < end, bytes[k] >= 0x30, bytes[k] <= 0x37 { k += 1; digits += 1 }
                            count += 1
                        default:
                            count += 1
                        }
                    case UInt8(ascii: "("):
                        depth += 1
                        count += 1
                    case UInt8(ascii: ")"):
                        depth -= 1
                        if depth > 0 { count += 1 }
                    case 0x0D:
                        if k < end, bytes[k] == 0x0A { k += 1 }
                        count += 1
                    default:
                        count += 1
                    }
                    if depth == 0 { break }
                }
            case UInt8(ascii: "<"):
                k += 1
                var digits = 0
                while k < end, bytes[k] != UInt8(ascii: ">") {
                    if hexValue(bytes[k]) != nil { digits += 1 }
                    k += 1
                }
                k += 1
                count += (digits + 1) / 2
            case UInt8(ascii: "%"):
                // A comment, to the end of the line (as the lexer reads it).
                while k < end, bytes[k] != 0x0A, bytes[k] != 0x0D { k += 1 }
            default:
                k += 1
            }
        }
        return count
    }

    /// The bytes a literal `( … )` or hexadecimal `< … >` string stands for.
    static func decoded(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        if s.first == UInt8(ascii: "<") {
            var high: UInt8?
            for b in s.dropFirst().dropLast() {
                guard let v = hexValue(b) else { continue }
                if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
            }
            if let h = high { out.append(h << 4) }
            return out
        }
        var k = 1
        let end = s.count - 1
        while k < end {
            let b = s[k]
            if b == UInt8(ascii: "\\"), k + 1 < end {
                k += 1
                let e = s[k]
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case 0x0D:  // a line continuation: nothing
                    if k + 1 < end, s[k + 1] == 0x0A { k += 1 }
                case 0x0A:
                    break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(e - 0x30)
                    var digits = 1
                    while digits < 3, k + 1 < end, s[k + 1] >= 0x30, s[k + 1] <= 0x37 {
                        k += 1
                        value = value * 8 + Int(s[k] - 0x30)
                        digits += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: value))
                default:
                    out.append(e)
                }
                k += 1
            } else if b == 0x0D {
                // An end of line in a string reads as one line feed.
                out.append(0x0A)
                if k + 1 < end, s[k + 1] == 0x0A { k += 1 }
                k += 1
            } else {
                out.append(b)
                k += 1
            }
        }
        return out
    }

    /// The lower-case hexadecimal digit of `v` (0 to 15).
    @inline(__always) static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? v + 0x30 : v + 0x57 }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return nil
        }
    }

    /// Appends `<…>` holding `codes`.
    static func appendHex(_ codes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        for b in codes {
            out.append(hexDigit(b >> 4))
            out.append(hexDigit(b & 0x0F))
        }
        out.append(UInt8(ascii: ">"))
    }
}
