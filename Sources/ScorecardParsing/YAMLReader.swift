import Foundation
import ScorecardModel
import Yams

// Reading a composed YAML tree node by node, for files whose types describe their own shape (the
// layouts). It gives the results and diagnostics that `YAMLDecoder` (Codable) gave, without the runtime
// protocol-conformance searches Codable decoding through Yams costs (`as? ScalarConstructible.Type` and
// `as? YamlAnchorCoding` for every value read):
//   - a mapping is read as Yams reads it (`YAMLMapping.swift`): merge keys applied, a key found where
//     Yams' `mapping[key]` finds it;
//   - text, booleans and numbers are built by Yams' `ScalarConstructible` constructors;
//   - a value of the wrong shape or a missing key throws the `DecodingError` Yams throws, which
//     `YAMLDocument.read` turns into a located diagnostic; unknown keys are collected as before.

/// A type read from one YAML value.
protocol YAMLReadable {
    /// Reads the value at `yaml`; throws `InputError` or `DecodingError`, located by `YAMLDocument.read`.
    init(yaml: YAMLReader) throws
}

/// One value of a `YAMLDocument`, with its key path from the root.
struct YAMLReader {
    let document: YAMLDocument
    let node: Node
    /// Mapping keys and list indices (`YAMLIndexKey`) from the root, as `Decoder.codingPath`.
    let codingPath: [CodingKey]
    /// `document.node(at: codingPath)`, followed one step at a time: the node the path names in the file
    /// as written (merge keys not applied), nil once the path leaves it. Unknown keys are looked for here.
    private let pathNode: Node?
    /// Whether `pathNode` is `node` itself (so far every step of the path found the node being read).
    let pathIsNode: Bool
    /// Where `document.location(at: codingPath)` points: the mark of `pathNode`, or of the last node
    /// the path reached.
    private let pathMark: Mark?

    /// The root value of `document`.
    init(root: Node, of document: YAMLDocument) {
        self.document = document
        node = root
        codingPath = []
        pathNode = root
        pathIsNode = true
        pathMark = root.mark
    }

    private init(document: YAMLDocument, node: Node, codingPath: [CodingKey], pathNode: Node?, pathIsNode: Bool, pathMark: Mark?) {
        self.document = document
        self.node = node
        self.codingPath = codingPath
        self.pathNode = pathNode
        self.pathIsNode = pathIsNode
        self.pathMark = pathMark
    }

    /// What one step of the path, `YAMLDocument.child(of: pathNode, key:)`, finds.
    enum PathStep {
        /// The child being read.
        case child
        /// Another node, or nothing.
        case other(Node?)
    }

    /// The reader of `child`, the value of `key` (a mapping key or a `YAMLIndexKey`) in this value.
    /// `step` is the path step for `key` when the caller already knows it.
    func reader(for child: Node, at key: CodingKey, step known: PathStep? = nil) -> YAMLReader {
        let stepNode: Node?, isChild: Bool
        switch known ?? .other(step(key)) {
        case .child: (stepNode, isChild) = (child, true)
        case .other(let node): (stepNode, isChild) = (node, false)
        }
        return YAMLReader(document: document, node: child, codingPath: codingPath + [key], pathNode: stepNode,
                          pathIsNode: isChild, pathMark: stepNode.flatMap { $0.mark } ?? pathMark)
    }

    /// One step of `document.node(at:)` from here: the node the path names with `key` appended.
    private func step(_ key: CodingKey) -> Node? {
        pathNode.flatMap { YAMLDocument.child(of: $0, key: key) }
    }

    // MARK: Scalars

    /// The value as text: any single value.
    func string() throws -> String {
        guard let value = String.construct(from: try scalar()) else { throw typeMismatch(String.self) }
        try Noncharacters.checkValue(value, codingPath: codingPath)
        try TextLimits.checkValue(value, codingPath: codingPath)
        return value
    }

