import Foundation

/// Where the bundled fonts, house styles and example pack live.
public struct Resources: Sendable {
    public var root: URL
    public var fonts: URL { root.appendingPathComponent("Fonts", isDirectory: true) }
    public var layouts: URL { root.appendingPathComponent("Layouts", isDirectory: true) }
    public var examplePack: URL { root.appendingPathComponent("Examples/cype-2017-06-22", isDirectory: true) }
    public var defaultOutput: URL { root.appendingPathComponent("Output", isDirectory: true) }
    /// Where fontconfig may keep its scan of `fonts` (`FontLibrary`'s `cacheDirectory`); nil: none.
    public var fontCache: URL?

    public init(root: URL, fontCache: URL? = nil) { self.root = root; self.fontCache = fontCache }

    /// `scorecard/fonts` in the user's cache folder: `$XDG_CACHE_HOME` when it is an absolute
    /// path, else `$HOME/.cache`; nil when neither is set.
    public static func fontCache(environment: [String: String]) -> URL? {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.cache"
        } else {
            return nil
        }
        return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent("scorecard/fonts", isDirectory: true)
    }

    /// Finds the project folder: `$SCORECARD_HOME`, else the nearest folder holding `Fonts/` and
    /// `Layouts/` above the running executable, else above the current directory; with the font
    /// cache of `fontCache(environment:)`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Resources {
        let cache = fontCache(environment: environment)
        if let home = environment["SCORECARD_HOME"], !home.isEmpty {
            let r = Resources(root: URL(fileURLWithPath: home, isDirectory: true), fontCache: cache)
            guard r.isComplete else { throw PipelineError.resourcesMissing(searched: [r.root.path]) }
            return r
        }
        var searched: [String] = []
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]).deletingLastPathComponent()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        for start in [executable, cwd] {
            var dir = start.standardizedFileURL
            while true {
                let candidate = Resources(root: dir, fontCache: cache)
                searched.append(dir.path)
                if candidate.isComplete { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw PipelineError.resourcesMissing(searched: searched)
    }

    var isComplete: Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: fonts.path, isDirectory: &isDir) && isDir.boolValue
            && FileManager.default.fileExists(atPath: layouts.path, isDirectory: &isDir) && isDir.boolValue
    }
}
