import Foundation
import ScorecardModel
import Yams

// Located, strict YAML reading shared by the layouts, the cover-report front matter and pack.yaml.
//
// How it works:
//   1. `YAMLDocument.composeForReading` parses the text into a Yams `Node` tree (`YAMLQuickCompose`:
//      the tree `compose`, with Yams' default resolver, would give, as far as the reader can tell).
//      Malformed YAML becomes an `InputError` at the file position Yams reports.
//   2. `YAMLDocument.read` hands the tree to `YAMLReadable` types through a `YAMLReader`, which reads
//      keys and values as text (no Codable: its runtime conformance searches were most of the cost),
//      reports keys a type does not know, and knows where each value sits in the file.
//   3. `DecodingError`s (missing key, wrong type), thrown as Yams' decoder threw them, are turned into
//      diagnostics by following their coding path back through the node tree to a line and column.
//
// Line numbers are those of the whole file: `lineOffset` counts the lines before the YAML text (one
// for front matter that follows an opening `---`). Columns count characters, as `SourceLocation` says.

/// A composed YAML text plus everything needed to report positions in its file.
final class YAMLDocument {
    /// The file named in diagnostics.
    let file: String
    /// How the text is called in messages: "front matter", "layout".
    let documentName: String
    /// Lines of the file before the YAML text.
    let lineOffset: Int
    /// The root node, nil for an empty document.
    let root: Node?
    /// The YAML text, for `columns`.
    private let text: String
    /// Turns Yams' Unicode-scalar columns into character columns; built on first use.
    private lazy var columns = YAMLCharacterColumns(text)
    /// Non-fatal findings made while decoding (unknown keys): reported together at the end.
    private(set) var collected = Diagnostics()

    private init(file: String, documentName: String, lineOffset: Int, root: Node?, text: String) {
        self.file = file
        self.documentName = documentName
        self.lineOffset = lineOffset
        self.root = root
        self.text = text
    }

    /// Parses `text` into a node tree; malformed YAML throws an `InputError` at its position.
    static func compose(_ text: String, file: String, documentName: String, lineOffset: Int = 0) throws -> YAMLDocument {
        try compose(text, file: file, documentName: documentName, lineOffset: lineOffset) { try Yams.compose(yaml: $0) }
    }

    /// `compose` for a document to be read only through `read` (`YAMLReader`): the same tree as far as the
    /// reader can tell, and the same errors, without the default tag resolver's regular expressions.
    static func composeForReading(_ text: String, file: String, documentName: String, lineOffset: Int = 0) throws -> YAMLDocument {
        try compose(text, file: file, documentName: documentName, lineOffset: lineOffset, with: YAMLQuickCompose.compose(yaml:))
    }

    private static func compose(_ text: String, file: String, documentName: String, lineOffset: Int,
                                with composer: (String) throws -> Node?) throws -> YAMLDocument {
        let probe = YAMLDocument(file: file, documentName: documentName, lineOffset: lineOffset, root: nil, text: text)
        let root: Node?
        do {
            root = try composer(text)
        } catch let error as YamlError {
            throw InputError([probe.diagnostic(for: error)])
        }
        return YAMLDocument(file: file, documentName: documentName, lineOffset: lineOffset, root: root, text: text)
    }

    // MARK: Locations

