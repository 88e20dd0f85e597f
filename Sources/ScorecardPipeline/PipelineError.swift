import Foundation
import ScorecardModel

/// Failures of the pipeline that are not input errors (those are `InputError`).
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    case resourcesMissing(searched: [String])
    case inputNotFound(String)
    case outputNotWritable(String, reason: String)
    case unsupportedInput(String)
    case layoutFailed(file: String, reason: String)
    case renderFailed(file: String, reason: String)
    case invalidSourceDateEpoch(String)
    /// Two documents of one render would be written under the same file name.

    public var description: String {
        switch self {
        case .resourcesMissing(let searched):
            return "error: cannot find the Fonts/ and Layouts/ folders; set SCORECARD_HOME to the project folder (looked in \(searched.prefix(4).joined(separator: ", ")))"
        case .inputNotFound(let path):
            return "\(path): error: no such file or folder"
        case .outputNotWritable(let path, let reason):
            return "\(path): error: output folder is not writable: \(reason)"
        case .unsupportedInput(let path):
            return "\(path): error: expected a pack folder (with pack.yaml), a cover report (.md) or an indicator table (.csv)"
        case .layoutFailed(let file, let reason):
            return "\(file): error: \(reason)"
        case .renderFailed(let file, let reason):
            return "\(file): error: rendering failed: \(reason)"
        case .invalidSourceDateEpoch(let text):
            return "error: SOURCE_DATE_EPOCH must be whole seconds since 1970 (up to the year 9999), not '\(text)'"
        }
    }
}
