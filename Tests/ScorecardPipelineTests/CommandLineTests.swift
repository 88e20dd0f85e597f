import Foundation
import Testing
import ScorecardPipeline

/// The `scorecard` executable itself, as a clerk runs it: it sets `CAIRO_DEBUG_PDF` for cairo
/// before anything else (ScorecardCommand.main), so its PDFs take a path the library tests do not.
@Suite("scorecard command line")
struct CommandLineTests {
    /// The `scorecard` built beside this test binary.
    static func executable() throws -> URL {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let url = me.deletingLastPathComponent().appendingPathComponent("scorecard")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }

    /// A PDF as `qpdf --qdf` writes it, without its `/ID` line.
    static func normalised(_ pdf: URL, into folder: URL) throws -> [String] {
        let out = folder.appendingPathComponent(UUID().uuidString + ".pdf")
        #expect(try run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, out.path]).status == 0)
        let text = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("/ID [") }.map(String.init)
    }

    @Test func theExamplePackFromTheCommandLineMatchesTheLibrarysButForItsID() throws {
        let folder = try temporaryFolder()
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["render", resources.examplePack.path, "--output", folder.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SCORECARD_HOME"] = projectRoot.path
        environment["SOURCE_DATE_EPOCH"] = nil
        environment["CAIRO_DEBUG_PDF"] = nil
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let (libraryFolder, summary) = try ExampleRender.shared.get()
        #expect(summary.files.count == 4)
        for file in summary.files {
            let name = file.url.lastPathComponent
            let cli = folder.appendingPathComponent(name)
            #expect(try run("qpdf", ["--check", cli.path]).status == 0, "\(name)")
            let ours = try Self.normalised(cli, into: folder)
            let library = try Self.normalised(libraryFolder.appendingPathComponent(name), into: folder)
            #expect(ours.count > 100 && ours == library, "\(name)")
        }
    }

    /// The executable is linked with mimalloc ahead of libc, so that every `malloc` and `free` in
    /// the process, the executable's and every library's, is mimalloc's (the dynamic loader's
    /// record of its bindings says where each went).
    @Test func everyAllocationGoesToMimalloc() throws {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["--help"]
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = nil
        environment["LD_DEBUG"] = "bindings"
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let executable = try Self.executable().path
        for symbol in ["malloc", "free"] {
            let bindings = log.split(separator: "\n").filter { $0.hasSuffix("symbol `\(symbol)' [GLIBC_2.2.5]") || $0.hasSuffix("symbol `\(symbol)'") }
            #expect(bindings.contains { $0.contains("binding file \(executable) ") }, "\(symbol)")
            let targets = bindings.map { line in line.range(of: " to ").map { line[$0.upperBound...] } ?? "" }
            #expect(!targets.isEmpty && targets.allSatisfy { $0.contains("/libmimalloc.so") }, "\(symbol): \(bindings.prefix(3))")
        }
    }

    /// An allocator preloaded without LD_PRELOAD (`ld.so --preload`, as /etc/ld.so.preload would):
    /// libqpdf must then not be deep-bound, or it would allocate with glibc while the rest of the
    /// process frees with the other allocator (a crash). Runs with each allocator installed.
    @Test func rendersWithAnAllocatorPreloadedOutsideLDPRELOAD() throws {
        let allocators = ["libjemalloc.so.2", "libtcmalloc_minimal.so.4", "libmimalloc.so.2"]
            .map { "/usr/lib/x86_64-linux-gnu/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let loader = "/lib64/ld-linux-x86-64.so.2"
        guard !allocators.isEmpty, FileManager.default.fileExists(atPath: loader) else { return }
        for allocator in allocators {
            let folder = try temporaryFolder()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: loader)
            process.arguments = ["--preload", allocator, try Self.executable().path, "render", resources.examplePack.path,
                                 "--output", folder.path]
            var environment = ProcessInfo.processInfo.environment
            environment["SCORECARD_HOME"] = projectRoot.path
            environment["LD_PRELOAD"] = nil
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(allocator)")
            let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }
            #expect(pdfs.count == 4, "\(allocator)")
            for pdf in pdfs {
                #expect(try run("qpdf", ["--check", folder.appendingPathComponent(pdf).path]).status == 0, "\(allocator): \(pdf)")
            }
        }
    }
}
