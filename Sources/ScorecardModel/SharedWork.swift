import Dispatch
import Synchronization

/// Work cut into chunks that several threads take one at a time, so that a thread that starts late
/// or runs slowly (a measurer whose fonts are not loaded yet, a busy processor) takes fewer chunks
/// instead of holding the others up; the results come back in item order.
///
/// Contract: `map` returns `transform(worker, item)` for every item, in order, whatever the number
/// of workers and however the chunks fall to them; worker `w` (0 ..< workers) is one thread at a
/// time, so a value no two threads may use at once (a measurer) can be picked by it. `transform`
/// must only read state shared between workers. With one worker, or fewer items than
/// `minimumItems`, everything runs on the calling thread as worker 0.
public enum SharedWork {
    public static func map<Item, Result>(_ items: [Item], workers: Int, chunkSize: Int, minimumItems: Int = 0,
                                  _ transform: (Int, Item) -> Result) -> [Result] {
        guard workers > 1, items.count >= max(minimumItems, 2) else { return items.map { transform(0, $0) } }
        let size = max(1, chunkSize)
        let chunkCount = (items.count + size - 1) / size
        let results = Chunks<Result>(count: chunkCount)
        let next = Atomic<Int>(0)
        withoutActuallyEscaping(transform) { transform in
            // Each chunk's slot is written by the one worker that took the chunk.
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let items = items
            DispatchQueue.concurrentPerform(iterations: min(workers, chunkCount)) { worker in
                while true {
                    let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard chunk < chunkCount else { return }
                    let range = (chunk * size)..<min(items.count, (chunk + 1) * size)
                    results.slots[chunk] = items[range].map { transform(worker, $0) }
                }
            }
        }
        return results.slots.flatMap { $0 }
    }

    /// One array of results per chunk, in storage allocated up front: each slot is written through
    /// the pointer by the one thread that took its chunk (no shared array value is mutated), and
    /// read after every thread has finished. `@unchecked Sendable` for that reason.
    private final class Chunks<Result>: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<[Result]>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: [])
        }
        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }
    }
}
