import CPangoCairo
import Foundation
import ScorecardModel

/// fontconfig's own cache of a fonts folder, so that a library reads the fonts' names, styles and
/// character coverage from one mapped file instead of opening every font with FreeType (about
/// 1 M instructions a face: 4 M, over a millisecond, on the font thread that the first
/// measurement waits for).
///
/// Contract:
/// - The cache lives in `cacheBase/<fingerprint>`, where the fingerprint hashes each font file's
///   name, size, device, inode and change and modification times. fontconfig itself only checks
///   the folder's modification time (or `SOURCE_DATE_EPOCH` in its place), which does not change
///   when a font is rewritten in place; a new fingerprint makes it scan again and write a new
///   cache. One small folder (~8 KB) is kept per state of the fonts folder; making a new one
///   removes the others not used for 30 days.
/// - Folders are created private to the user (0700); the cache folder is used only when it is a
///   folder the user owns, that nobody else may write and the user can: otherwise there is no
///   cache (fontconfig would print an error for an unwritable cache folder, and would trust
///   caches others could plant). There is no cache either when `SOURCE_DATE_EPOCH` is set to
///   anything but a plain number (fontconfig reads it to date its caches and complains on
///   standard error about any other value) or when the folder's path holds control characters.
///   (fontconfig still reports, with `perror`, a cache write that fails half-way: a full disk.)
/// - The configuration is used only when its fonts come from exactly the files the caller would
///   add one by one, all of them, in that order (fontconfig also reads other font formats and
///   subfolders, and skips hidden files); otherwise it is dropped and nil returned. So a library
///   holds the same fonts, in the same order, with or without the cache (a folder holding a file
///   fontconfig cannot read as a font is scanned file by file every time).
enum FontScanCache {
    /// A configuration with the fonts of `folder` read through the cache, and the files they come
    /// from; nil when there is no usable cache folder or the fonts are not exactly `files`.
    static func configuration(folder: String, files: [URL], cacheBase: URL) -> (config: OpaquePointer, added: [URL])? {
        guard !files.isEmpty, epochIsPlain(getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) }),
              let cacheFolder = cacheFolder(for: files, under: cacheBase), let config = FcConfigCreate() else { return nil }
        let settings = "<fontconfig><cachedir>\(XML.escaped(cacheFolder))</cachedir></fontconfig>"
        let loaded = settings.withCString { text in
            text.withMemoryRebound(to: FcChar8.self, capacity: strlen(text) + 1) { FcConfigParseAndLoadFromMemory(config, $0, 0) }
        }
        let added = loaded != 0 && folder.withCString { path in
            path.withMemoryRebound(to: FcChar8.self, capacity: strlen(path) + 1) { FcConfigAppFontAddDir(config, $0) }
        } != 0
        if added, let sources = fontFiles(of: config), let used = inOrder(sources, within: files), used.count == files.count {
            return (config, used)
        }
        FcConfigDestroy(config)
        return nil
    }

    /// `cacheBase/<fingerprint of files>`, created if missing (then removing stale siblings); nil
    /// when it cannot be made, is not the user's own private folder, or its path holds control
    /// characters.
    static func cacheFolder(for files: [URL], under cacheBase: URL) -> String? {
        guard let fingerprint = fingerprint(files) else { return nil }
        let path = cacheBase.appendingPathComponent(fingerprint, isDirectory: true).path
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        var information = stat()
        if stat(path, &information) != 0 {
            guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                           attributes: [.posixPermissions: 0o700])) != nil else { return nil }
            removeStaleFolders(besides: fingerprint, in: cacheBase)
        }
        guard stat(path, &information) == 0, (information.st_mode & S_IFMT) == S_IFDIR,
              information.st_uid == geteuid(), information.st_mode & (S_IWGRP | S_IWOTH) == 0,
              access(path, W_OK) == 0 else { return nil }
        return path
    }

    /// Folders unused for this long are removed when a new cache folder is made.
    static let staleAfter: TimeInterval = 30 * 24 * 3600

    /// Removes the fingerprint folders in `base` other than `current` whose cache was last written
    /// or read more than `staleAfter` ago: the folder's modification time and its files'
    /// modification and access times count (fontconfig maps the cache file, which moves its access
    /// time at most daily; listing a folder moves the folder's own, so that one does not count).
    static func removeStaleFolders(besides current: String, in base: URL, now: Date = Date()) {
        func times(_ path: String, access: Bool) -> [Int] {
            var information = stat()
            guard lstat(path, &information) == 0 else { return [] }
            return [information.st_mtim.tv_sec] + (access ? [information.st_atim.tv_sec] : [])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name != current && name.count == 16 && name.allSatisfy(\.isHexDigit) {
            let folder = base.appendingPathComponent(name, isDirectory: true)
            var used = times(folder.path, access: false)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                used += times(folder.appendingPathComponent(file).path, access: true)
            }
            guard let newest = used.max(), now.timeIntervalSince1970 - Double(newest) > staleAfter else { continue }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Whether fontconfig reads `value` of `SOURCE_DATE_EPOCH` without complaint: unset, or digits
    /// only that fit its unsigned 64-bit number.
    static func epochIsPlain(_ value: String?) -> Bool {
        guard let value else { return true }
        return !value.isEmpty && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && UInt64(value) != nil
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
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
