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

    @Test func aLibrarySharingAnothersFontsMeasuresTheSame() throws {
        let first = try FontLibrary(fontsDirectory: Support.fontsFolder)
        let second = try FontLibrary(sharingFontsOf: first, threadSlot: 1)
        #expect(second.fontFiles == first.fontFiles && second.familyNames == first.familyNames)
        #expect(second.context != first.context && second.fontMap != first.fontMap)
        let texts = ["Percentage of referrals", "GREEN", "AMBER – 12.5%", "Aa Bb Cc 0123456789"]
        let style = TextStyle(size: .pt(9), bold: true)
        let a = try PangoMeasurer(fonts: first, family: "Liberation Sans")
        let b = try PangoMeasurer(fonts: second, family: "Liberation Sans")
        for text in texts {
            #expect(a.lines(StyledText(text), style: style, width: .pt(60)) == b.lines(StyledText(text), style: style, width: .pt(60)), "\(text)")
        }
        #expect(a.metrics(style) == b.metrics(style))
    }

    @Test func sharedFontsOutliveTheLibraryTheyCameFrom() throws {
        func orphan() throws -> FontLibrary {
            let origin = try FontLibrary(fontsDirectory: Support.fontsFolder)
            return try FontLibrary(sharingFontsOf: origin, threadSlot: 1)  // `origin` is released here
        }
        let library = try orphan()
        let style = TextStyle(size: .pt(9))
        let width = try PangoMeasurer(fonts: library, family: "Liberation Sans").width("GREEN", style: style)
        let reference = try PangoMeasurer(fonts: try Support.fonts(), family: "Liberation Sans").width("GREEN", style: style)
        #expect(width == reference && width > .zero)
    }
}
