import Foundation

/// Writes a set of files all-or-nothing: each file is produced under a short temporary name in its
/// destination folder; only when every file of the batch is finished are they renamed into place.
/// Readers never see a half-written file, and a failed run leaves every earlier file untouched.
public final class AtomicBatch {
    private var pending: [(temporary: URL, destination: URL)] = []
    private var committed = false

    public init() {}

    deinit {
        if !committed { discard() }
    }

    /// Produces one file of the batch; `produce` writes to the URL it is given.
    public func add(_ destination: URL, _ produce: (URL) throws -> Void) throws {
        try produce(reserve(destination))
    }

    /// The temporary URL to write `destination`'s content to; it is renamed into place by `commit`
    /// (or removed by `discard`). Files may be written from any thread; `reserve` itself is not
    /// thread-safe.
    public func reserve(_ destination: URL) -> URL {
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".scorecard-\(ProcessInfo.processInfo.processIdentifier)-\(pending.count).partial")
        try? FileManager.default.removeItem(at: temporary)
        pending.append((temporary, destination))
        return temporary
    }

    /// Renames every finished file into place.
    public func commit() throws {
        for (temporary, destination) in pending where rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw PipelineError.outputNotWritable(destination.path, reason: reason)
        }
        committed = true
    }

    /// Removes every temporary file of the batch.
    public func discard() {
        for (temporary, _) in pending { try? FileManager.default.removeItem(at: temporary) }
        pending.removeAll()
    }
}

public enum AtomicFile {
    /// Checks up front that `folder` exists (creating it if needed) and accepts new files.
    public static func ensureWritableFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.outputNotWritable(folder.path, reason: "cannot create it")
        }
        guard access(folder.path, W_OK | X_OK) == 0 else {
            throw PipelineError.outputNotWritable(folder.path, reason: String(cString: strerror(errno)))
        }
    }
}
