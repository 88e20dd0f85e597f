/// Which objects of a PDF nothing reaches, found from the file's bytes, and marked free in its
/// cross-reference table before libqpdf reads it.
///
/// The renderer gives cairo 1.16 no structure tags, but for a document with links cairo still
/// reserves objects for a structure tree, and its table even lists a tree root it never writes
/// (libqpdf would warn that the file is damaged and rebuild the table by scanning the whole file).
/// Nothing reaches those objects; marking them free keeps libqpdf from looking for them. Walking
/// the reachable objects through libqpdf's handles costs far more than reading the bytes (it was a
/// twentieth of a whole render when cairo wrote a structure tree), so this walk reads the bytes:
///
/// - It applies only to a file with a single classic cross-reference section (`xref` … `trailer`
///   at `startxref`, no `/Prev`, no `/XRefStm`) whose in-use entries each point at `N G obj`, as
///   cairo writes them; for anything else it returns nil and changes nothing (the caller then
///   uses `QPDFDocument.dropUnreachableObjects`).
/// - An object is reachable when a chain of `N G R` references leads to it from the trailer's
///   entries, except through the catalog entries named in `ignoringCatalogEntries` (which the
///   caller removes). References are read from each object's dictionary or value up to `stream`
///   or `endobj`; strings, names and comments are skipped, so text like "(1 0 R)" is no reference.
///   Stream data holds no references, so it is never read.
/// - Each unreachable in-use entry becomes a free entry (`0000000000 65535 f`) in place: the
///   file keeps its size and every offset, and libqpdf reads those objects as null.
enum UnreachableObjects {
    /// The in-use objects of one classic cross-reference section: where each object starts and
    /// where its 20-byte entry is.
    struct CrossReference: Equatable {
        /// By object number: where `N G obj` starts, or -1 for a free or absent entry.
        var objectOffsets: [Int] = []
        /// By object number: where its entry starts in the table.
        var entryOffsets: [Int] = []
        var trailer: Range<Int> = 0..<0

        func offset(of number: Int) -> Int? {
            number >= 0 && number < objectOffsets.count && objectOffsets[number] >= 0 ? objectOffsets[number] : nil
        }
        /// The in-use object numbers, in order.
        var inUse: [Int] { objectOffsets.indices.filter { objectOffsets[$0] >= 0 } }
    }

    /// Marks every unreachable in-use object of `bytes` free; returns their numbers in order, or
    /// nil when the file is not one the walk applies to (nothing is changed then).
    static func free(in bytes: UnsafeMutableRawBufferPointer, ignoringCatalogEntries ignored: Set<String>) -> [Int]? {
        let view = UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        // A file the walk cannot read is left to libqpdf, which reports any real damage.
        guard let unreachable = try? unreachable(in: view, ignoringCatalogEntries: ignored) else { return nil }
        let free = Array("0000000000 65535 f".utf8)
        for number in unreachable.objects {
            let entry = unreachable.table.entryOffsets[number]
            for (k, byte) in free.enumerated() { bytes[entry + k] = byte }
        }
        return unreachable.objects
    }

    /// The unreachable in-use objects, in order, with the table they were found in; nil when the
    /// walk does not apply.
    static func unreachable(in bytes: UnsafeBufferPointer<UInt8>, ignoringCatalogEntries ignored: Set<String>) throws
        -> (objects: [Int], table: CrossReference)? {
        guard let table = crossReference(bytes) else { return nil }
        let trailer = try references(in: bytes, range: table.trailer, ignoring: [], keyed: true, endingWithDictionary: true)
        guard trailer.keys.contains("Root"), !trailer.keys.contains("Prev"), !trailer.keys.contains("XRefStm") else { return nil }
        guard let root = trailer.references.first(where: { $0.key == "Root" })?.object else { return nil }
        var reached = [Bool](repeating: false, count: table.objectOffsets.count)
        var pending = trailer.references.map(\.object)
        while let number = pending.popLast() {
            guard let offset = table.offset(of: number), !reached[number] else { continue }
            reached[number] = true
            guard let body = objectBody(bytes, at: offset, number: number) else { return nil }
            let found = try references(in: bytes, range: body, ignoring: number == root ? ignored : [], keyed: number == root)
            pending += found.references.map(\.object)
        }
        return (table.inUse.filter { !reached[$0] }, table)
    }

