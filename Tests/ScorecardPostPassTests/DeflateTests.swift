import CDeflate
import Foundation
import Testing
@testable import ScorecardPostPass

/// The post-pass's own stream compression: zlib format (what `/FlateDecode` means), from any thread.
@Suite("Deflate")
struct DeflateTests {
    /// Deterministic pseudo-random text that compresses like page content (repeated operators).
    static func sample(_ seed: UInt64, count: Int) -> [UInt8] {
        var state = seed
        var out: [UInt8] = []
        let words = Array("BT ET Tf Tj TJ re f S m l q Q cm 0 1 2 3 4 5 6 7 8 9 . /F1 9 ".split(separator: " ")).map { Array($0.utf8) }
        while out.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out += words[Int(state >> 33) % words.count] + [32]
        }
        return Array(out.prefix(count))
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }

    static func inflate(_ data: [UInt8], size: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var out = [UInt8](repeating: 0, count: size)
        var actual = 0
        let result = out.withUnsafeMutableBytes { o in
            data.withUnsafeBytes { i in libdeflate_zlib_decompress(decompressor, i.baseAddress, i.count, o.baseAddress, o.count, &actual) }
        }
        return result == LIBDEFLATE_SUCCESS && actual == size ? out : nil
    }

    /// zlib's default level, as a second level to compress at.
    static let zlibDefault: Int32 = 6

    @Test func writesZlibStreamsThatDecompressToTheInput() throws {
        for (seed, count) in [(1, 0), (2, 1), (3, 1000), (4, 70_000)] as [(UInt64, Int)] {
            let input = Self.sample(seed, count: count)
            for level in [Deflate.fastest, Self.zlibDefault] {
                let compressed = try Deflate.compress(input, level: level)
                // zlib header (deflate, 32 KiB window, check bits) and the Adler-32 of the input.
                #expect(compressed.count >= 6 && compressed[0] == 0x78 && (UInt16(compressed[0]) << 8 | UInt16(compressed[1])) % 31 == 0)
                let trailer = compressed.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                #expect(trailer == Self.adler32(input), "seed \(seed) level \(level)")
                #expect(Self.inflate(compressed, size: input.count) == input, "seed \(seed) level \(level)")
                if count >= 1000 { #expect(compressed.count < input.count / 2) }
            }
        }
    }

    /// Results from many threads at once, gathered under a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: [UInt8]] = [:]
        func set(_ k: Int, _ v: [UInt8]) { lock.lock(); values[k] = v; lock.unlock() }
        var all: [Int: [UInt8]] { lock.lock(); defer { lock.unlock() }; return values }
    }

    @Test func threadsGetTheSameBytesAsOneThread() throws {
        let inputs = (0..<32).map { Self.sample(UInt64($0) + 10, count: 5_000 + 997 * $0) }
        let serial = try inputs.enumerated().map { try Deflate.compress($1, level: $0 % 2 == 0 ? Deflate.fastest : Self.zlibDefault) }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: inputs.count) { k in
            if let out = try? Deflate.compress(inputs[k], level: k % 2 == 0 ? Deflate.fastest : Self.zlibDefault) { results.set(k, out) }
        }
        #expect(results.all == Dictionary(uniqueKeysWithValues: serial.enumerated().map { ($0, $1) }))
    }
}

/// The update writer's cross-reference table.
@Suite("Update writer")
struct UpdateWriterTests {
    @Test func anObjectNumberWrittenTwiceIsAnError() throws {
        var writer = UpdateWriter(baseLength: 100, nextNumber: 20)
        writer.addStream(number: 12, dictionary: "/Type/Metadata", data: Array("a".utf8))
        writer.addStream(number: 12, dictionary: "/Type/Metadata", data: Array("b".utf8))
        #expect(throws: PostPassError.structure("object 12 was written twice in the update")) {
            _ = try writer.finish(trailerEntries: "/Root 1 0 R", previous: 10)
        }
    }

    @Test func theCrossReferenceStreamListsEveryObjectInOrder() throws {
        var writer = UpdateWriter(baseLength: 100, nextNumber: 20)
        writer.addStream(number: 13, dictionary: "/Type/Metadata", data: Array("b".utf8))
        writer.addStream(number: 12, dictionary: "/Type/Metadata", data: Array("a".utf8))
        let bytes = try writer.finish(trailerEntries: "/Root 1 0 R", previous: 10)
        let text = String(decoding: bytes, as: UTF8.self)
        // 12 and 13 in one subsection, the cross-reference stream (20) in another.
        #expect(text.contains("/Index[12 2 20 1]"))
        #expect(text.contains("/Prev 10"))
    }
}
