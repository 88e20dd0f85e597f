/// One operand of a content-stream operator. Composite and string operands keep the byte range
/// they occupy in the stream they were read from.
public enum PDFContentOperand: Hashable, Sendable {
    case number(Double)
    /// A name without its slash, `#xx` escapes resolved.
    case name(String)
    /// A literal or hexadecimal string (range includes the delimiters).
    case string(Range<Int>)
    case array(Range<Int>)
    case dictionary(Range<Int>)
    /// `true`, `false` or `null`.
    case keyword(String)
}

/// One operator with its operands. An inline image (`BI` … `ID` data `EI`) is one operation named
/// `BI` whose range runs through `EI`; its dictionary entries are not kept as operands.
public struct PDFContentOperation: Hashable, Sendable {
    public var name: String
    /// Bytes from the first operand (or the operator when there is none) to the end of the operator.
    public var range: Range<Int>
    public var operands: [PDFContentOperand]
}

/// A problem in a content stream that the tokenizer cannot read past.
public struct PDFContentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "content stream byte \(offset): \(reason)" }
}

/// A small PDF content-stream tokenizer, and the marking pass built on it (`markingContent`).
///
/// The tokenizer reads numbers, names (with `#xx` escapes), literal strings (nested parentheses and
/// backslash escapes), hexadecimal strings, arrays, dictionaries, comments, the keywords `true`,
/// `false` and `null`, operators, and inline images (`BI` … `ID` binary data `EI`).
public enum PDFContent {
    // MARK: Operator classes

    static let textShowing: Set<String> = ["Tj", "TJ", "'", "\""]
    static let pathConstruction: Set<String> = ["m", "l", "c", "v", "y", "h", "re", "W", "W*"]
    static let pathPainting: Set<String> = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*"]
    /// Operators that put marks on the page (besides path painting, which needs its path).
    static let otherPainting: Set<String> = ["Do", "sh", "BI"]

    /// Whether `name` paints: text showing, path painting, XObjects, shadings and inline images.
    /// (`n` ends a path without painting it.)
    public static func isPainting(_ name: String) -> Bool {
        textShowing.contains(name) || pathPainting.contains(name) || otherPainting.contains(name)
    }

    // MARK: Tokenizing

    /// Every operation of `bytes` in order. Operands left over at the end of the stream (with no
    /// operator) are ignored, as PDF readers do.
    public static func operations(_ bytes: [UInt8]) throws -> [PDFContentOperation] {
        try bytes.withUnsafeBufferPointer { try operations(in: $0) }
    }

    static func operations(in bytes: UnsafeBufferPointer<UInt8>) throws -> [PDFContentOperation] {
        var lexer = Lexer(bytes: bytes)
        var operations: [PDFContentOperation] = []
        var operands: [PDFContentOperand] = []
        var start: Int?
        while let token = try lexer.next() {
            switch token.kind {
            case .operand(let operand):
                if start == nil { start = token.range.lowerBound }
                operands.append(operand)
            case .keyword(let name):
                if name == "BI" {
                    let end = try lexer.skipInlineImage(after: token.range)
                    operations.append(PDFContentOperation(name: "BI", range: (start ?? token.range.lowerBound)..<end, operands: operands))
                } else {
                    operations.append(PDFContentOperation(name: name, range: (start ?? token.range.lowerBound)..<token.range.upperBound,
                                                          operands: operands))
                }
                operands = []
                start = nil
            }
        }
        return operations
    }

    /// What the marking pass needs to know of an operator.
    enum OperatorClass: UInt8 {
        /// Any operator not named below (colours, text state, `cm`, `gs`, `ID`, unknown words…).
        case other
        /// `BDC`, `BMC`.
        case beginMarked
        /// `EMC`.
        case endMarked
        case beginText, endText
        /// `m l c v y h re W W*`.
        case pathConstruction
        /// `S s f F f* B B* b b*`.
        case pathPainting
        /// `n`: ends a path without painting it.
        case endPath
        /// `q`, `Q`.
        case save, restore
        /// `Tj TJ ' "`.
        case textShowing
        /// `Do`, `sh`.
        case otherPainting
        /// `BI`; the operation runs through `EI`.
        case inlineImage

