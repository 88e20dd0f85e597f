import Foundation
import ScorecardModel
import Yams

/// Problems found while reading a YAML file, with their place in the YAML tree; turned into
/// `file:line:column` diagnostics once reading ends.
final class ScorecardYAMLIssues: @unchecked Sendable {
    enum PathComponent: Hashable { case key(String), index(Int) }
    enum Anchor { case keyNode, valueNode, mappingNode }
    struct Issue {
        var path: [PathComponent]
        var anchor: Anchor
        var message: String
        var severity: Diagnostic.Severity
    }

    private let lock = NSLock()
    private var issues: [Issue] = []

    static func path(_ codingPath: [CodingKey]) -> [PathComponent] {
        codingPath.map { key in key.intValue.map(PathComponent.index) ?? .key(key.stringValue) }
    }

    func add(_ issue: Issue) { lock.lock(); issues.append(issue); lock.unlock() }
    var all: [Issue] { lock.lock(); defer { lock.unlock() }; return issues }

    /// "guidance.contacts[0].email"
    static func describe(_ path: [PathComponent]) -> String {
        var out = ""
        for c in path {
            switch c {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}

/// Any string key, for listing the keys of a mapping.
struct ScorecardYAMLKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ s: String) { stringValue = s; intValue = nil }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

/// One value of the metadata tree being read, with its path from the root (as `Decoder.codingPath`
/// would give it) and the issues recorded so far. Reading mirrors what Yams' `YAMLDecoder` did for
/// the same shapes: a value of the wrong shape throws the `DecodingError` it threw (same type, same
/// coding path), so `ScorecardYAMLLocator.diagnostic(for:root:file:)` words and places it alike; a
/// null value (`~`, `null`, nothing) of an optional key reads as absent.
struct ScorecardYAMLValue {
    let node: Node
    let codingPath: [CodingKey]
    let issues: ScorecardYAMLIssues

    var path: [ScorecardYAMLIssues.PathComponent] { ScorecardYAMLIssues.path(codingPath) }

    /// The value as text: any single value.
    func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw mismatch(String.self) }
        try Noncharacters.checkValue(scalar.string, codingPath: codingPath)
        try TextLimits.checkValue(scalar.string, codingPath: codingPath)
        return scalar.string
    }

    /// The items of a list.
    func items() throws -> [ScorecardYAMLValue] {
        guard case .sequence(let sequence) = node else { throw mismatch(Node.Sequence.self) }
        return sequence.enumerated().map { index, item in
            ScorecardYAMLValue(node: item, codingPath: codingPath + [ScorecardYAMLKey(intValue: index)!], issues: issues)
        }
    }

    /// The pairs of a mapping (merge keys applied, as Yams applies them), keys as text.
    func pairs() throws -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = node else { throw mismatch(Node.Mapping.self) }
        return YAMLPairs.flatten(mapping).mapping.compactMap { pair in
            YAMLDocument.keyText(pair.key).map { (key: $0, value: pair.value) }
        }
    }

    func child(_ node: Node, key: String) -> ScorecardYAMLValue {
        ScorecardYAMLValue(node: node, codingPath: codingPath + [ScorecardYAMLKey(key)], issues: issues)
    }

    func mismatch(_ expected: Any.Type) -> DecodingError {
        .typeMismatch(expected, .init(codingPath: codingPath, debugDescription: "Expected \(expected)"))
    }
}

/// A type read from one value of the metadata tree.
protocol ScorecardYAMLReadable {
    init(yaml: ScorecardYAMLValue) throws
}

/// Reading helpers: unknown keys and missing or empty required fields are recorded (not thrown), so
/// one pass reports them all.
struct ScorecardYAMLMapping {
    let value: ScorecardYAMLValue
    private let pairs: [(key: String, value: Node)]
    var issues: ScorecardYAMLIssues { value.issues }
    var path: [ScorecardYAMLIssues.PathComponent] { value.path }

    /// Opens the mapping at `value`, recording every key that is not in `allowed`.
    init(_ value: ScorecardYAMLValue, allowed: [String], what: String) throws {
        self.value = value
        pairs = try value.pairs()
        let path = value.path
        for (key, _) in pairs where !allowed.contains(key) {
            var message = "unknown key '\(key)' in \(what)"
            if let guess = ScorecardYAMLMapping.suggestion(for: key, among: allowed) {
                message += "; did you mean '\(guess)'?"
            }
            message += " Allowed keys: \(allowed.joined(separator: ", "))"
            issues.add(.init(path: path + [.key(key)], anchor: .keyNode, message: message, severity: .error))
        }
    }

    /// The keys, in order.
    var keys: [String] { pairs.map(\.key) }

    /// The value of `key` when present and not null: the last pair with that key, so a key written
    /// in the mapping overrides one merged in with `<<` (merged pairs come first), as Yams reads it.
    func present(_ key: String) -> ScorecardYAMLValue? {
        guard let node = pairs.last(where: { $0.key == key })?.value, !node.isNullValue else { return nil }
        return value.child(node, key: key)
    }

