import Foundation

/// Strings collected from several threads, in the order they arrive. `@unchecked Sendable`: every
/// access holds the lock.
public final class ThreadAnswers: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []

    public init() {}

    public func add(_ value: String) { lock.lock(); values.append(value); lock.unlock() }
    public var all: [String] { lock.lock(); defer { lock.unlock() }; return values }
}
