import Dispatch

/// The writing end of an incremental update: streams, object streams and the cross-reference
/// stream, with every offset counted from the start of the file the update is appended to.
///
/// Contract: objects are written in the order added; `finish` writes a cross-reference stream
/// (`/W [1 4 2]`, `/Index` subsections of consecutive numbers) listing every object added (type 1
/// with its offset, or type 2 with its object stream and index), itself, `/Prev`, `startxref` and
/// `%%EOF`. Object streams are numbered from `nextNumber`, then the cross-reference stream.
struct UpdateWriter {
    let baseLength: Int
    private(set) var nextNumber: Int
    private(set) var out: [UInt8] = []
    /// Cross-reference entries, in the order added: object number, type, field 2, field 3.
    private var entries: [(number: Int, type: UInt8, field2: Int, field3: Int)] = []

    init(baseLength: Int, nextNumber: Int) {
        self.baseLength = baseLength
        self.nextNumber = nextNumber
    }

    /// A stream object written as is (no filter), e.g. the XMP packet.
    mutating func addStream(number: Int, dictionary: String, data: [UInt8]) {
        entries.append((number, 1, baseLength + out.count, 0))
        out += Array("\(number) 0 obj\n<<\(dictionary)/Length \(data.count)>>\nstream\n".utf8)
        out += data
        out += Array("\nendstream\nendobj\n".utf8)
    }

    /// Packs `count` objects into compressed object streams of at most `objectsPerStream` objects
    /// each. `format(range, &text)` writes the objects of one stream (those at `range` of the
    /// `count`, in order, each begun with `ObjectText.begin`); it is called for every stream on
    /// every processor at once, so it must only read shared state. Each stream is written and
    /// compressed (its own zlib stream) on the thread that formats it, then the streams are
    /// appended in order: the bytes do not depend on how many threads made them.
    mutating func addObjectStreams(count: Int, objectsPerStream: Int,
                                   format: @Sendable (Range<Int>, inout ObjectText) -> Void) throws {
        let perStream = max(1, objectsPerStream)
        let chunks = stride(from: 0, to: count, by: perStream).map { $0..<min($0 + perStream, count) }
        // Per stream: its object numbers, the length of its header ("number offset" pairs) and its
        // compressed bytes.
        typealias Made = (numbers: [Int], headerLength: Int, data: [UInt8])
        var made = [Result<Made, Error>?](repeating: nil, count: chunks.count)
        made.withUnsafeMutableBufferPointer { results in
            // Each iteration writes its own element only.
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
                let chunk = chunks[i]
                var objects = ObjectText(count: chunk.count)
                format(chunk, &objects)
                var stream: [UInt8] = []
                stream.reserveCapacity(objects.count * 12 + objects.text.count)
                for k in 0..<objects.count {
                    stream.appendDecimal(objects.numbers[k]); stream.append(0x20)
                    stream.appendDecimal(objects.offsets[k]); stream.append(0x20)
                }
                let headerLength = stream.count
                stream += objects.text
                // Objects are separated by a newline, also across streams.
                if chunk.upperBound < count { stream.append(0x0A) }
                let numbers = objects.numbers
                results[i] = Result { (numbers, headerLength, try Deflate.compress(stream)) }
            }
        }
        for (i, chunk) in chunks.enumerated() {
            let (numbers, headerLength, data) = try made[i]!.get()
            guard numbers.count == chunk.count else {
                throw PostPassError.structure("object stream \(i + 1) was given \(numbers.count) object(s) for \(chunk.count)")
            }
            let streamNumber = nextNumber
            nextNumber += 1
            for (k, number) in numbers.enumerated() { entries.append((number, 2, streamNumber, k)) }
            entries.append((streamNumber, 1, baseLength + out.count, 0))
            out += Array("\(streamNumber) 0 obj\n<</Type/ObjStm/N \(chunk.count)/First \(headerLength)/Filter/FlateDecode/Length \(data.count)>>\nstream\n".utf8)
            out += data
            out += Array("\nendstream\nendobj\n".utf8)
        }
    }

    /// The update's bytes, ending with its cross-reference stream; `trailerEntries` (`/Root …`,
    /// `/Info …`, `/ID …`) go into that stream's dictionary.
    mutating func finish(trailerEntries: String, previous: Int) throws -> [UInt8] {
        let xref = nextNumber
        let xrefOffset = baseLength + out.count
        entries.append((xref, 1, xrefOffset, 0))
        let inOrder = entries.sorted { $0.number < $1.number }
        var table: [UInt8] = []
        table.reserveCapacity(inOrder.count * 7)
        var index: [(first: Int, count: Int)] = []
        for e in inOrder {
            let number = e.number
            if let last = index.last, last.first + last.count - 1 == number {
                throw PostPassError.structure("object \(number) was written twice in the update")
            }
            if let last = index.last, last.first + last.count == number { index[index.count - 1].count += 1 } else { index.append((number, 1)) }
            table.append(e.type)
            for shift in stride(from: 24, through: 0, by: -8) { table.append(UInt8(truncatingIfNeeded: e.field2 >> shift)) }
            table.append(UInt8(truncatingIfNeeded: e.field3 >> 8)); table.append(UInt8(truncatingIfNeeded: e.field3))
        }
        let compressed = try Deflate.compress(table)
        var dictionary = "<</Type/XRef/Size \(xref + 1)/Index[" + index.map { "\($0.first) \($0.count)" }.joined(separator: " ") + "]/W[1 4 2]"
        dictionary += trailerEntries + "/Prev \(previous)/Filter/FlateDecode/Length \(compressed.count)>>"
        out += Array("\(xref) 0 obj\n\(dictionary)\nstream\n".utf8)
        out += compressed
        out += Array("\nendstream\nendobj\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        return out
    }
}

