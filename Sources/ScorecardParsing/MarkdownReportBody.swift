import ScorecardModel

/// Turns a CommonMark tree into the numbered blocks of a cover report.
///
/// * Blocks before the first heading form the preamble (Summary, Recommendation), unnumbered.
/// * Each `#` heading opens section N: heading "N.", its paragraphs "N.1", "N.2" …
/// * `##` and deeper are unnumbered sub-headings (level 2); they do not reset paragraph numbers.
/// * Sections named in `unnumberedSections` keep their heading number but not paragraph numbers.
/// * Quotes, lists and tables never take a number. Text is always literal: raw HTML is printed as written.
/// * A paragraph written as a GitHub-style pipe table (`MarkdownPipeTable`) becomes a table; each
///   cell's text may hold the same inline formatting as a paragraph.
struct MarkdownReportBody {
    let file: String
    /// The file's lines, to turn cmark's byte columns into character columns.
    let lines: [Substring]
    let unnumberedSections: Set<String>

    private(set) var preamble: [ReportBlock] = []
    private(set) var body: [ReportBlock] = []
    private(set) var diagnostics = Diagnostics()

    private var section = 0
    private var paragraphInSection = 0
    private var sectionIsUnnumbered = false
    private var seenHeading = false

    init(file: String, lines: [Substring], unnumberedSections: [String]) {
        self.file = file
        self.lines = lines
        self.unnumberedSections = Set(unnumberedSections.map(Self.normalizedTitle))
    }

