import Foundation

/// Helpers the render and post-pass tests share: the project's fonts, scratch folders and running
/// command-line tools.
public enum TestFiles {
    /// The project's `Fonts/` folder.
    public static let fontsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fonts")

    /// A fresh empty folder under the temporary directory, its name starting with `prefix`.
    public static func temporaryFolder(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a folder made by `temporaryFolder`, unless `SCORECARD_KEEP_TEST_OUTPUT` is set
    /// (then the files stay for inspection).
    public static func cleanUp(_ folder: URL) {
        if ProcessInfo.processInfo.environment["SCORECARD_KEEP_TEST_OUTPUT"] != nil {
            print("kept test output in \(folder.path)")
            return
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a command-line tool (found on PATH); returns its exit status and standard output
    /// (standard error is discarded).
    public static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    /// The NEEDED entries of an ELF file (the libraries the dynamic loader opens before `main`), as
    /// `readelf -d` prints them.
    public static func neededLibraries(of path: String) throws -> [String] {
        let output = String(decoding: try run("readelf", ["-d", path]).output, as: UTF8.self)
        return output.split(separator: "\n").compactMap { line in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }
}
