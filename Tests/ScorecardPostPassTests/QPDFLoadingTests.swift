import CQPDF
import Foundation
import Testing
import TestSupport

/// libqpdf is loaded on demand (CQPDF), not when the process starts.
@Suite("libqpdf loaded on demand")
struct QPDFLoadingTests {
    @Test func theExecutableDoesNotLinkLibqpdf() throws {
        // This test binary holds the same modules as `scorecard`: if a target starts linking libqpdf
        // again, its loading (some 3,000 symbols and GnuTLS's initialiser) is back before `main`.
        let needed = try TestFiles.neededLibraries(of: "/proc/self/exe")
        #expect(needed.contains { $0.hasPrefix("libc.so") }, "readelf listed \(needed)")
        #expect(!needed.contains { $0.hasPrefix("libqpdf") }, "\(needed)")
    }

    @Test func loadingFromManyThreadsGivesOneUsableLibrary() throws {
        let answers = ThreadAnswers()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            scorecard_qpdf_start_loading()
            answers.add(scorecard_qpdf_wait_until_loaded().map { String(cString: $0) } ?? "loaded")
        }
        #expect(answers.all == Array(repeating: "loaded", count: 8))
        let path = try #require(scorecard_qpdf_loaded_path().map { String(cString: $0) })
        #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        #expect(URL(fileURLWithPath: path).lastPathComponent.hasPrefix("libqpdf.so"), "\(path)")
    }

    @Test func theLibraryIsDeepBoundOnlyUnderGlibcsAllocatorWithNothingPreloaded() throws {
        // Deep binding keeps libqpdf's ~11,600 symbol lookups inside its own dependencies. A
        // preloaded library (other than valgrind's) must keep reaching libqpdf's calls, and under
        // another allocator (mimalloc, which this test process links as the executable does)
        // libqpdf would allocate with glibc's: there the usual binding is kept.
        #expect(scorecard_qpdf_wait_until_loaded() == nil)
        let preload = ProcessInfo.processInfo.environment["LD_PRELOAD"] ?? ""
        let onlyValgrind = preload.split(whereSeparator: { $0 == ":" || $0 == " " }).allSatisfy { $0.contains("/vgpreload_") }
        let libc = try #require(dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD))
        defer { dlclose(libc) }
        let glibcAllocates = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc") == dlsym(libc, "malloc")  // RTLD_DEFAULT
        #expect(!glibcAllocates, "the test process links mimalloc")
        #expect(scorecard_qpdf_deep_bound() == (onlyValgrind && glibcAllocates ? 1 : 0), "LD_PRELOAD=\(preload)")
    }

    @Test func theLoadedLibraryWorks() throws {
        #expect(scorecard_qpdf_wait_until_loaded() == nil)
        var data: qpdf_data? = qpdf_init()
        #expect(data != nil)
        qpdf_silence_errors(data)
        let pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        let status = pdf.withCString { qpdf_read_memory(data, "inline", $0, UInt64(strlen($0)), nil) }
        #expect(status & QPDF_ERRORS == 0)
        #expect(qpdf_get_num_pages(data) == 0)
        qpdf_cleanup(&data)
    }
}
