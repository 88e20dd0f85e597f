import CPangoCairo
import Foundation

/// fontconfig's own cache of a fonts folder, so that a library reads the fonts' names, styles and
/// character coverage from one mapped file instead of opening every font with FreeType (about
/// 1 M instructions a face: 4 M, over a millisecond, on the font thread that the first
/// measurement waits for).
///
/// Contract:
/// - The cache lives in `cacheBase/<fingerprint>`, where the fingerprint hashes each font file's
///   name, size, inode and change and modification times. fontconfig itself only checks the
///   folder's modification time, which does not change when a font is rewritten in place; a new
///   fingerprint makes it scan again and write a new cache. One small folder (~8 KB) is left per
///   state of the fonts folder.
/// - The folder is created if needed; when it cannot be created or written, there is no cache
///   (fontconfig would print an error for an unwritable cache folder: it is never given one).
/// - The configuration is used only when the fonts it holds come from exactly the files the
///   caller would have added one by one, in that order (fontconfig also reads other font formats
///   and subfolders); otherwise it is dropped and nil returned. So a library holds the same fonts,
///   in the same order, with or without the cache.
enum FontScanCache {
    /// A configuration with the fonts of `folder` read through the cache, and the files they come
    /// from; nil when there is no usable cache folder or the fonts are not exactly `files`.
    static func configuration(folder: String, files: [URL], cacheBase: URL) -> (config: OpaquePointer, added: [URL])? {
        guard !files.isEmpty, let cacheFolder = cacheFolder(for: files, under: cacheBase),
              let config = FcConfigCreate() else { return nil }
        let settings = "<fontconfig><cachedir>\(escapedForXML(cacheFolder))</cachedir></fontconfig>"
        let loaded = settings.withCString { text in
            text.withMemoryRebound(to: FcChar8.self, capacity: strlen(text) + 1) { FcConfigParseAndLoadFromMemory(config, $0, 0) }
        }
        let added = loaded != 0 && folder.withCString { path in
            path.withMemoryRebound(to: FcChar8.self, capacity: strlen(path) + 1) { FcConfigAppFontAddDir(config, $0) }
        } != 0
        if added, let sources = fontFiles(of: config), let used = inOrder(sources, within: files) {
            return (config, used)
        }
        FcConfigDestroy(config)
        return nil
    }

    /// `cacheBase/<fingerprint of files>`, created if missing; nil when it cannot be made or written.
    static func cacheFolder(for files: [URL], under cacheBase: URL) -> String? {
        guard let fingerprint = fingerprint(files) else { return nil }
        let path = cacheBase.appendingPathComponent(fingerprint, isDirectory: true).path
        var information = stat()
        if stat(path, &information) != 0 {
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        guard stat(path, &information) == 0, (information.st_mode & S_IFMT) == S_IFDIR, access(path, W_OK) == 0 else { return nil }
        return path
    }

    /// 16 hex digits (FNV-1a, 64 bits) of each file's name, size, device, inode and change and
    /// modification times; nil when a file cannot be read.
    static func fingerprint(_ files: [URL]) -> String? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            }
        }
        for file in files {
            var information = stat()
            guard stat(file.path, &information) == 0 else { return nil }
            for byte in file.lastPathComponent.utf8 { mix(byte) }
            mix(UInt8(0))
            for value in [Int64(information.st_size), Int64(information.st_dev), Int64(information.st_ino),
                          Int64(information.st_ctim.tv_sec), Int64(information.st_ctim.tv_nsec),
                          Int64(information.st_mtim.tv_sec), Int64(information.st_mtim.tv_nsec)] {
                mix(value)
            }
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }

    /// The file of each font in the configuration's application set, in order, each once; nil if
    /// a font has no file.
    static func fontFiles(of config: OpaquePointer) -> [String]? {
        guard let set = FcConfigGetFonts(config, FcSetApplication) else { return nil }
        var paths: [String] = []
        for i in 0..<Int(set.pointee.nfont) {
            var file: UnsafeMutablePointer<FcChar8>?
            guard let pattern = set.pointee.fonts[i], FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch,
                  let file else { return nil }
            let path = String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self))
            if paths.last != path { paths.append(path) }
        }
        return paths
    }

    /// The files among `files` that `sources` names, when `sources` names only those files, each
    /// once, in their order; nil otherwise.
    static func inOrder(_ sources: [String], within files: [URL]) -> [URL]? {
        var used: [URL] = []
        var next = files.startIndex
        for source in sources {
            guard let found = files[next...].firstIndex(where: { $0.path == source }) else { return nil }
            used.append(files[found])
            next = found + 1
        }
        return used
    }

    static func escapedForXML(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
