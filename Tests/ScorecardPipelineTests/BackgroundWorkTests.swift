import Foundation
import Testing
@testable import ScorecardPipeline

@Suite("BackgroundWork")
struct BackgroundWorkTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return n }
    }

    struct Failure: Error, Equatable {}

    @Test func runsOnceOnAnotherThreadAndGivesTheSameResultEveryTime() throws {
        let runs = Counter()
        let caller = Thread.current
        let work = BackgroundWork { () -> Bool in
            runs.add()
            return Thread.current != caller
        }
        #expect(try work.value())
        #expect(try work.value())
        work.wait()
        #expect(runs.count == 1)
    }

    @Test func anErrorIsThrownToEveryCaller() {
        let work = BackgroundWork { () throws -> Int in throw Failure() }
        #expect(throws: Failure.self) { try work.value() }
        #expect(throws: Failure.self) { try work.value() }
    }
}