    /// The file position of a Yams line and column (both from 1, column in Unicode scalars).
    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: columns.characterColumn(line: line, column: column))
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return startLocation }
        return location(line: mark.line, column: mark.column)
    }

    /// The first character of the YAML text.
    var startLocation: SourceLocation { SourceLocation(file: file, line: 1 + lineOffset, column: 1) }

    /// The node at `path`, following mapping keys and sequence indices.
    func node(at path: [CodingKey]) -> Node? {
        var current = root
        for key in path {
            guard let node = current else { return nil }
            current = Self.child(of: node, key: key)
        }
        return current
    }

    /// The position of the value at `path`, or of its nearest existing ancestor.
    func location(at path: [CodingKey]) -> SourceLocation {
        var current = root
        var best = root?.mark
        for key in path {
            guard let node = current, let next = Self.child(of: node, key: key) else { break }
            current = next
            if let mark = next.mark { best = mark }
        }
        return location(best)
    }

    /// The position of the key (not its value) named by the last element of `path`.
    func keyLocation(at path: [CodingKey]) -> SourceLocation {
        guard let last = path.last, last.intValue == nil,
              let mapping = node(at: Array(path.dropLast()))?.mapping,
              let pair = mapping.first(where: { $0.key.string == last.stringValue }) else {
            return location(at: path)
        }
        return location(pair.key.mark)
    }

    /// The child of `node` named by `key`, as `node(at:)` and `location(at:)` follow a path: the first
    /// pair whose key has that text (before merge keys are applied), or the item at that index.
    static func child(of node: Node, key: CodingKey) -> Node? {
        switch node {
        case .mapping(let mapping):
            // By index: iterating a `Node.Mapping` copies all its pairs first.
            let name = key.stringValue
            for index in mapping.startIndex..<mapping.endIndex {
                let pair = mapping[index]
                if keyText(pair.key) == name { return pair.value }
            }
            return nil
        case .sequence(let sequence):
            guard let index = key.intValue, sequence.indices.contains(index) else { return nil }
            return sequence[index]
        default:
            return nil
        }
    }

    /// `node.string` (Yams), quickly for the usual scalar key.
    static func keyText(_ node: Node) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return node.string
    }

    // MARK: Reading

    /// Reads the whole document as `T` through a `YAMLReader`. Every problem becomes a located
    /// `InputError`: the unknown keys found on the way and the error that stopped reading.
    func read<T: YAMLReadable>(_ type: T.Type) throws -> T {
        try collectingDiagnostics { root in
            try T(yaml: YAMLReader(root: root, of: self))
        }
    }

    /// Runs `body` on the root, turning every problem into a located `InputError`: the unknown keys
    /// collected on the way (in document order) and the error that stopped it.
    private func collectingDiagnostics<T>(_ body: (Node) throws -> T) throws -> T {
        guard let root else {
            throw InputError("the \(documentName) is empty", at: startLocation)
        }
        collected = Diagnostics()
        var fatal: [Diagnostic] = []
        var value: T?
        do {
            value = try body(root)
        } catch let error as InputError {
            fatal = error.diagnostics
        } catch let error as DecodingError {
            fatal = [diagnostic(for: error)]
        } catch let error as YamlError {
            fatal = [diagnostic(for: error)]
        } catch {
            fatal = [.error("cannot read the \(documentName): \(error)", at: startLocation)]
        }
        // Unknown keys first, in document order: a misspelt key often explains a "missing key" after it.
        let all = Self.sortedByPosition(collected.all) + fatal
        if let value, !all.contains(where: { $0.severity == .error }) { return value }
        throw InputError(all)
    }

    /// Records an unknown key; decoding goes on so that every unknown key is reported at once.
    func reportUnknownKey(_ name: String, keyNode: Node, in path: [CodingKey], known: [String]) {
        var message = "unknown key '\(name)' \(placeDescription(path))"
        if let suggestion = Self.suggestion(for: name, among: known) {
            message += "; did you mean '\(suggestion)'?"
        } else if !known.isEmpty, known.count <= 16 {
            message += " (expected one of: \(known.joined(separator: ", ")))"
        }
        collected.error(message, at: location(keyNode.mark))
    }

    /// Records every key of `node`, the mapping at `path` (`node(at: path)`), that is not in `known`
    /// (merge keys `<<` aside).
    func reportUnknownKeys(of node: Node?, at path: [CodingKey], known: [String]) {
        guard let mapping = node?.mapping else { return }
        for index in mapping.startIndex..<mapping.endIndex {
            let keyNode = mapping[index].key
            let name = Self.keyText(keyNode) ?? "\(keyNode)"
            if name == "<<" || known.contains(name) { continue }
            reportUnknownKey(name, keyNode: keyNode, in: path, known: known)
        }
    }

    /// An error located at `location` naming the value at `path`: `'page.size' must be …`.
    static func invalidValue(_ message: String, path: [CodingKey], at location: SourceLocation?) -> InputError {
        let name = path.isEmpty ? "value" : "'\(pathDescription(path))'"
        return InputError("\(name) \(message)", at: location)
    }

    /// "in the front matter" or "in 'to'".
    func placeDescription(_ path: [CodingKey]) -> String {
        path.isEmpty ? "in the \(documentName)" : "in '\(Self.pathDescription(path))'"
    }

    /// `to.date`, `from[1].name`.
    static func pathDescription(_ path: [CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    // MARK: Error translation

    func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "malformed YAML in the \(documentName): \(problem)"
            if let context {
                let where_ = location(context.mark)
                message += " (\(context.text) at line \(where_.line), column \(where_.column))"
            }
            return .error(message, at: location(mark))
        case let .reader(problem, offset, _, yaml):
            var loc = startLocation
            if let offset {
                // A scalar column, turned into this document's kind like every other mark's.
                let place = ScorecardYAMLLocator.location(ofCharacter: offset, in: yaml, file: file)
                loc = location(line: place.line, column: place.column)
            }
            return .error("unreadable text in the \(documentName): \(problem)", at: loc)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(names) in the \(documentName): each key may appear only once",
                          at: location(context.mark))
        default:
            return .error("cannot read the \(documentName): \(error)", at: startLocation)
        }
    }

    func diagnostic(for error: DecodingError) -> Diagnostic {
        switch error {
        case let .keyNotFound(key, context):
            return .error("missing required key '\(key.stringValue)' \(placeDescription(context.codingPath))",
                          at: location(at: context.codingPath))
        case let .typeMismatch(type, context):
            let path = context.codingPath
            let found = node(at: path).map(Self.describe) ?? "nothing"
            let name = path.isEmpty ? "the \(documentName)" : "'\(Self.pathDescription(path))'"
            return .error("\(name) must be \(Self.expectation(for: type)), found \(found)", at: location(at: path))
        case let .valueNotFound(type, context):
            let path = context.codingPath
            let name = path.isEmpty ? "the \(documentName)" : "'\(Self.pathDescription(path))'"
            return .error("\(name) needs \(Self.expectation(for: type))", at: location(at: path))
        case let .dataCorrupted(context):
            let path = context.codingPath
            let name = path.isEmpty ? "the \(documentName)" : "'\(Self.pathDescription(path))'"
            return .error("\(name) is not valid: \(context.debugDescription)", at: location(at: path))
        @unknown default:
            return .error("cannot read the \(documentName): \(error)", at: startLocation)
        }
    }

    private static func expectation(for type: Any.Type) -> String {
        if type == Node.Mapping.self { return "a mapping of 'key: value' lines" }
        if type == Node.Sequence.self { return "a list" }
        if type == Node.Scalar.self { return "a single value" }
        if type == Bool.self { return "true or false" }
        if type == Int.self { return "a whole number" }
        if type == Double.self || type == Float.self { return "a number" }
        if type == String.self { return "text" }
        return "a value of type \(type)"
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty || node.null != nil ? "nothing" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la?.line ?? Int.max, la?.column ?? Int.max, a.offset)
            let kb = (lb?.line ?? Int.max, lb?.column ?? Int.max, b.offset)
            return ka < kb
        }.map(\.element)
    }

    // MARK: Suggestions

    /// The known key closest to `name`, when it is close enough to be a likely typo.
    static func suggestion(for name: String, among known: [String]) -> String? {
        func normalized(_ s: String) -> [Character] {
            Array(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
        }
        let target = normalized(name)
        var best: (key: String, distance: Int)?
        for key in known {
            let d = editDistance(target, normalized(key))
            if best == nil || d < best!.distance { best = (key, d) }
        }
        guard let best else { return nil }
        let limit = max(1, min(3, best.key.count / 3))
        return best.distance <= limit ? best.key : nil
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
