/// Running footers added once page numbers are known (the finalize stage).
public struct RunningFooter: Hashable, Sendable {
    /// Template with `{page}`, `{pages}` and `{title}` placeholders.
    public var template: String
    public var style: TextStyle
    public var alignment: TextAlignment
    /// Distance from the bottom page edge to the footer baseline.
    public var baselineFromBottom: Length
    /// Horizontal extent of the footer (normally the content column).
    public var left: Length
    public var width: Length

    public init(template: String, style: TextStyle, alignment: TextAlignment, baselineFromBottom: Length,
                left: Length, width: Length) {
        self.template = template; self.style = style; self.alignment = alignment
        self.baselineFromBottom = baselineFromBottom; self.left = left; self.width = width
    }

    /// The template with `{page}`, `{pages}` and `{title}` filled in (any other text, braces
    /// included, is kept; an inserted title is not searched for placeholders). Placeholders are
    /// matched byte for byte, as Foundation's `replacingOccurrences` matched them, not by
    /// grapheme (a joiner after `}` does not hide one).
    public func text(page: Int, pages: Int, title: String) -> String {
        let placeholders: [(name: [UInt8], value: String)] = [
            (Array("{page}".utf8), String(page)), (Array("{pages}".utf8), String(pages)), (Array("{title}".utf8), title),
        ]
        var out: [UInt8] = []
        let bytes = Array(template.utf8)
        var k = 0
        scanning: while k < bytes.count {
            if bytes[k] == UInt8(ascii: "{") {
                for (name, value) in placeholders where bytes[k...].starts(with: name) {
                    out += value.utf8
                    k += name.count
                    continue scanning
                }
            }
            out.append(bytes[k])
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Adds the footer to every page, as an artifact (not part of the document's structure).
    /// The pages are changed in place: each page's items are appended to, not copied (a copy of
    /// every item of a 2,000-indicator table had been most of the cost).
    public func apply(to pages: inout [Page], title: String, measurer: some TextMeasurer) {
        let count = pages.count
        for index in pages.indices {
            let text = text(page: index + 1, pages: count, title: title)
            let set = SetText(StyledText(text), style: style, width: nil, measurer: measurer)
            let top = pages[index].size.height - baselineFromBottom - set.baselineOffset
            pages[index].items.append(.beginArtifact)
            pages[index].items.append(contentsOf: set.items(x: left, top: top, width: width, alignment: alignment))
            pages[index].items.append(.endArtifact)
        }
    }
}

import Foundation
