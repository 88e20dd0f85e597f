import Foundation
import ScorecardRender

/// The bundled fonts' library (opening the cairo / Pango libraries, ~5 ms, then fontconfig's
/// private configuration, read from fontconfig's cache once one is written, and Pango's font map),
/// made on a thread of its own while the command line is read and the inputs are parsed.
///
/// Contract: `start(resources:)` begins making `FontLibrary(fontsDirectory: resources.fonts,
/// cacheDirectory: resources.fontCache)` on a new thread at once. `library(for:)` waits for it and
/// hands it over when it was made for that fonts folder; it returns nil for another folder, on any
/// failure (the caller then makes its own, which reports the error as before) and on every call
/// after the first. `wait()` only waits (call it before the process exits, so no library is being
/// made while it does). The thread that makes the library never touches it afterwards
/// (`BackgroundWork`). `@unchecked Sendable`: `taken` is read and written under the lock.
public final class FontPreparation: @unchecked Sendable {
    /// The project folder the fonts come from (found once, by the caller of `start`).
    public let resources: Resources
    private let work: BackgroundWork<FontLibrary?>
    private let lock = NSLock()
    private var taken = false

    private init(resources: Resources) {
        let fonts = resources.fonts
        let cache = resources.fontCache
        self.resources = resources
        work = BackgroundWork { try? FontLibrary(fontsDirectory: fonts, cacheDirectory: cache) }
    }

    public static func start(resources: Resources) -> FontPreparation { FontPreparation(resources: resources) }

    /// Waits until the library is made (or has failed).
    public func wait() { work.wait() }

    /// The library made for `fontsDirectory`, once; nil otherwise (see the contract).
    public func library(for fontsDirectory: URL) -> FontLibrary? {
        let library = (try? work.value()) ?? nil
        lock.lock()
        defer { lock.unlock() }
        guard !taken, fontsDirectory.standardizedFileURL == resources.fonts.standardizedFileURL else { return nil }
        taken = true
        return library
    }
}