    /// The value as `true` or `false` (also yes/no, on/off; not quoted).
    func bool() throws -> Bool {
        guard let value = Bool.construct(from: try scalar()) else { throw typeMismatch(Bool.self) }
        return value
    }

    /// The value as a number (not quoted).
    func double() throws -> Double {
        guard let value = Double.construct(from: try scalar()) else { throw typeMismatch(Double.self) }
        return value
    }

    /// Whether the value is null (`Node.isNullValue`).
    var isNull: Bool { node.isNullValue }

    private func scalar() throws -> Node.Scalar {
        guard case .scalar(let scalar) = node else { throw typeMismatch(Node.Scalar.self) }
        return scalar
    }

    // MARK: Collections

    /// The value as a mapping whose keys are the cases of `Key`. Every other key is recorded in the
    /// document as an unknown key (with a "did you mean"), and reading goes on.
    func mapping<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> YAMLMapping<Key> {
        guard case .mapping(let mapping) = node else { throw typeMismatch(Node.Mapping.self) }
        let (flattened, merged) = YAMLPairs.flatten(mapping)
        document.reportUnknownKeys(of: pathNode, at: codingPath, known: Key.allCases.map { $0.stringValue })
        return YAMLMapping(pairs: YAMLPairs(reader: self, mapping: flattened, isPathMapping: pathIsNode && !merged))
    }

    /// The value as a list, each item read by `read`.
    func list<T>(_ read: (YAMLReader) throws -> T) throws -> [T] {
        guard case .sequence(let sequence) = node else { throw typeMismatch(Node.Sequence.self) }
        var items: [T] = []
        items.reserveCapacity(sequence.count)
        for (index, item) in sequence.enumerated() {
            // When the path reached this list, its step to an index is the item itself.
            items.append(try read(reader(for: item, at: YAMLIndexKey(index), step: pathIsNode ? .child : nil)))
        }
        return items
    }

    // MARK: Locations and errors

    /// Where this value sits in its file: `document.location(at: codingPath)`.
    var sourceLocation: SourceLocation { document.location(pathMark) }

    /// Where the value of `key` (inside this mapping) sits: `document.location(at: codingPath + [key])`.
    func sourceLocation(forKey key: CodingKey) -> SourceLocation { document.location(step(key)?.mark ?? pathMark) }

    /// `page.margins.top`: the dotted path of this value, for messages.
    var pathDescription: String { YAMLDocument.pathDescription(codingPath) }

    /// The last key of the path (`red` in `ratings.red`).
    var lastKey: CodingKey? { codingPath.last }

    /// An error located at this value, naming its key path: `'page.size' must be …`.
    func invalidValue(_ message: String) -> InputError {
        YAMLDocument.invalidValue(message, path: codingPath, at: sourceLocation)
    }

    /// An error located at the value of `key` in this mapping.
    func invalidValue(forKey key: CodingKey, _ message: String) -> InputError {
        YAMLDocument.invalidValue(message, path: codingPath + [key], at: sourceLocation(forKey: key))
    }

    private func typeMismatch(_ expected: Any.Type) -> DecodingError {
        .typeMismatch(expected, .init(codingPath: codingPath,
                                      debugDescription: "Expected to decode \(expected) but found \(YAMLReader.kind(of: node)) instead."))
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: return "Scalar"
        case .mapping: return "Mapping"
        case .sequence: return "Sequence"
        case .alias: return "Alias"
        }
    }
}

/// A list index in a key path (`columns[2]`), as Yams names it.
struct YAMLIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) { stringValue = "Index \(index)"; intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

extension Node {
    /// Whether this is a null value: an unquoted `~`, `null`, `Null`, `NULL` or nothing (what the
    /// default resolver tags null; a `YAMLQuickCompose` tree leaves value tags unresolved, so the text
    /// decides), or a scalar tagged `!!null`.
    var isNullValue: Bool {
        guard case .scalar(let scalar) = self else { return false }
        if scalar.tag.rawValue == Tag.Name.null.rawValue { return true }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