    // MARK: Cross-reference table

    static func crossReference(_ bytes: UnsafeBufferPointer<UInt8>) -> CrossReference? {
        guard let keyword = lastOccurrence(of: Array("startxref".utf8), in: bytes) else { return nil }
        var reader = Reader(bytes: bytes, position: keyword + 9)
        guard let start = reader.integer(), start >= 0, start < bytes.count else { return nil }
        reader.position = start
        guard reader.word() == "xref" else { return nil }
        var table = CrossReference()
        while true {
            let mark = reader.position
            if reader.word() == "trailer" {
                reader.skipWhitespace()
                table.trailer = reader.position..<bytes.count
                return table
            }
            reader.position = mark
            // Every entry takes 20 bytes, so no honest table lists more objects than that allows.
            guard let first = reader.integer(), let count = reader.integer(), first >= 0, count >= 0,
                  count <= bytes.count / 20, first <= bytes.count else { return nil }
            reader.skipWhitespace()
            for number in first..<(first + count) {
                // "oooooooooo ggggg n" and a two-byte end of line.
                let entry = reader.position
                guard entry + 20 <= bytes.count, bytes[entry + 10] == 0x20, bytes[entry + 16] == 0x20 else { return nil }
                var offset = 0
                for k in 0..<10 {
                    let digit = bytes[entry + k]
                    guard digit >= 0x30, digit <= 0x39 else { return nil }
                    offset = offset * 10 + Int(digit - 0x30)
                }
                if number >= table.objectOffsets.count {
                    table.objectOffsets += repeatElement(-1, count: number + 1 - table.objectOffsets.count)
                    table.entryOffsets += repeatElement(-1, count: number + 1 - table.entryOffsets.count)
                }
                switch bytes[entry + 17] {
                case UInt8(ascii: "n"):
                    guard table.objectOffsets[number] < 0 else { return nil }
                    table.objectOffsets[number] = offset
                    table.entryOffsets[number] = entry
                case UInt8(ascii: "f"):
                    break
                default:
                    return nil
                }
                reader.position = entry + 20
            }
        }
    }

    static func lastOccurrence(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = bytes.count - pattern.count
        while k >= 0 {
            if bytes[k] == pattern[0], pattern.indices.allSatisfy({ bytes[k + $0] == pattern[$0] }) { return k }
            k -= 1
        }
        return nil
    }

    /// The bytes after `N G obj` of the object at `offset`, or nil when `N` is not `number`.
    static func objectBody(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, number: Int) -> Range<Int>? {
        guard offset < bytes.count else { return nil }
        var reader = Reader(bytes: bytes, position: offset)
        guard reader.integer() == number, reader.integer() != nil, reader.word() == "obj" else { return nil }
        return reader.position..<bytes.count
    }

    // MARK: References

