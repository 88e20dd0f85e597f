import Foundation
import ScorecardLayout
@testable import ScorecardRender

/// Shared helpers for the render tests. Every test makes its own `FontLibrary` (Pango objects are
/// not shared between the tests, which Swift Testing runs in parallel).
enum Support {
    static let fontsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fonts")
    static let family = "Liberation Sans"

    static func fonts() throws -> FontLibrary { try FontLibrary(fontsDirectory: fontsFolder) }

    static func measurer() throws -> PangoMeasurer { try PangoMeasurer(fonts: fonts(), family: family) }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ScorecardRenderTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a folder made by `temporaryFolder`, unless `SCORECARD_KEEP_TEST_OUTPUT` is set
    /// (then the files stay for inspection).
    static func cleanUp(_ folder: URL) {
        if ProcessInfo.processInfo.environment["SCORECARD_KEEP_TEST_OUTPUT"] != nil {
            print("kept test output in \(folder.path)")
            return
        }
        try? FileManager.default.removeItem(at: folder)
    }

    struct ToolResult { var status: Int32; var output: String }

    /// Runs a command-line tool (found on PATH) and returns its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
