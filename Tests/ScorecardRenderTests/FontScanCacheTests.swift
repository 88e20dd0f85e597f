import CPangoCairo
import Foundation
import Testing
import ScorecardLayout
import ScorecardModel
@testable import ScorecardRender

@Suite("FontScanCache")
struct FontScanCacheTests {
    /// Copies the bundled font `name` to `url`.
    func copyFont(_ name: String, to url: URL) throws {
        try FileManager.default.copyItem(at: Support.fontsFolder.appendingPathComponent(name), to: url)
    }

    /// The files of each cache folder under `base`, by folder name.
    func cacheFiles(under base: URL) -> [String: [String]] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        var out: [String: [String]] = [:]
        for folder in folders {
            out[folder] = ((try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(folder).path)) ?? [])
                .filter { $0.hasSuffix(".cache-8") }.sorted()
        }
        return out
    }

    /// Family, style and file of every face in the library's configuration, in order, and whether
    /// each covers a few characters.
    func description(of library: FontLibrary) -> [String] {
        guard let set = FcConfigGetFonts(library.config, FcSetApplication) else { return [] }
        return (0..<Int(set.pointee.nfont)).map { i in
            let pattern = set.pointee.fonts[i]!
            func string(_ object: String) -> String {
                var value: UnsafeMutablePointer<FcChar8>?
                guard FcPatternGetString(pattern, object, 0, &value) == FcResultMatch, let value else { return "-" }
                return String(cString: UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
            }
            var charset: OpaquePointer?
            _ = FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset)
            let covers = ["A", "ŵ", "€", "−", "漢"].map { c in
                charset.map { FcCharSetHasChar($0, FcChar32(c.unicodeScalars.first!.value)) != 0 } ?? false
            }
            return "\(string(FC_FAMILY)) / \(string(FC_STYLE)) / \(string(FC_FILE)) / \(covers)"
        }
    }

    @Test func aCachedLibraryHoldsTheFontsAScanFinds() throws {
        let cache = try Support.temporaryFolder()
        defer { Support.cleanUp(cache) }
        let scanned = try FontLibrary(fontsDirectory: Support.fontsFolder)
        let first = try FontLibrary(fontsDirectory: Support.fontsFolder, cacheDirectory: cache)
        let written = cacheFiles(under: cache)
        #expect(written.count == 1 && written.values.first?.count == 1, "\(written)")
        let second = try FontLibrary(fontsDirectory: Support.fontsFolder, cacheDirectory: cache)
        #expect(cacheFiles(under: cache) == written)
        for library in [first, second] {
            #expect(library.fontFiles == scanned.fontFiles)
            #expect(description(of: library) == description(of: scanned))
            #expect(description(of: library).count == 4)
            #expect(FcConfigGetFonts(library.config, FcSetSystem)!.pointee.nfont == 0)
        }
        // And they measure alike.
        let style = TextStyle(size: .pt(9), bold: true)
        let texts = ["Percentage of referrals", "AMBER – 12.5%", "Llanfairpwll ŵ ŷ"]
        let reference = try PangoMeasurer(fonts: scanned, family: "Liberation Sans")
        let cached = try PangoMeasurer(fonts: second, family: "Liberation Sans")
        for text in texts {
            #expect(cached.lines(StyledText(text), style: style, width: .pt(60)) == reference.lines(StyledText(text), style: style, width: .pt(60)))
        }
    }

    @Test func theCacheIsReadNotRewrittenOnceMade() throws {
        let cache = try Support.temporaryFolder()
        defer { Support.cleanUp(cache) }
        _ = try FontLibrary(fontsDirectory: Support.fontsFolder, cacheDirectory: cache)
        let (folder, files) = try #require(cacheFiles(under: cache).first)
        let file = cache.appendingPathComponent(folder).appendingPathComponent(try #require(files.first))
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        // Mark the cache: fontconfig would replace the file if it scanned the folder again.
        let marked = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: marked], ofItemAtPath: file.path)
        _ = try FontLibrary(fontsDirectory: Support.fontsFolder, cacheDirectory: cache)
        let after = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        #expect(before != nil && after == marked)
    }

    /// fontconfig trusts its cache while the folder's modification time is unchanged, which a font
    /// rewritten in place does not change: the fingerprint must send it to a new cache.
    @Test func aFontRewrittenInPlaceIsScannedAgain() throws {
        let fonts = try Support.temporaryFolder()
        let cache = try Support.temporaryFolder()
        defer { Support.cleanUp(fonts); Support.cleanUp(cache) }
        let face = fonts.appendingPathComponent("Face.ttf")
        try copyFont("LiberationSans-Regular.ttf", to: face)
        let folderTime = Date(timeIntervalSince1970: 1_500_000_000)
        try FileManager.default.setAttributes([.modificationDate: folderTime], ofItemAtPath: fonts.path)
        #expect(try FontLibrary(fontsDirectory: fonts, cacheDirectory: cache).familyNames == ["Liberation Sans"])

        let other = try Data(contentsOf: Support.fontsFolder.appendingPathComponent("LiberationSans-Bold.ttf"))
        let handle = try FileHandle(forWritingTo: face)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: other)
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: folderTime], ofItemAtPath: fonts.path)
        let rewritten = try FontLibrary(fontsDirectory: fonts, cacheDirectory: cache)
        let scanned = try FontLibrary(fontsDirectory: fonts)
        #expect(description(of: rewritten) == description(of: scanned))
        #expect(description(of: rewritten).first?.contains("/ Bold /") == true)
        #expect(cacheFiles(under: cache).count == 2)
    }

    /// fontconfig reads subfolders (and formats other than TrueType and OpenType) of a folder it
    /// adds; the library holds only the folder's own .ttf and .otf files, cache or not.
    @Test func aFolderWithASubfolderIsAddedFileByFile() throws {
        let fonts = try Support.temporaryFolder()
        let cache = try Support.temporaryFolder()
        defer { Support.cleanUp(fonts); Support.cleanUp(cache) }
        try copyFont("LiberationSans-Regular.ttf", to: fonts.appendingPathComponent("Regular.ttf"))
        let sub = fonts.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try copyFont("LiberationSans-Bold.ttf", to: sub.appendingPathComponent("Bold.ttf"))
        let library = try FontLibrary(fontsDirectory: fonts, cacheDirectory: cache)
        #expect(library.fontFiles.map(\.lastPathComponent) == ["Regular.ttf"])
        #expect(description(of: library) == description(of: try FontLibrary(fontsDirectory: fonts)))
        #expect(description(of: library).count == 1)
    }

    @Test func aCacheFolderThatCannotBeMadeIsNotUsed() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let blocker = folder.appendingPathComponent("file")
        try Data("not a folder".utf8).write(to: blocker)
        let library = try FontLibrary(fontsDirectory: Support.fontsFolder, cacheDirectory: blocker.appendingPathComponent("cache"))
        #expect(library.fontFiles.count == 4)
        #expect(FontScanCache.cacheFolder(for: library.fontFiles, under: blocker) == nil)
    }

    @Test func fingerprintsFollowTheFilesAndPathsAreEscaped() throws {
        let fonts = try Support.temporaryFolder()
        defer { Support.cleanUp(fonts) }
        let file = fonts.appendingPathComponent("A.ttf")
        try Data("one".utf8).write(to: file)
        let first = try #require(FontScanCache.fingerprint([file]))
        #expect(first.count == 16 && FontScanCache.fingerprint([file]) == first)
        // A different length (file times may not move within one clock tick on older kernels).
        try Data("three".utf8).write(to: file)
        #expect(FontScanCache.fingerprint([file]) != first)
        #expect(FontScanCache.fingerprint([fonts.appendingPathComponent("missing.ttf")]) == nil)
        #expect(XML.escaped("/a&b/<c>\"d'") == "/a&amp;b/&lt;c&gt;&quot;d&apos;")
        #expect(FontScanCache.inOrder(["/f/a", "/f/c"], within: ["/f/a", "/f/b", "/f/c"].map { URL(fileURLWithPath: $0) })?.map(\.path) == ["/f/a", "/f/c"])
        #expect(FontScanCache.inOrder(["/f/c", "/f/a"], within: ["/f/a", "/f/c"].map { URL(fileURLWithPath: $0) }) == nil)
        #expect(FontScanCache.inOrder(["/f/x"], within: ["/f/a"].map { URL(fileURLWithPath: $0) }) == nil)
    }

    /// The cache path is really taken for the bundled fonts (not dropped for the per-file one),
    /// both when it writes the cache and when it reads it.
    @Test func theBundledFontsAreReadThroughTheCache() throws {
        let cache = try Support.temporaryFolder()
        defer { Support.cleanUp(cache) }
        let files = try Support.fonts().fontFiles
        for _ in 0..<2 {
            let (config, added) = try #require(FontScanCache.configuration(folder: Support.fontsFolder.standardizedFileURL.path,
                                                                            files: files, cacheBase: cache))
            #expect(added == files)
            FcConfigDestroy(config)
        }
    }

    /// fontconfig skips hidden files when it scans a folder; the library still holds them, as
    /// when the files are added one by one.
    @Test func aHiddenFontIsNotLostThroughTheCache() throws {
        let fonts = try Support.temporaryFolder()
        let cache = try Support.temporaryFolder()
        defer { Support.cleanUp(fonts); Support.cleanUp(cache) }
        try copyFont("LiberationSans-Regular.ttf", to: fonts.appendingPathComponent("Regular.ttf"))
        try copyFont("LiberationSans-Bold.ttf", to: fonts.appendingPathComponent(".Bold.ttf"))
        let library = try FontLibrary(fontsDirectory: fonts, cacheDirectory: cache)
        #expect(library.fontFiles.map(\.lastPathComponent) == [".Bold.ttf", "Regular.ttf"])
        #expect(description(of: library) == description(of: try FontLibrary(fontsDirectory: fonts)))
    }

    @Test func cacheFoldersArePrivateAndOthersAreRefused() throws {
        let base = try Support.temporaryFolder()
        defer { Support.cleanUp(base) }
        let files = try Support.fonts().fontFiles
        let made = try #require(FontScanCache.cacheFolder(for: files, under: base.appendingPathComponent("new/cache")))
        var information = stat()
        #expect(stat(made, &information) == 0 && information.st_mode & 0o777 == 0o700)
        #expect(chmod(made, 0o777) == 0)
        #expect(FontScanCache.cacheFolder(for: files, under: base.appendingPathComponent("new/cache")) == nil)
        #expect(FontScanCache.cacheFolder(for: files, under: base.appendingPathComponent("bad\u{1}name")) == nil)
    }

    @Test func onlyAPlainSourceDateEpochKeepsTheCache() {
        #expect(FontScanCache.epochIsPlain(nil))
        #expect(FontScanCache.epochIsPlain("1498089600"))
        #expect(FontScanCache.epochIsPlain("0"))
        for value in ["", " 1498089600", "1498089600 ", "14980896OO", "-1", "99999999999999999999999"] {
            #expect(!FontScanCache.epochIsPlain(value), "\(value)")
        }
    }

    @Test func makingAFolderRemovesSiblingsUnusedFor30Days() throws {
        let base = try Support.temporaryFolder()
        defer { Support.cleanUp(base) }
        func folder(_ name: String, daysAgo: Double) throws {
            let url = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            let file = url.appendingPathComponent("x-le64.cache-8")
            try Data("cache".utf8).write(to: file)
            let when = Date().timeIntervalSince1970 - daysAgo * 24 * 3600
            var times = [timeval(tv_sec: Int(when), tv_usec: 0), timeval(tv_sec: Int(when), tv_usec: 0)]
            #expect(utimes(file.path, &times) == 0 && utimes(url.path, &times) == 0)
        }
        try folder("0123456789abcdef", daysAgo: 40)
        try folder("fedcba9876543210", daysAgo: 2)
        try folder("not-a-fingerprint", daysAgo: 40)
        FontScanCache.removeStaleFolders(besides: "aaaaaaaaaaaaaaaa", in: base)
        let left = try FileManager.default.contentsOfDirectory(atPath: base.path).sorted()
        #expect(left == ["fedcba9876543210", "not-a-fingerprint"])
    }
}
