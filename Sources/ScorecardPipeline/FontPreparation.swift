import Foundation
import ScorecardRender

/// The bundled fonts' library (fontconfig's private configuration and Pango's font map, about
/// 1.3 ms), made on a thread of its own while the command line is still being read, which takes
/// as long.
///
/// Contract: `start(resources:)` begins making `FontLibrary(fontsDirectory: resources.fonts)` on a
/// new thread at once. `library(for:)` waits for it and hands it over when it was made for that
/// fonts folder; it returns nil for another folder, on any failure (the caller then makes its
/// own, which reports the error as before) and on every call after the first. `wait()` only
/// waits (call it before the process exits, so no library is being made while it does). The thread
/// that makes the library never touches it afterwards. `@unchecked Sendable`: the result is
/// written once by that thread before it signals, and read only after waiting for the signal.
public final class FontPreparation: @unchecked Sendable {
    private let fonts: URL
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var finished = false
    private var made: FontLibrary?

    private init(fonts: URL) { self.fonts = fonts }

    public static func start(resources: Resources) -> FontPreparation {
        let preparation = FontPreparation(fonts: resources.fonts)
        let thread = Thread { [preparation] in
            preparation.made = try? FontLibrary(fontsDirectory: preparation.fonts)
            preparation.done.signal()
        }
        thread.start()
        return preparation
    }

    /// Waits until the library is made (or has failed).
    public func wait() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        done.wait()
        finished = true
    }

    /// The library made for `fontsDirectory`, once; nil otherwise (see the contract).
    public func library(for fontsDirectory: URL) -> FontLibrary? {
        wait()
        lock.lock()
        defer { lock.unlock() }
        guard fontsDirectory.standardizedFileURL == fonts.standardizedFileURL else { return nil }
        let library = made
        made = nil
        return library
    }
}