    static func normalizedTitle(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    // MARK: Blocks

    mutating func build(_ document: MarkdownNode) {
        reportNoncharacters(in: document)
        reportTextLimits(in: document)
        for block in document.children {
            switch block.kind {
            case .heading(let level):
                addHeading(block, level: level)
            case .paragraph:
                if let table = pipeTable(block) {
                    emit(.table(table))
                } else {
                    addParagraph(inlineText(block.children, in: block), at: block)
                }
            case .codeBlock:
                addParagraph(StyledText(Self.trimmingFinalNewline(block.literal)), at: block)
            case .htmlBlock:
                warnRawHTML(block.literal, at: block)
                addParagraph(StyledText(Self.trimmingFinalNewline(block.literal)), at: block)
            case .blockQuote:
                let paragraphs = quoteParagraphs(block)
                if paragraphs.isEmpty {
                    diagnostics.warning("an empty block quote was left out", at: location(of: block))
                } else {
                    emit(.quote(paragraphs))
                }
            case .list(let ordered, let start):
                let items = block.children.map { itemText($0) }
                emit(.list(ListBlock(kind: ordered ? .ordered(start: start) : .bullet, items: items)))
            case .thematicBreak:
                continue
            default:
                addParagraph(blockText(block), at: block)
            }
        }
        if preamble.isEmpty && body.isEmpty {
            diagnostics.warning("the report has no body text after the front matter",
                                at: SourceLocation(file: file, line: max(1, lines.count), column: 1))
        }
    }

    /// The paragraph as a table, when its source lines are a pipe table.
    private mutating func pipeTable(_ paragraph: MarkdownNode) -> ReportTable? {
        let breaks = paragraph.children.filter { $0.kind == .softBreak || $0.kind == .lineBreak }.count
        let first = paragraph.line - 1
        guard first >= 0, first + breaks < lines.count,
              let parsed = MarkdownPipeTable.parse(Array(lines[first...(first + breaks)])) else { return nil }
        func styled(_ cell: String) -> StyledText {
            guard !cell.isEmpty, let document = MarkdownDocument(cell),
                  let inline = document.tree().children.first(where: { $0.kind == .paragraph }) else {
                return StyledText(cell)
            }
            return inlineText(inline.children, in: paragraph)
        }
        return ReportTable(header: parsed.header.map(styled), alignments: parsed.alignments,
                           rows: parsed.rows.map { $0.map(styled) }, location: location(of: paragraph))
    }

    private mutating func emit(_ block: ReportBlock) {
        if seenHeading { body.append(block) } else { preamble.append(block) }
    }

    private mutating func addHeading(_ node: MarkdownNode, level: Int) {
        let title = inlineText(node.children, in: node).trimmed()
        guard !title.isEmpty else {
            diagnostics.error("a heading has no text", at: location(of: node))
            return
        }
        seenHeading = true
        guard level == 1 else {
            if section == 0 {
                diagnostics.warning("sub-heading '\(title.plainText)' comes before the first '#' section; "
                                    + "the paragraphs under it are not numbered", at: location(of: node))
            }
            body.append(.heading(number: nil, title: title, level: 2))
            return
        }
        section += 1
        paragraphInSection = 0
        sectionIsUnnumbered = unnumberedSections.contains(Self.normalizedTitle(title.plainText))
        if let written = Self.leadingNumber(title.plainText) {
            diagnostics.warning("heading '\(title.plainText)' starts with the number '\(written)'; sections are "
                                + "numbered automatically, so it will read '\(section). \(title.plainText)'",
                                at: location(of: node))
        }
        body.append(.heading(number: "\(section).", title: title, level: 1))
    }

    private mutating func addParagraph(_ text: StyledText, at node: MarkdownNode) {
        let text = text.trimmed()
        guard !text.isEmpty else {
            diagnostics.warning("an empty paragraph was left out", at: location(of: node))
            return
        }
        guard seenHeading else {
            preamble.append(.paragraph(number: nil, text: text))
            return
        }
        if section > 0 && !sectionIsUnnumbered {
            paragraphInSection += 1
            body.append(.paragraph(number: "\(section).\(paragraphInSection)", text: text))
        } else {
            body.append(.paragraph(number: nil, text: text))
        }
    }

    /// "1. Introduction" -> "1."; "1.2 Text" -> "1.2"; anything else -> nil.
    static func leadingNumber(_ title: String) -> String? {
        let digitsAndDots = title.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
        guard let first = digitsAndDots.first, first.isNumber else { return nil }
        let rest = title.dropFirst(digitsAndDots.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" || rest.first == ")" else { return nil }
        return String(digitsAndDots)
    }

    // MARK: Quotes and lists

    private mutating func quoteParagraphs(_ quote: MarkdownNode) -> [StyledText] {
        var out: [StyledText] = []
        for child in quote.children {
            let text: StyledText
            switch child.kind {
            case .paragraph:
                text = inlineText(child.children, in: child)
            case .thematicBreak:
                continue
            default:
                diagnostics.warning("a block quote may hold only paragraphs; the \(Self.kindName(child.kind)) in it "
                                    + "was flattened into quoted text", at: location(of: child))
                text = blockText(child)
            }
            let trimmed = text.trimmed()
            if !trimmed.isEmpty { out.append(trimmed) }
        }
        return out
    }

    /// A list item's blocks joined with line breaks; nested lists become labelled lines.
    private mutating func itemText(_ item: MarkdownNode) -> StyledText {
        var parts: [StyledText] = []
        for child in item.children {
            if case .list = child.kind {
                diagnostics.warning("nested lists are not supported; the inner list was flattened into the item text",
                                    at: location(of: child))
            }
            let text = blockText(child).trimmed()
            if !text.isEmpty { parts.append(text) }
        }
        return Self.joinedWithLineBreaks(parts)
    }

    /// Any block as inline text (used inside list items and quotes).
    private mutating func blockText(_ node: MarkdownNode) -> StyledText {
        switch node.kind {
        case .paragraph, .heading:
            return inlineText(node.children, in: node)
        case .codeBlock:
            return StyledText(Self.trimmingFinalNewline(node.literal))
        case .htmlBlock:
            warnRawHTML(node.literal, at: node)
            return StyledText(Self.trimmingFinalNewline(node.literal))
        case .thematicBreak:
            return StyledText("")
        case .list(let ordered, let start):
            var lines: [StyledText] = []
            for (index, item) in node.children.enumerated() {
                let label = ordered ? "\(start + index). " : "• "
                lines.append(StyledText(label) + itemText(item))
            }
            return Self.joinedWithLineBreaks(lines)
        default:
            var parts: [StyledText] = []
            for child in node.children {
                let text = blockText(child).trimmed()
                if !text.isEmpty { parts.append(text) }
            }
            return Self.joinedWithLineBreaks(parts)
        }
    }

    static func joinedWithLineBreaks(_ parts: [StyledText]) -> StyledText {
        var out = StyledText([])
        for (index, part) in parts.enumerated() {
            if index > 0 { out = out + StyledText("\n") }
            out = out + part
        }
        return out
    }

    // MARK: Inlines

    private struct InlineStyle {
        var bold = false
        var italic = false
        var link: String?
    }

    private mutating func inlineText(_ nodes: [MarkdownNode], in block: MarkdownNode) -> StyledText {
        var runs: [TextRun] = []
        appendInlines(nodes, style: InlineStyle(), block: block, into: &runs)
        return StyledText(runs)
    }

    private mutating func appendInlines(_ nodes: [MarkdownNode], style: InlineStyle, block: MarkdownNode,
                                        into runs: inout [TextRun]) {
        func run(_ text: String) -> TextRun { TextRun(text, bold: style.bold, italic: style.italic, link: style.link) }
        for node in nodes {
            switch node.kind {
            case .text, .code:
                runs.append(run(node.literal))
            case .softBreak:
                runs.append(run(" "))
            case .lineBreak:
                runs.append(run("\n"))
            case .htmlInline:
                warnRawHTML(node.literal, at: node.line > 0 ? node : block)
                runs.append(run(node.literal))
            case .emphasis:
                var inner = style
                inner.italic = true
                appendInlines(node.children, style: inner, block: block, into: &runs)
            case .strong:
                var inner = style
                inner.bold = true
                appendInlines(node.children, style: inner, block: block, into: &runs)
            case .link(let url):
                var inner = style
                if !url.isEmpty { inner.link = url }
                appendInlines(node.children, style: inner, block: block, into: &runs)
            case .image(let url):
                // An image cannot be placed in the text flow: its alt text stands in for it.
                let at = node.line > 0 ? node : block
                diagnostics.warning("image '\(url)' is not drawn (cover reports hold text only); its description is printed instead",
                                    at: location(of: at))
                appendInlines(node.children, style: style, block: block, into: &runs)
            default:
                if !node.literal.isEmpty { runs.append(run(node.literal)) }
                appendInlines(node.children, style: style, block: block, into: &runs)
            }
        }
    }

    // MARK: Diagnostics

    private mutating func warnRawHTML(_ html: String, at node: MarkdownNode) {
        let shown = Self.trimmingFinalNewline(html)
        let excerpt = shown.count > 40 ? String(shown.prefix(40)) + "…" : shown
        diagnostics.warning("raw HTML '\(excerpt)' is printed as literal text, not interpreted",
                            at: location(of: node))
    }

    /// cmark decodes numeric character references, so `&#xFDD0;` makes a Unicode noncharacter the
    /// file itself does not hold (the file was checked whole when read): an error at the node whose
    /// text holds it, as a PDF cannot.
    private mutating func reportNoncharacters(in node: MarkdownNode) {
        if let scalar = node.literal.unicodeScalars.first(where: Noncharacters.isNoncharacter) {
            diagnostics.error(Noncharacters.referenceMessage(scalar), at: location(of: node))
        }
        for child in node.children { reportNoncharacters(in: child) }
    }

    /// Text over `TextLimits` is an error at its block: a paragraph's or heading's text as it is set
    /// (its inline pieces joined, as the renderer merges them; the total limit applies per row of
    /// a pipe table, whose cells are set one by one), a code or HTML block's text, and a list item's
    /// whole text (its blocks are set as one text) when none of its blocks is over a limit already.
    private mutating func reportTextLimits(in node: MarkdownNode) {
        switch node.kind {
        case .paragraph, .heading:
            let lines = Self.setText(of: node, softBreak: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            let isPipeTable = lines.count > 1 && lines.allSatisfy { $0.drop(while: { $0 == " " }).hasPrefix("|") }
            for piece in isPipeTable ? lines.map(String.init) : [Self.setText(of: node)] {
                if let problem = TextLimits.problem(piece) {
                    diagnostics.error(problem, at: location(of: node))
                    break
                }
            }
        case .codeBlock, .htmlBlock:
            if let problem = TextLimits.problem(node.literal) { diagnostics.error(problem, at: location(of: node)) }
        case .item:
            let before = diagnostics.errors.count
            for child in node.children { reportTextLimits(in: child) }
            let length = Self.setText(of: node).unicodeScalars.count
            if diagnostics.errors.count == before, length > TextLimits.maximumTextCharacters {
                diagnostics.error(TextLimits.textMessage(length: length), at: location(of: node))
            }
        default:
            for child in node.children { reportTextLimits(in: child) }
        }
    }

    /// The text under `node` as it is set: literals joined, a soft break as a space (or
    /// `softBreak`: the source's line breaks), a hard break or a new block as a line break.
    private static func setText(of node: MarkdownNode, softBreak: String = " ") -> String {
        switch node.kind {
        case .softBreak: return softBreak
        case .lineBreak: return "\n"
        default:
            let inner = node.children.map { child -> String in
                switch child.kind {
                case .paragraph, .heading, .codeBlock, .htmlBlock, .list, .item, .blockQuote:
                    return setText(of: child, softBreak: softBreak) + "\n"
                default:
                    return setText(of: child, softBreak: softBreak)
                }
            }
            return node.literal + inner.joined()
        }
    }

    /// The file position of a node: cmark lines are file lines (the front matter is blanked, not
    /// removed); cmark columns count UTF-8 bytes and are turned into character columns.
    func location(of node: MarkdownNode) -> SourceLocation {
        let line = max(1, node.line)
        var column = max(1, node.column)
        if line <= lines.count {
            let utf8 = lines[line - 1].utf8
            let end = utf8.index(utf8.startIndex, offsetBy: column - 1, limitedBy: utf8.endIndex) ?? utf8.endIndex
            column = lines[line - 1][..<end].count + 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    static func trimmingFinalNewline(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last == "\n" || last == "\r\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }

    static func kindName(_ kind: MarkdownNode.Kind) -> String {
        switch kind {
        case .list(let ordered, _): return ordered ? "numbered list" : "bullet list"
        case .blockQuote: return "nested quote"
        case .heading: return "heading"
        case .codeBlock: return "code block"
        case .htmlBlock: return "HTML block"
        default: return "block"
        }
    }
}
