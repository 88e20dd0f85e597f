import Foundation

/// A font problem found while loading the bundled fonts or choosing a family.
/// Every case names the folder the fonts were loaded from, so the message can be acted on.
public enum FontError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The fonts folder does not exist or is not a folder.
    case folderMissing(folder: String)
    /// The folder holds no `.ttf` or `.otf` file that fontconfig accepted.
    case noFonts(folder: String)
    /// fontconfig or Pango could not be set up (out of memory or a broken library).
    case setupFailed(folder: String, reason: String)
    /// The requested family is not among the bundled fonts.
    case familyNotFound(family: String, folder: String, available: [String])

    public var description: String {
        switch self {
        case .folderMissing(let folder):
            return "fonts folder not found: \(folder)"
        case .noFonts(let folder):
            return "no usable .ttf or .otf fonts in folder \(folder)"
        case .setupFailed(let folder, let reason):
            return "cannot set up fonts from \(folder): \(reason)"
        case .familyNotFound(let family, let folder, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "font family \"\(family)\" is not in fonts folder \(folder) (available: \(list))"
        }
    }
    public var errorDescription: String? { description }
}

/// A failure while drawing a PDF or PNG.
public enum RenderError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// The document has no pages: cairo would silently write one blank page.
    case noPages
    /// cairo reported an error; `status` is cairo's own message (for example "invalid tag name,
    /// attributes, or nesting"), `context` says which step found it.
    case cairo(status: String, context: String)
    /// An `endTag` without a matching `beginTag`, or tags still open at the end of the document.
    case unbalancedTags(String)
    /// An `endArtifact` without `beginArtifact`, or an artifact still open at the end of a page.
    case unbalancedArtifacts(page: Int)
    /// The first structure tag of a tagged document must be `Document`.
    case firstTagNotDocument(String)
    /// A value that cannot be passed to cairo (for example a string holding a NUL character).
    case invalidValue(String)

    public var description: String {
        switch self {
        case .noPages:
            return "the document has no pages"
        case .cairo(let status, let context):
            return "cairo error while \(context): \(status)"
        case .unbalancedTags(let detail):
            return "unbalanced structure tags: \(detail)"
        case .unbalancedArtifacts(let page):
            return "unbalanced artifact markers on page \(page)"
        case .firstTagNotDocument(let name):
            return "the first structure tag must be Document, not \(name)"
        case .invalidValue(let detail):
            return "invalid value for the PDF: \(detail)"
        }
    }
    public var errorDescription: String? { description }
}
