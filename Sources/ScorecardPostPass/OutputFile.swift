import Foundation

/// Writing the finished file.
enum OutputFile {
    /// Replaces the file at `path` with `bytes` atomically: they are written to a new file beside
    /// it and renamed over it; on any failure the old file is untouched and the new one
    /// removed.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var temporary = ""
        var fd: Int32 = -1
        for attempt in 0..<100 {
            temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).\(attempt).postpass"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw PostPassError.write(path: path, reason: String(cString: strerror(errno))) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        var done = 0
        let failure: String? = bytes.withUnsafeBytes { buffer in
            while done < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return n < 0 ? String(cString: strerror(errno)) : "nothing written" }
                done += n
            }
            return nil
        }
        let closed = close(fd) == 0
        if let failure { throw PostPassError.write(path: path, reason: failure) }
        guard closed else { throw PostPassError.write(path: path, reason: String(cString: strerror(errno))) }
        guard rename(temporary, path) == 0 else { throw PostPassError.write(path: path, reason: String(cString: strerror(errno))) }
        renamed = true
    }
}
