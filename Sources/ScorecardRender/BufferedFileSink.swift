import CPangoCairo
import Foundation

/// The file a PDF surface writes into (`cairo_pdf_surface_create_for_stream`), filled in chunks.
///
/// cairo hands its output over a few bytes at a time (every operator, number and name); through
/// the stdio file `cairo_pdf_surface_create` opens, each of those pieces was a locked `fwrite`
/// (3.8% of all instructions at 2,000 indicators). Here a piece is a copy into a buffer, and the
/// file gets one `write` per `capacity` bytes.
///
/// Contract: the file is created or truncated (mode 0666 before the umask, as `fopen` makes it);
/// bytes reach it in the order given; `close` writes what is buffered, closes the file and throws
/// the first failure. After a failed write every later write fails too, so cairo puts its surface
/// in `CAIRO_STATUS_WRITE_ERROR`. Not thread-safe (one surface writes into one sink).
final class BufferedFileSink {
    let path: String
    let capacity: Int
    private var descriptor: Int32
    private let buffer: UnsafeMutableRawPointer
    private var count = 0
    /// The first error, as the system describes it.
    private(set) var failure: String?

    /// Throws `RenderError.cairo` (with the system's reason) when the file cannot be created.
    init(path: String, capacity: Int = 256 * 1024) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw RenderError.cairo(status: String(cString: strerror(errno)), context: "creating PDF \(path)")
        }
        self.path = path
        self.capacity = max(capacity, 1)
        self.descriptor = fd
        self.buffer = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
        buffer.deallocate()
    }

    /// Appends `length` bytes; false once anything has failed.
    func write(_ data: UnsafeRawPointer, _ length: Int) -> Bool {
        guard failure == nil, descriptor >= 0 else { return false }
        if count + length > capacity, !flush() { return false }
        if length >= capacity { return writeAll(data, length) }
        (buffer + count).copyMemory(from: data, byteCount: length)
        count += length
        return true
    }

    /// Writes what is buffered and closes the file; throws `RenderError.cairo` on the first failure.
    func close() throws {
        if descriptor >= 0 {
            _ = flush()
            if Foundation.close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
            descriptor = -1
        }
        if let failure { throw RenderError.cairo(status: failure, context: "writing PDF \(path)") }
    }

    private func flush() -> Bool {
        defer { count = 0 }
        return count == 0 || writeAll(buffer, count)
    }

    private func writeAll(_ data: UnsafeRawPointer, _ length: Int) -> Bool {
        var done = 0
        while done < length {
            let n = Foundation.write(descriptor, data + done, length - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                failure = n < 0 ? String(cString: strerror(errno)) : "nothing was written"
                return false
            }
            done += n
        }
        return true
    }

    /// The function cairo calls with each piece of output; `closure` is an unretained reference to
    /// a sink that outlives the surface (`CairoSurface` keeps it).
    static let cairoWrite: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<BufferedFileSink>.fromOpaque(closure).takeUnretainedValue()
        return sink.write(data, Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
    }
}
