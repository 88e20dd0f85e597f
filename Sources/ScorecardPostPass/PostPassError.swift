import Foundation

/// A failure of the post-pass. Every case says what to fix.
public enum PostPassError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// libqpdf reported an error; `operation` says which step, `message` is qpdf's own text.
    case qpdf(operation: String, message: String)
    /// The input PDF is encrypted (cairo never writes encrypted files).
    case encrypted(String)
    /// The input has no structure tree: the post-pass is for tagged PDFs only.
    case notTagged(String)
    /// `headerScopes` does not have one entry per TH structure element.
    case headerScopeCount(thElements: Int, scopes: Int)
    /// A `headerScopes` entry that is not Column, Row or Both.
    case invalidHeaderScope(index: Int, value: String)
    /// `figureAlternates` does not have one entry per Figure structure element.
    case figureAlternateCount(figureElements: Int, alternates: Int)
    /// An empty `figureAlternates` entry (PDF/UA needs real alternative text).
    case emptyFigureAlternate(index: Int)
    /// A page content stream the tokenizer cannot read.
    case content(page: Int, PDFContentError)
    /// The output file could not be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .qpdf(let operation, let message):
            return "libqpdf error while \(operation): \(message)"
        case .encrypted(let path):
            return "\(path) is encrypted; the post-pass only handles unencrypted PDFs"
        case .notTagged(let path):
            return "\(path) has no structure tree (/StructTreeRoot); render it as a tagged PDF first"
        case .headerScopeCount(let th, let scopes):
            return "the PDF has \(th) TH structure element(s) but \(scopes) header scope(s) were given; "
                + "pass one scope per TH, in structure-tree (document) order"
        case .invalidHeaderScope(let index, let value):
            return "header scope \(index + 1) is \"\(value)\"; it must be Column, Row or Both"
        case .figureAlternateCount(let figures, let alternates):
            return "the PDF has \(figures) Figure structure element(s) but \(alternates) alternative text(s) were given; "
                + "pass one per Figure, in structure-tree (document) order"
        case .emptyFigureAlternate(let index):
            return "alternative text \(index + 1) for a Figure is empty; describe the figure (PDF/UA 7.3)"
        case .content(let page, let error):
            return "cannot read the content of page \(page): \(error)"
        case .write(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