        var isPainting: Bool { self == .textShowing || self == .pathPainting || self == .otherPainting || self == .inlineImage }

        /// The class of an operator word, or nil for the keywords `true`, `false` and `null`
        /// (which are operands). Matches the byte values exactly, as `isPainting` and the operator
        /// sets above do for the names (none of which has a Unicode canonical equivalent).
        static func of(_ w: Slice<UnsafeBufferPointer<UInt8>>) -> OperatorClass? {
            let i = w.startIndex
            switch w.count {
            case 1:
                switch w[i] {
                case UInt8(ascii: "q"): return .save
                case UInt8(ascii: "Q"): return .restore
                case UInt8(ascii: "n"): return .endPath
                case UInt8(ascii: "m"), UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "v"), UInt8(ascii: "y"),
                     UInt8(ascii: "h"), UInt8(ascii: "W"):
                    return .pathConstruction
                case UInt8(ascii: "S"), UInt8(ascii: "s"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "B"), UInt8(ascii: "b"):
                    return .pathPainting
                case UInt8(ascii: "'"), UInt8(ascii: "\""): return .textShowing
                default: return .other
                }
            case 2:
                let a = w[i], b = w[i + 1]
                switch (a, b) {
                case (UInt8(ascii: "B"), UInt8(ascii: "T")): return .beginText
                case (UInt8(ascii: "E"), UInt8(ascii: "T")): return .endText
                case (UInt8(ascii: "B"), UInt8(ascii: "I")): return .inlineImage
                case (UInt8(ascii: "r"), UInt8(ascii: "e")), (UInt8(ascii: "W"), UInt8(ascii: "*")): return .pathConstruction
                case (UInt8(ascii: "f"), UInt8(ascii: "*")), (UInt8(ascii: "B"), UInt8(ascii: "*")), (UInt8(ascii: "b"), UInt8(ascii: "*")):
                    return .pathPainting
                case (UInt8(ascii: "T"), UInt8(ascii: "j")), (UInt8(ascii: "T"), UInt8(ascii: "J")): return .textShowing
                case (UInt8(ascii: "D"), UInt8(ascii: "o")), (UInt8(ascii: "s"), UInt8(ascii: "h")): return .otherPainting
                default: return .other
                }
            case 3:
                let a = w[i], b = w[i + 1], c = w[i + 2]
                if c == UInt8(ascii: "C") {
                    if (a == UInt8(ascii: "B") && (b == UInt8(ascii: "D") || b == UInt8(ascii: "M"))) { return .beginMarked }
                    if a == UInt8(ascii: "E") && b == UInt8(ascii: "M") { return .endMarked }
                }
                return .other
            case 4:
                if w.elementsEqual("true".utf8) || w.elementsEqual("null".utf8) { return nil }
                return .other
            case 5:
                return w.elementsEqual("false".utf8) ? nil : .other
            default:
                return .other
            }
        }
    }

    /// Painting operators (see `isPainting`) that lie outside every marked-content sequence, in
    /// stream order: empty when all content is tagged or an artifact.
    public static func unmarkedPaintingOperators(_ bytes: [UInt8]) throws -> [String] {
        var depth = 0
        var found: [String] = []
        for op in try operations(bytes) {
            switch op.name {
            case "BDC", "BMC": depth += 1
            case "EMC": depth -= 1
            default: if depth <= 0 && isPainting(op.name) { found.append(op.name) }
            }
        }
        return found
    }

    // MARK: Lexer

    struct Token {
        enum Kind { case operand(PDFContentOperand), keyword(String) }
        var kind: Kind
        var range: Range<Int>
    }

    /// Reads tokens from bytes it does not own: the caller keeps them alive while it is used.
    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        // Byte classes as bit sets, bit n for byte n (or n - 64 in the high set).
        /// NUL, tab, line feed, form feed, carriage return and space.
        static var whitespaceBits: UInt64 { 0x0000_0001_0000_3601 }
        /// `%`, `(`, `)`, `/`, `<`, `>`.
        static var lowDelimiterBits: UInt64 { 0x5000_8320_0000_0000 }
        /// `[`, `]`, `{`, `}` (bytes 64 to 127).
        static var highDelimiterBits: UInt64 { 0x2800_0000_2800_0000 }

        @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
            b < 64 && (whitespaceBits >> UInt64(b)) & 1 != 0
        }
        @inline(__always) static func isDelimiter(_ b: UInt8) -> Bool {
            b < 64 ? (lowDelimiterBits >> UInt64(b)) & 1 != 0 : b < 128 && (highDelimiterBits >> UInt64(b - 64)) & 1 != 0
        }
        /// Neither whitespace nor a delimiter.
        @inline(__always) static func isRegular(_ b: UInt8) -> Bool {
            b < 64 ? ((whitespaceBits | lowDelimiterBits) >> UInt64(b)) & 1 == 0
                : b >= 128 || (highDelimiterBits >> UInt64(b - 64)) & 1 == 0
        }

        func error(_ reason: String, at offset: Int) -> PDFContentError { PDFContentError(offset: offset, reason: reason) }

        @inline(__always) mutating func skipWhitespaceAndComments() {
            while position < bytes.count {
                let b = bytes[position]
                if Self.isWhitespace(b) {
                    position += 1
                } else if b == 0x25 {  // %
                    while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                } else {
                    return
                }
            }
        }

        /// The next token; arrays and dictionaries come back whole, as one operand.
        mutating func next() throws -> Token? {
            skipWhitespaceAndComments()
            guard position < bytes.count else { return nil }
            let start = position
            let b = bytes[start]
            switch b {
            case 0x2F:  // /
                return Token(kind: .operand(.name(readName())), range: start..<position)
            case 0x28:  // (
                try skipLiteralString()
                return Token(kind: .operand(.string(start..<position)), range: start..<position)
            case 0x3C:  // <
                if position + 1 < bytes.count, bytes[position + 1] == 0x3C {
                    try skipComposite()
                    return Token(kind: .operand(.dictionary(start..<position)), range: start..<position)
                }
                try skipHexString()
                return Token(kind: .operand(.string(start..<position)), range: start..<position)
            case 0x5B:  // [
                try skipComposite()
                return Token(kind: .operand(.array(start..<position)), range: start..<position)
            case 0x5D, 0x3E, 0x29, 0x7B, 0x7D:
                throw error("unexpected '\(Character(Unicode.Scalar(b)))'", at: start)
            default:
                while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
                let word = String(decoding: bytes[start..<position], as: UTF8.self)
                if let number = Self.number(bytes[start..<position]) {
                    return Token(kind: .operand(.number(number)), range: start..<position)
                }
                if word == "true" || word == "false" || word == "null" {
                    return Token(kind: .operand(.keyword(word)), range: start..<position)
                }
                return Token(kind: .keyword(word), range: start..<position)
            }
        }

        /// A PDF number: optional sign, digits with at most one point, at least one digit.
        static func number(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
            guard isNumber(s) else { return nil }
            return Double(String(decoding: s, as: UTF8.self)) ?? 0
        }

        /// Whether `s` is a number: optional sign, digits with at most one point, at least one digit.
        @inline(__always) static func isNumber(_ s: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            var digits = 0
            var points = 0
            var k = s.startIndex
            while k < s.endIndex {
                let b = s[k]
                if b >= 0x30 && b <= 0x39 { digits += 1 }
                else if b == 0x2E { points += 1 }
                else if (b == 0x2B || b == 0x2D) && k == s.startIndex {}
                else { return false }
                k += 1
            }
            return digits > 0 && points <= 1
        }

        /// Reads a name at `position` (on its slash); resolves `#xx` escapes.
        mutating func readName() -> String {
            position += 1
            var out: [UInt8] = []
            while position < bytes.count, Self.isRegular(bytes[position]) {
                let b = bytes[position]
                if b == 0x23, position + 2 < bytes.count,
                   let hi = Self.hexValue(bytes[position + 1]), let lo = Self.hexValue(bytes[position + 2]) {
                    out.append(hi << 4 | lo)
                    position += 3
                } else {
                    out.append(b)
                    position += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// Moves past a name at `position` (on its slash) without decoding it: `#xx` escapes are
        /// regular bytes, so the name ends where `readName` stops.
        mutating func skipName() {
            position += 1
            skipRegular()
        }

        @inline(__always) mutating func skipRegular() {
            while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
        }

        /// The next operation, its operands not decoded: the operator's class, the bytes from its
        /// first operand (or the operator, when it has none) to its end, and the operator word's
        /// own bytes. An inline image runs from `BI` through `EI`. Operands left at the end of the
        /// stream are ignored, as `operations(in:)` ignores them.
        mutating func nextOperation() throws -> (operatorClass: OperatorClass, operation: Range<Int>, word: Range<Int>)? {
            var start = -1
            while let (operatorClass, range) = try nextOperatorOrOperand() {
                guard let operatorClass else {
                    if start < 0 { start = range.lowerBound }
                    continue
                }
                let lower = start < 0 ? range.lowerBound : start
                let upper = operatorClass == .inlineImage ? try skipInlineImage(after: range) : range.upperBound
                return (operatorClass, lower..<upper, range)
            }
            return nil
        }

        /// `next()` for the marking pass: the operator's class, or nil for an operand (whose value
        /// is not decoded), with its range. Same tokens, ranges and errors as `next()`.
        mutating func nextOperatorOrOperand() throws -> (OperatorClass?, Range<Int>)? {
            skipWhitespaceAndComments()
            guard position < bytes.count else { return nil }
            let start = position
            let b = bytes[start]
            switch b {
            case 0x2F:  // /
                skipName()
            case 0x28:  // (
                try skipLiteralString()
            case 0x3C:  // <
                if position + 1 < bytes.count, bytes[position + 1] == 0x3C {
                    try skipComposite()
                } else {
                    try skipHexString()
                }
            case 0x5B:  // [
                try skipComposite()
            case 0x5D, 0x3E, 0x29, 0x7B, 0x7D:
                throw error("unexpected '\(Character(Unicode.Scalar(b)))'", at: start)
            default:
                skipRegular()
                let word = bytes[start..<position]
                if Self.isNumber(word) { return (nil, start..<position) }
                return (OperatorClass.of(word), start..<position)
            }
            return (nil, start..<position)
        }

        static func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }

        /// Skips `( … )` with nested parentheses and backslash escapes.
        mutating func skipLiteralString() throws {
            let start = position
            var depth = 0
            while position < bytes.count {
                let b = bytes[position]
                position += 1
                switch b {
                case 0x5C: position += 1  // backslash: the next byte is escaped (octal digits are harmless)
                case 0x28: depth += 1
                case 0x29:
                    depth -= 1
                    if depth == 0 { return }
                default: break
                }
            }
            throw error("unterminated string", at: start)
        }

        mutating func skipHexString() throws {
            let start = position
            position += 1
            while position < bytes.count {
                let b = bytes[position]
                position += 1
                if b == 0x3E { return }
                guard Self.hexValue(b) != nil || Self.isWhitespace(b) else {
                    throw error("invalid byte in hexadecimal string", at: position - 1)
                }
            }
            throw error("unterminated hexadecimal string", at: start)
        }

        /// Skips an array or dictionary at `position`, with everything nested in it.
        mutating func skipComposite() throws {
            let start = position
            // The closers still expected, innermost last: `]` or `>`, as bits (1 for `]`) for the
            // first 64 levels (no array to allocate for the TJ arrays of every text line), then in
            // `deeper`.
            var bits: UInt64 = 0
            var depth = 0
            var deeper: [UInt8] = []
            func push(_ closer: UInt8) {
                if depth < 64 {
                    if closer == 0x5D { bits |= 1 << UInt64(depth) } else { bits &= ~(1 << UInt64(depth)) }
                } else {
                    deeper.append(closer)
                }
                depth += 1
            }
            func innermost() -> UInt8? {
                guard depth > 0 else { return nil }
                if depth > 64 { return deeper.last }
                return (bits >> UInt64(depth - 1)) & 1 == 1 ? 0x5D : 0x3E
            }
            repeat {
                skipWhitespaceAndComments()
                guard position < bytes.count else { throw error("unterminated array or dictionary", at: start) }
                let b = bytes[position]
                if b == 0x5B {
                    push(0x5D); position += 1
                } else if b == 0x3C, position + 1 < bytes.count, bytes[position + 1] == 0x3C {
                    push(0x3E); position += 2
                } else if b == 0x5D || (b == 0x3E && position + 1 < bytes.count && bytes[position + 1] == 0x3E) {
                    guard innermost() == b else { throw error("mismatched '\(Character(Unicode.Scalar(b)))'", at: position) }
                    depth -= 1
                    if depth >= 64 { deeper.removeLast() }
                    position += b == 0x5D ? 1 : 2
                } else if b == 0x28 {
                    try skipLiteralString()
                } else if b == 0x3C {
                    try skipHexString()
                } else if b == 0x2F {
                    skipName()
                } else if Self.isRegular(b) {
                    while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
                } else {
                    throw error("unexpected '\(Character(Unicode.Scalar(b)))' in array or dictionary", at: position)
                }
            } while depth > 0
        }

        /// After the `BI` keyword at `keyword`: skips the image dictionary, `ID`, the image data
        /// and `EI`; returns the offset just after `EI`. The data length comes from `/L` or
        /// `/Length` when given, else the data ends at the first `EI` between whitespace.
        mutating func skipInlineImage(after keyword: Range<Int>) throws -> Int {
            var declaredLength: Int?
            var lastName: String?
            while true {
                guard let token = try next() else { throw error("inline image without ID", at: keyword.lowerBound) }
                switch token.kind {
                case .keyword("ID"):
                    // One whitespace byte separates ID from the data.
                    var dataStart = token.range.upperBound
                    if dataStart < bytes.count, Self.isWhitespace(bytes[dataStart]) { dataStart += 1 }
                    return try skipImageData(from: dataStart, length: declaredLength, image: keyword.lowerBound)
                case .operand(.name(let n)):
                    lastName = n
                case .operand(.number(let v)):
                    if lastName == "L" || lastName == "Length" { declaredLength = Int(v) }
                    lastName = nil
                default:
                    lastName = nil
                }
            }
        }

        mutating func skipImageData(from dataStart: Int, length: Int?, image: Int) throws -> Int {
            func isEI(_ p: Int) -> Bool {
                p + 1 < bytes.count && bytes[p] == 0x45 && bytes[p + 1] == 0x49
                    && (p + 2 == bytes.count || !Self.isRegular(bytes[p + 2]))
            }
            if let length, length >= 0, dataStart + length <= bytes.count {
                position = dataStart + length
                skipWhitespaceAndComments()
                if isEI(position) { position += 2; return position }
            }
            var p = dataStart
            while p + 1 < bytes.count {
                if isEI(p), p == dataStart || Self.isWhitespace(bytes[p - 1]) {
                    position = p + 2
                    return position
                }
                p += 1
            }
            throw error("inline image without EI", at: image)
        }
    }
}