/// The text of the objects that go into object streams, written straight into one byte buffer
/// (tens of thousands of small objects: no string per object).
struct ObjectText {
    private(set) var text: [UInt8] = []
    /// Object numbers, and where each object's text starts in `text`.
    private(set) var numbers: [Int] = []
    private(set) var offsets: [Int] = []
    var count: Int { numbers.count }

    init(count: Int) {
        numbers.reserveCapacity(count)
        offsets.reserveCapacity(count)
        text.reserveCapacity(count * 72)
    }

    /// Starts the next object (the previous one ends with a newline).
    mutating func begin(_ number: Int) {
        if !numbers.isEmpty { text.append(0x0A) }
        numbers.append(number)
        offsets.append(text.count)
    }

    /// Starts the next object as a copy of object `index` of `other`.
    mutating func copy(_ index: Int, of other: ObjectText) {
        begin(other.numbers[index])
        let end = index + 1 < other.count ? other.offsets[index + 1] - 1 : other.text.count
        text.append(contentsOf: other.text[other.offsets[index]..<end])
    }

    /// Literal PDF syntax (the common case: no copy, no checks).
    mutating func write(_ s: StaticString) {
        text.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func write(string s: String) {
        var s = s
        s.withUTF8 { text.append(contentsOf: $0) }
    }

    mutating func write(_ reference: ObjectReference) {
        integer(reference.number); text.append(0x20); integer(reference.generation); write(" R")
    }

    /// `n 0 R`.
    mutating func reference(_ number: Int) {
        integer(number); write(" 0 R")
    }

    mutating func integer(_ value: Int) { text.appendDecimal(value) }
}

extension Array where Element == UInt8 {
    /// Appends `value` in decimal ASCII digits ("-" first when negative), as PDF writes integers.
    mutating func appendDecimal(_ value: Int) {
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { d in
            // Filled from the end, then appended at once.
            var n = d.count
            repeat {
                n -= 1
                d[n] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            } while v > 0
            if value < 0 { n -= 1; d[n] = 0x2D }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: d[n...]))
        }
    }
}
