import Foundation
import Testing

@Test func dumpSample() throws {
    let folder = URL(fileURLWithPath: "/tmp/postpass-sample")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try Support.renderSample(into: folder)
}
