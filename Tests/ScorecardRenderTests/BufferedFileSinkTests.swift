import Foundation
import Testing
@testable import ScorecardRender

/// The file a PDF surface writes into, in chunks.
@Suite("Buffered file sink")
struct BufferedFileSinkTests {
    @Test func piecesOfEverySizeArriveInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.bin").path
        var expected: [UInt8] = []
        let sink = try BufferedFileSink(path: path, capacity: 64)
        var state: UInt64 = 7
        // Pieces below, at and above the capacity, and empty ones.
        for length in [0, 1, 5, 63, 64, 65, 200, 0, 3, 1000, 17, 64, 2] {
            let piece = (0..<length).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            expected += piece
            let ok = piece.withUnsafeBytes { sink.write($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, length) }
            #expect(ok)
        }
        try sink.close()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    @Test func aFileThatCannotBeCreatedIsAnErrorNamingIt() {
        let path = "/nonexistent-folder-\(UUID().uuidString)/out.pdf"
        #expect(throws: RenderError.cairo(status: "No such file or directory", context: "creating PDF \(path)")) {
            _ = try BufferedFileSink(path: path)
        }
    }

    @Test func aFailedWriteFailsEveryLaterWriteAndTheClose() throws {
        // /dev/full accepts the open and refuses every write (ENOSPC).
        let sink = try BufferedFileSink(path: "/dev/full", capacity: 16)
        let bytes = [UInt8](repeating: 0x41, count: 40)
        let first = bytes.withUnsafeBytes { sink.write($0.baseAddress!, 40) }
        let later = bytes.withUnsafeBytes { sink.write($0.baseAddress!, 1) }
        #expect(!first && !later)
        #expect(throws: RenderError.cairo(status: "No space left on device", context: "writing PDF /dev/full")) { try sink.close() }
    }

    @Test func writesAfterCloseFail() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try BufferedFileSink(path: path, capacity: 64)
        let bytes = [UInt8](repeating: 0x42, count: 10)
        #expect(bytes.withUnsafeBytes { sink.write($0.baseAddress!, 10) })
        try sink.close()
        #expect(!bytes.withUnsafeBytes { sink.write($0.baseAddress!, 10) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 10)
    }

    @Test func aSinkReleasedWithoutCloseStillWritesWhatItHolds() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let sink = try BufferedFileSink(path: path, capacity: 64)
            let bytes = [UInt8](repeating: 0x43, count: 30)
            #expect(bytes.withUnsafeBytes { sink.write($0.baseAddress!, 30) })
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x43, count: 30))
    }
}
