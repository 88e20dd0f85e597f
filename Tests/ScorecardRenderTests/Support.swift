import Foundation
import TestSupport
import ScorecardLayout
@testable import ScorecardRender

/// Shared helpers for the render tests. Every test makes its own `FontLibrary` (Pango objects are
/// not shared between the tests, which Swift Testing runs in parallel).
enum Support {
    static let fontsFolder = TestFiles.fontsFolder
    static let family = "Liberation Sans"

    static func fonts() throws -> FontLibrary { try FontLibrary(fontsDirectory: fontsFolder) }

    static func measurer() throws -> PangoMeasurer { try PangoMeasurer(fonts: fonts(), family: family) }

    static func temporaryFolder() throws -> URL { try TestFiles.temporaryFolder(prefix: "ScorecardRenderTests") }

    static func cleanUp(_ folder: URL) { TestFiles.cleanUp(folder) }

    struct ToolResult { var status: Int32; var output: String }

    /// Runs a command-line tool (found on PATH) and returns its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
        let result = try TestFiles.run(tool, arguments)
        return ToolResult(status: result.status, output: String(decoding: result.output, as: UTF8.self))
    }
}
