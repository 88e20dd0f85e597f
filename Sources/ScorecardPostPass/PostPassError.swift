import Foundation

/// A failure of the post-pass. Every case says what to fix.
public enum PostPassError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// libqpdf could not be loaded (missing, another major version, a missing function).
    case libraryUnavailable(String)
    /// libqpdf reported an error; `operation` says which step, `message` is qpdf's own text.
    case qpdf(operation: String, message: String)
    /// The input PDF is encrypted (cairo never writes encrypted files).
    case encrypted(String)
    /// The structure does not fit the PDF (or breaks `TaggedStructure`'s contract).
    case structure(String)
    /// A TH scope that is not Column, Row or Both.
    case invalidHeaderScope(element: Int, value: String)
    /// A Figure without alternative text (PDF/UA needs real alternative text).
    case emptyFigureAlternate(element: Int)
    /// A stream could not be compressed: libdeflate could not make a compressor (status -1: out of
    /// memory) or the output did not fit its bound (status -2: should not happen).
    case compression(status: Int32)
    /// A page content stream the tokenizer cannot read.
    case content(page: Int, PDFContentError)
    /// The output file could not be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .libraryUnavailable(let reason):
            return reason
        case .qpdf(let operation, let message):
            return "libqpdf error while \(operation): \(message)"
        case .encrypted(let path):
            return "\(path) is encrypted; the post-pass only handles unencrypted PDFs"
        case .structure(let problem):
            return "the structure tree cannot be written: \(problem)"
        case .invalidHeaderScope(let element, let value):
            return "structure element \(element) is a TH with scope \"\(value)\"; it must be Column, Row or Both"
        case .emptyFigureAlternate(let element):
            return "structure element \(element) is a Figure without alternative text; describe the figure (PDF/UA 7.3)"
        case .compression(let status):
            return status == -1 ? "out of memory while compressing a stream" : "a stream could not be compressed (libdeflate status \(status))"
        case .content(let page, let error):
            return "cannot read the content of page \(page): \(error)"
        case .write(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
