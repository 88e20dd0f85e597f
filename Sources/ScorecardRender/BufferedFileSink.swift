import CPangoCairo
import Foundation

/// The file a PDF surface writes into (`cairo_pdf_surface_create_for_stream`), filled in chunks.
///
/// cairo hands its output over a few bytes at a time (every operator, number and name: 1.5 million
/// pieces at 2,000 indicators); through the stdio file `cairo_pdf_surface_create` opens, each was a
/// locked `fwrite` (4% of all instructions). Here a piece is a copy into a buffer, and the file gets
/// one `write` per `capacity` bytes. The state cairo's callback touches lives behind one pointer, so
/// a piece costs a bounds check and a copy.
///
/// Contract: the file is created or truncated (mode 0666 before the umask, as `fopen` makes it);
/// bytes reach it in the order given; `close` writes what is buffered, closes the file and throws
/// the first failure. After a failed write every later write fails too, so cairo puts its surface
/// in `CAIRO_STATUS_WRITE_ERROR`; so does every write after `close`. A sink released without
/// `close` (a render that threw) still writes what it holds. Not thread-safe (one surface writes
/// into one sink).
final class BufferedFileSink {
    /// What the callback needs; `error` is the first failure's errno (0: none).
    struct State {
        var descriptor: Int32
        var error: Int32
        var buffer: UnsafeMutableRawPointer
        var capacity: Int
        var count: Int
    }

    let path: String
    let state: UnsafeMutablePointer<State>

    /// The pointer cairo passes back to `cairoWrite`.
    var closure: UnsafeMutableRawPointer { UnsafeMutableRawPointer(state) }

    /// Throws `RenderError.cairo` (with the system's reason) when the file cannot be created.
    init(path: String, capacity: Int = 256 * 1024) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw RenderError.cairo(status: String(cString: strerror(errno)), context: "creating PDF \(path)")
        }
        self.path = path
        let size = max(capacity, 1)
        state = .allocate(capacity: 1)
        state.initialize(to: State(descriptor: fd, error: 0, buffer: .allocate(byteCount: size, alignment: 16), capacity: size, count: 0))
    }

    deinit {
        if state.pointee.descriptor >= 0 {
            // Not closed: a render that threw. What cairo wrote still reaches the file (best effort).
            _ = Self.flush(state)
            Foundation.close(state.pointee.descriptor)
        }
        state.pointee.buffer.deallocate()
        state.deallocate()
    }

    /// Appends `length` bytes; false once anything has failed.
    func write(_ data: UnsafeRawPointer, _ length: Int) -> Bool { Self.write(state, data, length) }

    /// Writes what is buffered and closes the file; throws `RenderError.cairo` on the first failure.
    func close() throws {
        if state.pointee.descriptor >= 0 {
            _ = Self.flush(state)
            if Foundation.close(state.pointee.descriptor) != 0, state.pointee.error == 0 { state.pointee.error = errno }
            state.pointee.descriptor = -1
            state.pointee.capacity = 0  // every later write fails
        }
        if state.pointee.error != 0 {
            let reason = state.pointee.error == -1 ? "nothing was written" : String(cString: strerror(state.pointee.error))
            throw RenderError.cairo(status: reason, context: "writing PDF \(path)")
        }
    }

    private static func write(_ s: UnsafeMutablePointer<State>, _ data: UnsafeRawPointer, _ length: Int) -> Bool {
        if s.pointee.error == 0, s.pointee.count + length <= s.pointee.capacity {
            (s.pointee.buffer + s.pointee.count).copyMemory(from: data, byteCount: length)
            s.pointee.count += length
            return true
        }
        guard s.pointee.error == 0, s.pointee.descriptor >= 0, flush(s) else { return false }
        if length >= s.pointee.capacity { return writeAll(s, data, length) }
        s.pointee.buffer.copyMemory(from: data, byteCount: length)
        s.pointee.count = length
        return true
    }

    private static func flush(_ s: UnsafeMutablePointer<State>) -> Bool {
        defer { s.pointee.count = 0 }
        return s.pointee.count == 0 || writeAll(s, s.pointee.buffer, s.pointee.count)
    }

    private static func writeAll(_ s: UnsafeMutablePointer<State>, _ data: UnsafeRawPointer, _ length: Int) -> Bool {
        var done = 0
        while done < length {
            let n = Foundation.write(s.pointee.descriptor, data + done, length - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                s.pointee.error = n < 0 ? errno : -1
                return false
            }
            done += n
        }
        return true
    }

    /// The function cairo calls with each piece of output; `closure` is a sink's `closure`, whose
    /// sink outlives the surface (`CairoSurface` keeps it).
    static let cairoWrite: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        return write(closure.assumingMemoryBound(to: State.self), data, Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
    }
}
