import Foundation

/// A value worked out on a thread of its own, started at once, for work that does not need the
/// caller's thread (reading a house style while the caller parses a CSV).
///
/// Contract: the work runs exactly once, on a new thread; `value()` waits for it and returns its
/// result or throws its error, as often as it is called. Call `value()` (or `wait()`) before the
/// process could exit. `@unchecked Sendable`: the result is written once by the worker before it
/// signals, and read only after waiting for the signal (under the lock). The worker never touches
/// the value again, so a value that is not `Sendable` (a font library) passes to the thread that
/// waits, which must then be the only one to use it.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var waited = false
    private var result: Result<Value, Error>?

    init(_ work: @escaping () throws -> Value) {
        nonisolated(unsafe) let work = work
        let thread = Thread { [self] in
            result = Result(catching: work)
            done.signal()
        }
        thread.start()
    }

    /// Waits until the work has finished.
    func wait() {
        lock.lock()
        defer { lock.unlock() }
        guard !waited else { return }
        done.wait()
        waited = true
    }

    func value() throws -> Value {
        wait()
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }
}
