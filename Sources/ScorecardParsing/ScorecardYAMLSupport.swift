import Foundation
import ScorecardModel
import Yams

/// Problems found while decoding a YAML file with Codable, with their place in the YAML tree;
/// turned into `file:line:column` diagnostics once decoding ends.
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

    static let userInfoKey = CodingUserInfoKey(rawValue: "scorecard.yamlIssues")!

    static func path(_ codingPath: [CodingKey]) -> [PathComponent] {
        codingPath.map { key in key.intValue.map(PathComponent.index) ?? .key(key.stringValue) }
    }

    func add(_ issue: Issue) { lock.lock(); issues.append(issue); lock.unlock() }
    var all: [Issue] { lock.lock(); defer { lock.unlock() }; return issues }

    static func from(_ decoder: Decoder) -> ScorecardYAMLIssues? { decoder.userInfo[userInfoKey] as? ScorecardYAMLIssues }

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

/// Decoding helpers: unknown keys and missing or empty required fields are recorded (not thrown), so
/// one pass reports them all.
struct ScorecardYAMLMapping {
    let container: KeyedDecodingContainer<ScorecardYAMLKey>
    let issues: ScorecardYAMLIssues?
    let path: [ScorecardYAMLIssues.PathComponent]

    /// Opens the mapping at `decoder`, recording every key that is not in `allowed`.
    init(_ decoder: Decoder, allowed: [String], what: String) throws {
        container = try decoder.container(keyedBy: ScorecardYAMLKey.self)
        issues = ScorecardYAMLIssues.from(decoder)
        path = ScorecardYAMLIssues.path(decoder.codingPath)
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            var message = "unknown key '\(key.stringValue)' in \(what)"
            if let guess = ScorecardYAMLMapping.suggestion(for: key.stringValue, among: allowed) {
                message += "; did you mean '\(guess)'?"
            }
            message += " Allowed keys: \(allowed.joined(separator: ", "))"
            issues?.add(.init(path: path + [.key(key.stringValue)], anchor: .keyNode, message: message, severity: .error))
        }
    }

    /// A required text field; records "missing" or "empty" and returns "" when it is not there.
    func required(_ key: String) throws -> String {
        let k = ScorecardYAMLKey(key)
        guard container.contains(k) else {
            issues?.add(.init(path: path, anchor: .mappingNode, message: "missing required field '\(key)'", severity: .error))
            return ""
        }
        guard let value = try container.decodeIfPresent(String.self, forKey: k),
              !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            issues?.add(.init(path: path + [.key(key)], anchor: .keyNode, message: "field '\(key)' is empty; it needs a value", severity: .error))
            return ""
        }
        return value
    }

    func optional(_ key: String) throws -> String? {
        try container.decodeIfPresent(String.self, forKey: ScorecardYAMLKey(key))
    }

    func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        try container.decodeIfPresent(T.self, forKey: ScorecardYAMLKey(key))
    }

    func record(_ key: String, _ message: String) {
        issues?.add(.init(path: path + [.key(key)], anchor: .valueNode, message: message, severity: .error))
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

    /// Composes YAML text into a node tree, reporting malformed YAML with its line and column.
    static func compose(_ text: String, file: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
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
                throw InputError("malformed YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")", at: SourceLocation(file: file, line: 1, column: 1))
            default:
                throw InputError("malformed YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
            }
        }
    }
}
