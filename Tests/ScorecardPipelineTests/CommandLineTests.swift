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

    /// Runs `executable` with `arguments`, the project as `SCORECARD_HOME`, `changes` applied to
    /// this process's environment (nil removes a variable): its exit status and standard error.
    static func launch(_ executable: URL, _ arguments: [String], environment changes: [String: String?]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SCORECARD_HOME"] = projectRoot.path
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
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
        let launched = try Self.launch(try Self.executable(), ["render", resources.examplePack.path, "--output", folder.path],
                                  environment: ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
                                                "SOURCE_DATE_EPOCH": nil, "CAIRO_DEBUG_PDF": nil])
        #expect(launched.status == 0, "\(launched.errors)")

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

    /// Every allocation entry point of every library the process loads reaches one allocator:
    /// mimalloc, which the executable links ahead of libc, or an allocator preloaded in front of it
    /// (`ld.so --preload`, as /etc/ld.so.preload would); `reallocarray`, which jemalloc and tcmalloc
    /// lack, is the executable's own on top of `realloc`. With LD_BIND_NOW every library binds all
    /// it imports as it is loaded (the executable, the cairo / Pango stack, libqpdf with GnuTLS and
    /// p11-kit, while the example pack is rendered), and the dynamic loader's record of its bindings
    /// says where each went. Runs with each allocator installed (`make test` installs jemalloc and
    /// tcmalloc).
    @Test func everyAllocationEntryPointReachesOneAllocator() throws {
        let names: Set<Substring> = ["malloc", "free", "calloc", "realloc", "reallocarray", "posix_memalign", "aligned_alloc",
                                     "memalign", "valloc", "pvalloc", "malloc_usable_size", "cfree"]
        let executable = try Self.executable().path
        let loader = "/lib64/ld-linux-x86-64.so.2"
        let preloadable = ["libjemalloc.so.2", "libtcmalloc_minimal.so.4"].map { "/usr/lib/x86_64-linux-gnu/" + $0 }
            .filter { FileManager.default.fileExists(atPath: $0) }
        for allocator in [nil] + preloadable.map(Optional.some) {
            let folder = try temporaryFolder()
            let arguments = ["render", resources.examplePack.path, "--output", folder.path]
            let launched = try Self.launch(URL(fileURLWithPath: allocator == nil ? executable : loader),
                                      allocator.map { ["--preload", $0, executable] + arguments } ?? arguments,
                                      environment: ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
                                                    "LD_PRELOAD": nil, "LD_BIND_NOW": "1", "LD_DEBUG": "bindings"])
            let log = launched.errors
            let name = allocator.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "libmimalloc.so"
            #expect(launched.status == 0, "\(name)")
            // "binding file FILE [0] to TARGET [0]: normal symbol `NAME' [VERSION]"
            var seen: [Substring: Int] = [:]
            for line in log.split(separator: "\n") {
                guard let from = line.range(of: "binding file "), let to = line.range(of: " to ", range: from.upperBound..<line.endIndex),
                      let open = line.range(of: "symbol `", range: to.upperBound..<line.endIndex),
                      let close = line[open.upperBound...].firstIndex(of: "'") else { continue }
                let symbol = line[open.upperBound..<close]
                guard names.contains(symbol) else { continue }
                let target = line[to.upperBound...].split(separator: " ").first ?? ""
                // The libqpdf loader looks glibc's own functions up in libc and libstdc++ (`dlsym`, an
                // unversioned lookup; a library's imports carry a version) to compare them with the
                // process's.
                if !line.hasSuffix("]"), target.hasSuffix("/libc.so.6") || target.hasSuffix("/libstdc++.so.6") { continue }
                seen[symbol, default: 0] += 1
                let expected = symbol == "reallocarray" ? executable : name
                #expect(target == executable ? expected == executable : target.contains(expected), "\(name): \(line)")
            }
            #expect(seen["malloc", default: 0] > 20 && seen["free", default: 0] > 20 && seen["reallocarray", default: 0] > 0, "\(name): \(seen)")
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
            let launched = try Self.launch(URL(fileURLWithPath: loader),
                                      ["--preload", allocator, try Self.executable().path, "render", resources.examplePack.path,
                                       "--output", folder.path],
                                      environment: ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path, "LD_PRELOAD": nil])
            #expect(launched.status == 0, "\(allocator): \(launched.errors)")
            let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }
            #expect(pdfs.count == 4, "\(allocator)")
            for pdf in pdfs {
                #expect(try run("qpdf", ["--check", folder.appendingPathComponent(pdf).path]).status == 0, "\(allocator): \(pdf)")
            }
        }
    }

    /// fontconfig reads `SOURCE_DATE_EPOCH` to date its caches and complains on standard error
    /// about any value but a plain number (" 1498089600", which scorecard accepts, included):
    /// with such a value no font cache is used, and nothing but scorecard's own output is printed.
    @Test func theFontCachePrintsNothingWhateverTheSourceDateEpoch() throws {
        for (epoch, cached) in [("1498089600 ", false), ("1498089600", true)] {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let cache = folder.appendingPathComponent("cache")
            let launched = try Self.launch(try Self.executable(),
                                      ["render", resources.examplePack.path, "--output", folder.appendingPathComponent("out").path],
                                      environment: ["XDG_CACHE_HOME": cache.path, "SOURCE_DATE_EPOCH": epoch])
            #expect(launched.status == 0, "'\(epoch)'")
            #expect(!launched.errors.contains("Fontconfig") && !launched.errors.contains("SOURCE_DATE_EPOCH"), "'\(epoch)': \(launched.errors)")
            let files = (try? FileManager.default.subpathsOfDirectory(atPath: cache.path)) ?? []
            #expect(files.contains { $0.hasSuffix(".cache-8") } == cached, "'\(epoch)': \(files)")
        }
    }
}