    /// A required text field; records "missing" or "empty" and returns "" when it is not there.
    func required(_ key: String) throws -> String {
        guard pairs.contains(where: { $0.key == key }) else {
            issues.add(.init(path: path, anchor: .mappingNode, message: "missing required field '\(key)'", severity: .error))
            return ""
        }
        guard let text = try present(key)?.string(), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            issues.add(.init(path: path + [.key(key)], anchor: .keyNode, message: "field '\(key)' is empty; it needs a value", severity: .error))
            return ""
        }
        return text
    }

    func optional(_ key: String) throws -> String? {
        try present(key)?.string()
    }

    func optional<T: ScorecardYAMLReadable>(_ type: T.Type, _ key: String) throws -> T? {
        try present(key).map(T.init(yaml:))
    }

    func optional<T: ScorecardYAMLReadable>(_ type: [T].Type, _ key: String) throws -> [T]? {
        try present(key).map { try $0.items().map(T.init(yaml:)) }
    }

    func record(_ key: String, _ message: String) {
        issues.add(.init(path: path + [.key(key)], anchor: .valueNode, message: message, severity: .error))
    }

    static func suggestion(for key: String, among allowed: [String]) -> String? {
        let lower = key.lowercased().filter { $0 != "_" && $0 != "-" }
        if let exact = allowed.first(where: { $0.lowercased() == lower }) { return exact }
        let scored = allowed.map { ($0, DistrictMatrixCSVParser.editDistance(lower, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else { return nil }
        return best.0
    }
}

/// Turns YAML problems into diagnostics with `file:line:column`.
enum ScorecardYAMLLocator {
    static func location(of path: [ScorecardYAMLIssues.PathComponent], anchor: ScorecardYAMLIssues.Anchor,
                         in root: Node, file: String) -> SourceLocation {
        var node = root
        var parent: Node?
        var lastKey: String?
        var deepest = root
        for component in path {
            parent = node
            lastKey = nil
            switch component {
            case .index(let i):
                guard let seq = node.sequence, i >= 0, i < seq.count else { return mark(deepest, file) }
                node = seq[i]
            case .key(let k):
                guard let map = node.mapping else { return mark(deepest, file) }
                lastKey = k
                guard let value = map[k] else {
                    // The key is not there (e.g. it is being reported as missing): point at its mapping.
                    return mark(node, file)
                }
                node = value
            }
            deepest = node
        }
        switch anchor {
        case .valueNode, .mappingNode:
            return mark(node, file)
        case .keyNode:
            if let parent, let k = lastKey, let map = parent.mapping,
               let keyNode = map.first(where: { $0.key.string == k })?.key {
                return mark(keyNode, file)
            }
            return mark(node, file)
        }
    }

    static func mark(_ node: Node, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// The diagnostic for a `DecodingError` that stopped decoding.
    static func diagnostic(for error: DecodingError, root: Node, file: String) -> Diagnostic {
        func at(_ codingPath: [CodingKey], _ anchor: ScorecardYAMLIssues.Anchor) -> SourceLocation {
            location(of: ScorecardYAMLIssues.path(codingPath), anchor: anchor, in: root, file: file)
        }
        func found(at codingPath: [CodingKey]) -> String { ScorecardYAMLLocator.found(at: codingPath, in: root) }
        func named(_ codingPath: [CodingKey]) -> String {
            let p = ScorecardYAMLIssues.describe(ScorecardYAMLIssues.path(codingPath))
            return p.isEmpty ? "" : "'\(p)': "
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .error("\(named(context.codingPath))missing required field '\(key.stringValue)'", at: at(context.codingPath, .mappingNode))
        case .typeMismatch(let type, let context):
            return .error("\(named(context.codingPath))expected \(describe(type)), found \(found(at: context.codingPath))",
                          at: at(context.codingPath, .valueNode))
        case .valueNotFound(let type, let context):
            return .error("\(named(context.codingPath))expected \(describe(type)) but the value is empty", at: at(context.codingPath, .valueNode))
        case .dataCorrupted(let context):
            return .error("\(named(context.codingPath))\(context.debugDescription)", at: at(context.codingPath, .valueNode))
        @unknown default:
            return .error("\(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String", "Scalar": return "a single value (text)"
        case let n where n.hasPrefix("Array") || n.hasSuffix("Sequence"): return "a list (entries starting with '- ')"
        case let n where n.hasPrefix("Dictionary") || n.hasSuffix("Mapping") || n.contains("Raw"): return "a mapping of keys to values"
        default: return name
        }
    }

    /// What the YAML holds at `codingPath`, for "expected …, found …".
    static func found(at codingPath: [CodingKey], in root: Node) -> String {
        var node = root
        for component in ScorecardYAMLIssues.path(codingPath) {
            switch component {
            case .index(let i):
                guard let seq = node.sequence, i >= 0, i < seq.count else { return "something else" }
                node = seq[i]
            case .key(let k):
                guard let value = node.mapping?[k] else { return "nothing" }
                node = value
            }
        }
        switch node {
        case .scalar(let scalar): return scalar.string.isEmpty ? "nothing" : "the single value '\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The line and column (in Unicode scalars, from 1) of the character at `offset` of `text`, as
    /// libyaml's reader (the copy inside Yams) reports the place it stopped: counted in characters,
    /// not bytes (checked with a "§" before a control character). The end of the text when beyond.
    static func location(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        var afterCR = false
        for scalar in text.unicodeScalars.prefix(max(0, offset)) {
            if scalar == "\n" {
                if !afterCR { line += 1 }
                column = 1
                afterCR = false
            } else if scalar == "\r" {
                line += 1; column = 1; afterCR = true
            } else {
                column += 1; afterCR = false
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Composes YAML text into a node tree, reporting malformed YAML with its line and column. The
    /// tree is read by `ScorecardYAMLValue`, which looks at keys and values as text: the quick
    /// composition gives it what the default one would (`YAMLQuickCompose`).
    static func compose(_ text: String, file: String) throws -> Node? {
        do {
            return try YAMLQuickCompose.compose(yaml: text)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let extra = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
                throw InputError("malformed YAML: \(problem)\(extra)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw InputError("malformed YAML: duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                                 at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
            case .reader(let problem, let offset, _, _):
                throw InputError("malformed YAML: \(problem)",
                                 at: offset.map { location(ofCharacter: $0, in: text, file: file) } ?? SourceLocation(file: file, line: 1, column: 1))
            default:
                throw InputError("malformed YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
            }
        }
    }
}
