import CZlib

/// zlib (`/FlateDecode`) compression of the streams the post-pass writes itself.
enum Deflate {
    /// `bytes` compressed as one zlib stream, by default at zlib's fastest level (the structure tree
    /// is repetitive text: level 6 took four times as long for 12% fewer bytes).
    static func compress(_ bytes: [UInt8], level: Int32 = Z_BEST_SPEED) throws -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &capacity, i.baseAddress, uLong(i.count), level)
            }
        }
        guard status == Z_OK else {
            throw PostPassError.compression(status: status)
        }
        out.removeSubrange(Int(capacity)...)
        return out
    }

    /// The level qpdf's writer compresses unfiltered streams at (zlib's default): page content
    /// compressed here is as small as when the writer compressed it.
    static let writerLevel = Z_DEFAULT_COMPRESSION
}
