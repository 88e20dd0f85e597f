import Foundation

/// Writes a file by producing it under a temporary name in the destination folder and renaming it
/// into place only when the producer succeeds, so readers never see a half-written file and a failed
/// run leaves any earlier file of the same name untouched.
public enum AtomicFile {
    public static func write(to destination: URL, _ produce: (URL) throws -> Void) throws {
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try produce(temporary)
            if rename(temporary.path, destination.path) != 0 {
                let reason = String(cString: strerror(errno))
                throw PipelineError.outputNotWritable(destination.path, reason: reason)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

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