    /// The references in `range`, read up to `stream` or `endobj`, or with `endingWithDictionary`
    /// (a trailer) to the end of the first dictionary. Each comes with the key of the
    /// outermost dictionary's entry it sits in (nil outside one); references under a key in
    /// `ignoring` are left out. `keys` lists the outermost dictionary's keys. Without `keyed`, names
    /// are skipped undecoded and no keys are given (faster, for objects whose keys do not matter).
    static func references(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, ignoring: Set<String>,
                           keyed: Bool = true, endingWithDictionary: Bool = false) throws
        -> (references: [(key: String?, object: Int)], keys: Set<String>) {
        var lexer = PDFContent.Lexer(bytes: UnsafeBufferPointer(rebasing: bytes[..<range.upperBound]))
        lexer.position = range.lowerBound
        var found: [(key: String?, object: Int)] = []
        var keys = Set<String>()
        /// Open arrays (false) and dictionaries (true), outermost first.
        var open: [Bool] = []
        /// The current entry of the outermost dictionary, and whether its key comes next.
        var key: String?
        var expectingKey = false
        /// The last two tokens, when they were unsigned integers (a reference is `N G R`).
        var previous: (Int?, Int?) = (nil, nil)
        var atTop: Bool { open.count == 1 && open[0] }
        while true {
            lexer.skipWhitespaceAndComments()
            guard lexer.position < lexer.bytes.count else { break }
            let start = lexer.position
            let b = lexer.bytes[start]
            var integer: Int?
            switch b {
            case 0x2F where !keyed:
                lexer.skipName()
            case 0x2F:
                let name = lexer.readName()
                // At the top, a name is a key when one is due or when a number value just ended.
                if atTop && (expectingKey || previous.1 != nil) {
                    key = name
                    keys.insert(name)
                    expectingKey = false
                } else if atTop {
                    expectingKey = true
                }
            case 0x28:
                try lexer.skipLiteralString()
                if atTop { expectingKey = true }
            case 0x3C where start + 1 < lexer.bytes.count && lexer.bytes[start + 1] == 0x3C:
                lexer.position += 2
                open.append(true)
                if open.count == 1 { expectingKey = true; key = nil }
            case 0x3C:
                try lexer.skipHexString()
                if atTop { expectingKey = true }
            case 0x3E where start + 1 < lexer.bytes.count && lexer.bytes[start + 1] == 0x3E:
                lexer.position += 2
                guard open.popLast() == true else { throw PDFContentError(offset: start, reason: "'>>' closes no dictionary") }
                if atTop { expectingKey = true }
                if open.isEmpty {
                    key = nil
                    if endingWithDictionary { return (found, keys) }
                }
            case 0x5B:
                lexer.position += 1
                open.append(false)
            case 0x5D:
                lexer.position += 1
                guard open.popLast() == false else { throw PDFContentError(offset: start, reason: "']' closes no array") }
                if atTop { expectingKey = true }
            case 0x29, 0x3E, 0x7B, 0x7D:
                throw PDFContentError(offset: start, reason: "unexpected '\(Character(Unicode.Scalar(b)))' in an object")
            default:
                lexer.skipRegular()
                let word = lexer.bytes[start..<lexer.position]
                if word.elementsEqual("R".utf8) {
                    // A reference the walk cannot read must not be lost: the caller falls back.
                    guard previous.1 != nil, let object = previous.0 else {
                        throw PDFContentError(offset: start, reason: "R without an object number and generation")
                    }
                    if !(key.map(ignoring.contains) ?? false) { found.append((open.isEmpty ? nil : key, object)) }
                    if atTop { expectingKey = true }
                } else if word.elementsEqual("stream".utf8) || word.elementsEqual("endobj".utf8) {
                    return (found, keys)
                } else if let value = try Self.unsignedInteger(word, at: start) {
                    integer = value
                } else if atTop {
                    expectingKey = true
                }
            }
            previous = integer.map { (previous.1, $0) } ?? (nil, nil)
        }
        return (found, keys)
    }

    /// The value of an integer token without a minus sign (`12`, `+12`, `007`); nil for any other
    /// token. Throws for one too long to read, so the walk gives up rather than guess.
    static func unsignedInteger(_ word: Slice<UnsafeBufferPointer<UInt8>>, at offset: Int) throws -> Int? {
        var digits = word.startIndex
        if digits < word.endIndex, word[digits] == UInt8(ascii: "+") { digits += 1 }
        guard digits < word.endIndex, word[digits...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        while digits + 1 < word.endIndex, word[digits] == 0x30 { digits += 1 }
        guard word.endIndex - digits <= 18 else { throw PDFContentError(offset: offset, reason: "an integer too long to read") }
        return word[digits...].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// Reads integers and keywords of the cross-reference section.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        mutating func skipWhitespace() {
            while position < bytes.count, PDFContent.Lexer.isWhitespace(bytes[position]) { position += 1 }
        }

        mutating func word() -> String {
            skipWhitespace()
            let start = position
            while position < bytes.count, PDFContent.Lexer.isRegular(bytes[position]) { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func integer() -> Int? {
            let text = word()
            guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(text)
        }
    }
}
