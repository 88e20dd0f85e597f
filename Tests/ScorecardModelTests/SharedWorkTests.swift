import Foundation
import Testing
@testable import ScorecardModel

@Suite("SharedWork")
struct SharedWorkTests {
    @Test func resultsComeBackInItemOrderForAnyChunkingAndWorkers() {
        let items = Array(0..<1_000)
        for workers in [1, 2, 3, 8] {
            for chunkSize in [1, 7, 64, 5_000] {
                let mapped = SharedWork.map(items, workers: workers, chunkSize: chunkSize) { _, item in item * 3 }
                #expect(mapped == items.map { $0 * 3 }, "workers \(workers), chunks of \(chunkSize)")
            }
        }
        #expect(SharedWork.map([Int](), workers: 2, chunkSize: 4) { _, item in item }.isEmpty)
    }

    /// What the workers did, under a lock.
    final class Record: @unchecked Sendable {
        let lock = NSLock()
        var busy = [false, false]
        var overlaps = 0
        var taken = [0, 0]
        func enter(_ worker: Int) {
            lock.lock(); defer { lock.unlock() }
            if busy[worker] { overlaps += 1 }
            busy[worker] = true
            taken[worker] += 1
        }
        func leave(_ worker: Int) { lock.lock(); busy[worker] = false; lock.unlock() }
    }

    /// A worker's index is one thread at a time (what lets each worker use a measurer of its own),
    /// and a slow worker does not hold the work up: the others take its share.
    @Test func eachWorkerIsOneThreadAtATimeAndASlowOneTakesLess() {
        let record = Record()
        let items = Array(0..<400)
        let mapped = SharedWork.map(items, workers: 2, chunkSize: 10) { worker, item in
            record.enter(worker)
            if worker == 1 { usleep(2_000) }  // 2 ms an item: worker 1 is far slower
            record.leave(worker)
            return item
        }
        #expect(mapped == items)
        #expect(record.overlaps == 0)
        #expect(record.taken[0] + record.taken[1] == items.count)
        #expect(record.taken[0] > record.taken[1] * 4, "\(record.taken)")
    }

    @Test func fewItemsStayOnTheCallingThread() {
        let caller = Thread.current
        let threads = SharedWork.map(Array(0..<50), workers: 2, chunkSize: 4, minimumItems: 200) { worker, _ in
            (worker, Thread.current == caller)
        }
        #expect(threads.allSatisfy { $0.0 == 0 && $0.1 })
    }
}
