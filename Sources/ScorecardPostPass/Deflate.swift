import CDeflate
import Foundation

/// zlib-format (`/FlateDecode`) compression of the streams the post-pass writes itself, with
/// libdeflate (the same format as zlib's `compress2`, at about a third of zlib's cost).
///
/// Compressors are kept for reuse (allocating one costs more than compressing a page): each call
/// takes one of its level from a pool and gives it back, so threads never share one.
enum Deflate {
    /// `bytes` compressed as one zlib stream, by default at the fastest level. Page content and the
    /// structure tree are repetitive text: at 2,000 indicators, libdeflate's level 6 (zlib's default)
    /// made the page content 10% smaller (5% of the file) for 2.3 times the time (38 against 16 ms).
    static func compress(_ bytes: [UInt8], level: Int32 = fastest) throws -> [UInt8] {
        guard let compressor = pool.take(level: level) else { throw PostPassError.compression(status: -1) }
        defer { pool.give(compressor, level: level) }
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { o in
            bytes.withUnsafeBytes { i in
                libdeflate_zlib_compress(compressor, i.baseAddress, i.count, o.baseAddress, o.count)
            }
        }
        guard written > 0 else { throw PostPassError.compression(status: -2) }
        out.removeSubrange(written...)
        return out
    }

    /// The fastest level.
    static let fastest: Int32 = 1

    /// Compressors not in use, by level. `@unchecked Sendable`: every access holds the lock.
    final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [Int32: [OpaquePointer]] = [:]

        func take(level: Int32) -> OpaquePointer? {
            lock.lock()
            let reused = idle[level]?.popLast()
            lock.unlock()
            return reused ?? libdeflate_alloc_compressor(level)
        }

        func give(_ compressor: OpaquePointer, level: Int32) {
            lock.lock()
            idle[level, default: []].append(compressor)
            lock.unlock()
        }
    }

    /// The process's compressors (freed with the process).
    static let pool = Pool()
}
