import CZlibDeflate
import Foundation
import Testing
import TestSupport

/// zlib's deflate as cairo calls it, done by libdeflate (CZlibDeflate): whatever the chunking of
/// input and output, the bytes inflate with zlib to the input.
@Suite("zlib deflate by libdeflate")
struct ZlibDeflateTests {
    /// Compresses `data` through the zlib API, giving input in chunks of up to `inChunk` bytes and
    /// output room of up to `outChunk` bytes per call.
    static func deflated(_ data: [UInt8], level: Int32 = -1, inChunk: Int, outChunk: Int,
                         random: inout SplitMix64) -> (bytes: [UInt8], last: Int32, stream: z_stream) {
        var stream = z_stream()
        #expect(deflateInit_(&stream, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: max(outChunk, 1))
        var given = 0
        var last: Int32 = Z_OK
        data.withUnsafeBufferPointer { input in
            while given < data.count {
                let n = min(data.count - given, Int.random(in: 1...max(inChunk, 1), using: &random))
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + given)
                stream.avail_in = UInt32(n)
                buffer.withUnsafeMutableBufferPointer { b in
                    stream.next_out = b.baseAddress
                    stream.avail_out = UInt32(b.count)
                    last = deflate(&stream, Z_NO_FLUSH)
                    out += b.prefix(b.count - Int(stream.avail_out))
                }
                given += n - Int(stream.avail_in)
            }
            repeat {
                let room = Int.random(in: 1...max(outChunk, 1), using: &random)
                buffer.withUnsafeMutableBufferPointer { b in
                    stream.next_out = b.baseAddress
                    stream.avail_out = UInt32(room)
                    last = deflate(&stream, Z_FINISH)
                    out += b.prefix(room - Int(stream.avail_out))
                }
            } while last == Z_OK
        }
        let state = stream
        #expect(deflateEnd(&stream) == Z_OK)
        return (out, last, state)
    }

    /// Points `stream` at all of `input` and all of `output`.
    static func point(_ stream: inout z_stream, from input: UnsafeMutableBufferPointer<UInt8>, to output: UnsafeMutableBufferPointer<UInt8>) {
        stream.next_in = input.baseAddress
        stream.avail_in = UInt32(input.count)
        stream.next_out = output.baseAddress
        stream.avail_out = UInt32(output.count)
    }

    /// `bytes` inflated by zlib with `windowBits`.
    static func inflated(_ bytes: [UInt8], windowBits: Int32, expecting count: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: count + 1)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                Self.point(&stream, from: i, to: o)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(out.prefix(Int(stream.total_out)))
    }

    /// Gives `stream` all of `input` and room for `capacity` bytes, calls `deflate` with `flush`
    /// (after one `Z_NO_FLUSH` call when `first` is given), and returns the status and the output.
    static func call(_ stream: inout z_stream, _ input: [UInt8], capacity: Int, flush: Int32,
                     first: Int32? = nil) -> (status: Int32, output: [UInt8]) {
        var input = input
        var out = [UInt8](repeating: 0, count: capacity)
        let status = input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                Self.point(&stream, from: i, to: o)
                if let first { _ = deflate(&stream, first) }
                return deflate(&stream, flush)
            }
        }
        return (status, Array(out.prefix(capacity - Int(stream.avail_out))))
    }

    @Test func cairosCallsReachLibdeflate() {
        #expect(scorecard_zlib_deflate_is_interposed() == 1)
    }

    /// zlib's own one-shot compress2 calls deflateInit_, deflate and deflateEnd through the global
    /// scope: it must still give zlib data (all three reach the same implementation).
    @Test func zlibsOwnCompressStillWorks() {
        let data = Array(String(repeating: "Kent County Council ", count: 400).utf8)
        var size = compressBound(UInt(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        #expect(compress2(&out, &size, data, UInt(data.count), 6) == Z_OK)
        #expect(Self.inflated(Array(out.prefix(Int(size))), windowBits: 15, expecting: data.count) == data)
    }

    @Test func everyChunkingInflatesToTheInput() {
        var random = SplitMix64(seed: 1_2017)
        let words = Array("Education and Early Help Performance Scorecard 42.6 GREEN AMBER RED ".utf8)
        for size in [0, 1, 100, 16_384, 70_001, 300_000] {
            // Half text-like (compressible), half noise.
            let data = (0..<size).map { k in k % 2_000 < 1_000 ? words[k % words.count] : UInt8.random(in: 0...255, using: &random) }
            for (inChunk, outChunk) in [(16_384, 16_384), (7, 3), (100_000, 1)] where size <= 70_001 || outChunk > 1 {
                let (bytes, last, stream) = Self.deflated(data, inChunk: inChunk, outChunk: outChunk, random: &random)
                #expect(last == Z_STREAM_END)
                #expect(Int(stream.total_in) == size && Int(stream.total_out) == bytes.count)
                let adler = data.withUnsafeBufferPointer { adler32(1, $0.baseAddress, UInt32($0.count)) }
                #expect(stream.adler == adler, "\(size)")
                #expect(Self.inflated(bytes, windowBits: 15, expecting: size) == data,
                        "\(size) bytes, chunks \(inChunk)/\(outChunk)")
            }
        }
    }

    @Test func levelsAndResetsWork() {
        var random = SplitMix64(seed: 7)
        let data = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 / 7) }
        for level: Int32 in [0, 1, 6, 9] {
            let (bytes, last, _) = Self.deflated(data, level: level, inChunk: 5_000, outChunk: 4_096, random: &random)
            #expect(last == Z_STREAM_END)
            #expect(Self.inflated(bytes, windowBits: 15, expecting: data.count) == data, "level \(level)")
        }
        // One stream, reset between two inputs.
        var stream = z_stream()
        #expect(deflateInit_(&stream, 6, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        for input in [Array("first".utf8), Array(String(repeating: "second ", count: 500).utf8)] {
            let (status, output) = Self.call(&stream, input, capacity: 8_192, flush: Z_FINISH)
            #expect(status == Z_STREAM_END)
            #expect(Self.inflated(output, windowBits: 15, expecting: input.count) == input)
            #expect(deflateReset(&stream) == Z_OK)
        }
        #expect(deflateEnd(&stream) == Z_OK)
    }

    @Test func usesOnlyZlibServesGoToZlibOrAreRefused() {
        // A fresh stream given to deflateParams becomes zlib's, and then works as zlib's does.
        var stream = z_stream()
        #expect(deflateInit_(&stream, 6, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        #expect(deflateParams(&stream, 9, Z_DEFAULT_STRATEGY) == Z_OK)
        let input = Array("after params".utf8)
        let (status, output) = Self.call(&stream, input, capacity: 256, flush: Z_FINISH)
        #expect(status == Z_STREAM_END)
        #expect(Self.inflated(output, windowBits: 15, expecting: input.count) == input)
        #expect(deflateEnd(&stream) == Z_OK)
        // After input, a sync flush is refused rather than answered wrongly.
        var other = z_stream()
        #expect(deflateInit_(&other, 6, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        #expect(Self.call(&other, input, capacity: 256, flush: Z_SYNC_FLUSH, first: Z_NO_FLUSH).status == Z_STREAM_ERROR)
        #expect(deflateEnd(&other) == Z_DATA_ERROR)
    }
}
