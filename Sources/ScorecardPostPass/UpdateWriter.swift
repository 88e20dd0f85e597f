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

    /// Packs `objects` into compressed object streams of at most `objectsPerStream` objects each.
    /// The streams are compressed on every processor at once (each is its own zlib stream), then
    /// written in order: the bytes do not depend on how many threads compressed them.
    mutating func addObjectStreams(_ objects: ObjectText, objectsPerStream: Int) throws {
        let chunks = stride(from: 0, to: objects.count, by: max(1, objectsPerStream)).map {
            $0..<min($0 + max(1, objectsPerStream), objects.count)
        }
        // Per stream: the length of its header ("number offset" pairs) and its compressed bytes.
        var compressed = [Result<(headerLength: Int, data: [UInt8]), Error>?](repeating: nil, count: chunks.count)
        compressed.withUnsafeMutableBufferPointer { results in
            // Each iteration writes its own element only.
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
                let chunk = chunks[i]
                let bodyStart = objects.offsets[chunk.lowerBound]
                let bodyEnd = chunk.upperBound < objects.count ? objects.offsets[chunk.upperBound] : objects.text.count
                var stream: [UInt8] = []
                stream.reserveCapacity(chunk.count * 12 + bodyEnd - bodyStart)
                for k in chunk {
                    stream.appendDecimal(objects.numbers[k]); stream.append(0x20)
                    stream.appendDecimal(objects.offsets[k] - bodyStart); stream.append(0x20)
                }
                let headerLength = stream.count
                stream += objects.text[bodyStart..<bodyEnd]
                results[i] = Result { (headerLength, try Deflate.compress(stream)) }
            }
        }
        for (i, chunk) in chunks.enumerated() {
            let (headerLength, data) = try compressed[i]!.get()
            let streamNumber = nextNumber
            nextNumber += 1
            for k in chunk { entries.append((objects.numbers[k], 2, streamNumber, k - chunk.lowerBound)) }
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

    mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { text.append(contentsOf: $0) }
    }

    mutating func write(_ reference: ObjectReference) {
        integer(reference.number); text.append(0x20); integer(reference.generation); text.append(contentsOf: [0x20, 0x52])
    }

    /// `n 0 R`.
    mutating func reference(_ number: Int) {
        integer(number); text.append(contentsOf: [0x20, 0x30, 0x20, 0x52])
    }

    mutating func integer(_ value: Int) { text.appendDecimal(value) }
}

extension Array where Element == UInt8 {
    /// Appends `value` in decimal ASCII digits ("-" first when negative), as PDF writes integers.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        Swift.withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(v % 10) + 0x30
                v /= 10
                n += 1
            } while v > 0
            while n > 0 { n -= 1; append(d[n]) }
        }
    }
}
