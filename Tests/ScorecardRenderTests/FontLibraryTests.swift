import CPangoCairo
import Foundation
import Testing
import ScorecardLayout
@testable import ScorecardRender

@Suite("FontLibrary")
struct FontLibraryTests {
    @Test func loadsOnlyTheBundledFonts() throws {
        let fonts = try Support.fonts()
        #expect(fonts.familyNames == ["Liberation Sans"])
        #expect(fonts.fontFiles.map(\.lastPathComponent) == [
            "LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf",
            "LiberationSans-Italic.ttf", "LiberationSans-Regular.ttf",
        ])
    }

    @Test func fontconfigScansNoSystemFolders() throws {
        let fonts = try Support.fonts()
        // The configuration was made current with its system font set built from no folders, so
        // fontconfig never loads the system configuration or font caches.
        let system = FcConfigGetFonts(fonts.config, FcSetSystem)
        #expect(system != nil && system!.pointee.nfont == 0)
        #expect(FcConfigGetFonts(fonts.config, FcSetApplication)!.pointee.nfont == 4)
    }

    @Test func missingOrEmptyFolderIsAClearError() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/fonts-folder")
        #expect(throws: FontError.folderMissing(folder: missing.path)) { try FontLibrary(fontsDirectory: missing) }
        let empty = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        try Data("not a font".utf8).write(to: empty.appendingPathComponent("broken.ttf"))
        #expect(throws: FontError.noFonts(folder: empty.standardizedFileURL.path)) {
            try FontLibrary(fontsDirectory: empty)
        }
        #expect(FontError.noFonts(folder: "/x/Fonts").description.contains("/x/Fonts"))
    }

    @Test func reportsCharactersTheFontCannotDraw() throws {
        let fonts = try Support.fonts()
        // Liberation Sans 2.x covers Latin Extended-A (Welsh ŵ ŷ) but no CJK.
        let missing = fonts.unsupportedCharacters(in: "Llanfairpwll ŵ ŷ Ŵ 漢 漢\t\n", family: "Liberation Sans")
        #expect(missing == ["漢"])
        #expect(fonts.unsupportedCharacters(in: "£1,234 − 5% “quoted” é", family: "Liberation Sans").isEmpty)
        // Combining sequences are checked code point by code point; a zero-width joiner is skipped.
        #expect(fonts.unsupportedCharacters(in: "w\u{302}\u{200D}", family: "Liberation Sans").isEmpty)
        #expect(fonts.unsupportedCharacters(in: "a", family: "No Such Family") == ["a"])
    }

    @Test func librariesOfDifferentThreadSlotsShareNoScaledFonts() throws {
        let style = TextStyle(size: .pt(9))
        let first = try FontLibrary(fontsDirectory: Support.fontsFolder, threadSlot: 0)
        let sameSlot = try FontLibrary(fontsDirectory: Support.fontsFolder, threadSlot: 0)
        let second = try FontLibrary(fontsDirectory: Support.fontsFolder, threadSlot: 1)
        let a = try #require(first.scaledFontIdentity(family: "Liberation Sans", style: style))
        // cairo shares one scaled font between libraries of one slot (the lock the slots avoid) ...
        #expect(sameSlot.scaledFontIdentity(family: "Liberation Sans", style: style) == a)
        // ... and none between slots, for every slot a machine's workers may get.
        var seen: Set<UInt> = [a]
        for slot in 1..<5 {
            let library = try FontLibrary(fontsDirectory: Support.fontsFolder, threadSlot: slot)
            let identity = try #require(library.scaledFontIdentity(family: "Liberation Sans", style: style))
            #expect(!seen.contains(identity), "slot \(slot)")
            seen.insert(identity)
        }
        _ = second
    }
}
