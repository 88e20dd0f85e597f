import Foundation
import Synchronization
import Testing
@testable import ScorecardLayout

@Suite("Background release")
struct BackgroundReleaseTests {
    /// Records the thread its deinit runs on. `@unchecked Sendable`: its only state is atomic.
    final class Witness: @unchecked Sendable {
        let droppedOn = Atomic<UInt>(0)
        let count = Atomic<Int>(0)
    }
    final class Tracked: @unchecked Sendable {
        let witness: Witness
        init(_ witness: Witness) { self.witness = witness }
        deinit {
            witness.droppedOn.store(UInt(bitPattern: Int(bitPattern: pthread_self())), ordering: .relaxed)
            witness.count.add(1, ordering: .relaxed)
        }
    }

    @Test func valuesAreDroppedOnAnotherThreadAndWaitWaitsForThem() {
        let witness = Witness()
        let released = BackgroundRelease()
        for _ in 0..<50 {
            let value = [Tracked(witness), Tracked(witness)]
            released.release(consume value)
        }
        released.wait()
        #expect(witness.count.load(ordering: .relaxed) == 100)
        let caller = UInt(bitPattern: Int(bitPattern: pthread_self()))
        #expect(witness.droppedOn.load(ordering: .relaxed) != caller)
    }
}
