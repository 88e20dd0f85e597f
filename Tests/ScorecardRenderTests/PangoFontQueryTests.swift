import CPangoFontQueries
import Foundation
import Testing

/// Pango's fontconfig queries run on the calling thread (CPangoFontQueries), and only those.
@Suite("Pango font queries on the calling thread")
struct PangoFontQueryTests {
    static let names = [scorecard_pango_inline_thread_names.0, scorecard_pango_inline_thread_names.1].map { String(cString: $0!) }

    @Test func theProcessBindsGThreadNewToOurs() {
        // Fails if the executable stops exporting the symbol: Pango would start its threads again.
        #expect(scorecard_g_thread_new_is_interposed() == 1)
    }

    @Test func pangosQueryThreadsRunOnTheCaller() {
        #expect(Self.names == ["[pango] FcFontSetMatch", "[pango] FcFontSetSort"])
        for name in Self.names {
            #expect(scorecard_g_thread_new_runs_inline(name) == 1, "\(name)")
        }
    }

    @Test func otherThreadsAreStillThreads() {
        for name in ["[pango] FcInit", "gdbus", "[pango] FcFontSetMatchX", ""] {
            #expect(scorecard_g_thread_new_runs_inline(name) == 0, "\(name)")
        }
    }

    @Test func theInstalledPangoStartsThreadsWithThoseNames() throws {
        // If Pango renames its threads, the interposition silently stops applying: this says so.
        // /proc files report no size, so they are read to their end rather than by size.
        let mapsData = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/maps")).readToEnd() ?? Data()
        let maps = String(decoding: mapsData, as: UTF8.self)
        let library = try #require(maps.split(separator: "\n").compactMap { line -> String? in
            guard let slash = line.firstIndex(of: "/"), line.contains("libpangoft2-1.0.so") else { return nil }
            return String(line[slash...])
        }.first)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: library))
        for name in Self.names {
            #expect(bytes.range(of: Data(name.utf8 + [0])) != nil, "\(library) has no thread named \(name)")
        }
    }
}
