import Dispatch

/// Drops values on another thread, so that freeing a large structure (a long table's flow, a
/// measurer's caches) does not hold up the thread that has finished with it: at 2,000 indicators
/// these frees had been some 10 ms of steps no other thread could help with.
///
/// Contract: `release(_:)` takes the value (pass it with `consume`, so the caller keeps no
/// reference) and returns at once; the value is dropped on a Dispatch thread. `wait()` returns once
/// every value given so far has been dropped. Only for plain values: nothing that must be released
/// on a particular thread or in a particular order (Pango and cairo objects stay with their owners).
public final class BackgroundRelease: Sendable {
    private let group = DispatchGroup()

    public init() {}

    public func release<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global().async(group: group) { box.empty() }
    }

    public func wait() { group.wait() }

    /// The value, held until `empty()`. `@unchecked Sendable`: only the thread given the box
    /// touches it after `release` hands it over.
    private final class Box<Value>: @unchecked Sendable {
        private var value: Value?
        init(_ value: consuming Value) { self.value = value }
        func empty() { value = nil }
    }
}
