import CCmark

// The only file that calls libcmark. It parses CommonMark with source positions and copies the
// tree out into Swift values (`MarkdownNode`); no cmark pointer leaves this file, and nothing is
// ever rendered to HTML.

/// One node of a CommonMark document, copied out of libcmark.
struct MarkdownNode: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        // Blocks
        case document, blockQuote, item, codeBlock, htmlBlock, customBlock, paragraph, thematicBreak
        case list(ordered: Bool, start: Int)
        case heading(level: Int)
        // Inlines
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link(url: String)
        case image(url: String)
        case unknown
    }

    var kind: Kind
    /// The text of text, code, code block and HTML nodes; empty for the others.
    var literal: String
    /// Start position as cmark reports it: line from 1, column from 1 in UTF-8 bytes; 0 when unknown.
    var line: Int
    var column: Int
    var children: [MarkdownNode]
}

/// A parsed CommonMark document. Owns the cmark tree and frees it when released.
final class MarkdownDocument {
    private let root: OpaquePointer

    /// Parses `text` as CommonMark. Returns nil only if libcmark cannot allocate memory.
    init?(_ text: String) {
        // CMARK_OPT_SOURCEPOS: record line/column of each node. No CMARK_OPT_SMART: quotes and
        // dashes stay exactly as written.
        let options = CMARK_OPT_SOURCEPOS
        var source = text
        let parsed: OpaquePointer? = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let parsed else { return nil }
        root = parsed
    }

    deinit { cmark_node_free(root) }

    /// The whole document as a Swift tree, built with cmark's iterator.
    func tree() -> MarkdownNode {
        guard let iterator = cmark_iter_new(root) else {
            return MarkdownNode(kind: .document, literal: "", line: 1, column: 1, children: [])
        }
        defer { cmark_iter_free(iterator) }

        var stack: [MarkdownNode] = []
        var finished: MarkdownNode?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                let copy = Self.copy(node)
                if Self.isLeaf(cmark_node_get_type(node)) {
                    // Leaves get an ENTER event only.
                    if stack.isEmpty { finished = copy } else { stack[stack.count - 1].children.append(copy) }
                } else {
                    stack.append(copy)
                }
            } else if event == CMARK_EVENT_EXIT {
                guard let done = stack.popLast() else { continue }
                if stack.isEmpty { finished = done } else { stack[stack.count - 1].children.append(done) }
            }
        }
        return finished ?? MarkdownNode(kind: .document, literal: "", line: 1, column: 1, children: [])
    }

    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func copy(_ node: OpaquePointer) -> MarkdownNode {
        func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }

        let kind: MarkdownNode.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)))
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: kind = .customBlock
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT: kind = .text
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE: kind = .code
        case CMARK_NODE_HTML_INLINE: kind = .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: kind = .customInline
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK: kind = .link(url: string(cmark_node_get_url(node)))
        case CMARK_NODE_IMAGE: kind = .image(url: string(cmark_node_get_url(node)))
        default: kind = .unknown
        }
        return MarkdownNode(kind: kind, literal: string(cmark_node_get_literal(node)),
                            line: Int(cmark_node_get_start_line(node)),
                            column: Int(cmark_node_get_start_column(node)), children: [])
    }
}
