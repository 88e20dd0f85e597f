import Yams

// The mappings of a document read through `YAMLReader`, read as Yams' `YAMLDecoder` reads them: merge
// keys (`<<`) applied as `Node.Mapping.flatten()` (internal to Yams) applies them, and a key's value
// found where Yams' `mapping[key]` finds it.

/// A mapping opened by `YAMLReader.mapping(keyedBy:)`: every key is required.
///
/// Only a typed front for `YAMLPairs`, and a single class reference: copying or destroying a generic
/// struct with several fields goes through its runtime metadata, and building that metadata checks
/// `Key: CodingKey` by searching the conformance tables (about a million instructions per key type).
struct YAMLMapping<Key: CodingKey> {
    let pairs: YAMLPairs

    @inline(__always) func value(_ key: Key) throws -> YAMLReader { try pairs.value(key) }
    @inline(__always) func read<T: YAMLReadable>(_ type: T.Type, _ key: Key) throws -> T { try T(yaml: pairs.value(key)) }
    @inline(__always) func string(_ key: Key) throws -> String { try pairs.value(key).string() }
    @inline(__always) func bool(_ key: Key) throws -> Bool { try pairs.value(key).bool() }
    @inline(__always) func double(_ key: Key) throws -> Double { try pairs.value(key).double() }
    @inline(__always) func list<T: YAMLReadable>(_ type: T.Type, _ key: Key) throws -> [T] {
        try pairs.value(key).list(T.init(yaml:))
    }

    /// The value of an optional key: nil when the key is absent or its value is null (`~`, `null`
    /// or nothing, unquoted), as `decodeIfPresent` read it.
    func optional(_ key: Key) throws -> YAMLReader? {
        guard pairs.indices(forKey: key.stringValue).last != nil else { return nil }
        let value = try pairs.value(key)
        return value.isNull ? nil : value
    }
}

/// The pairs of a mapping being read, with its merge keys applied.
final class YAMLPairs {
    let reader: YAMLReader
    let mapping: Node.Mapping
    /// Whether `mapping` is also the reader's path node as written (no merge keys, and the path reached
    /// it): then one search finds both a key's value and its path step.
    let isPathMapping: Bool
    /// The text of each pair's key (`YAMLDocument.keyText`), in order, so that a search compares text
    /// without copying nodes.
    private let keyTexts: [String?]

    init(reader: YAMLReader, mapping: Node.Mapping, isPathMapping: Bool) {
        self.reader = reader
        self.mapping = mapping
        self.isPathMapping = isPathMapping
        keyTexts = mapping.map { YAMLDocument.keyText($0.key) }
    }

    /// The value of `key`; a missing key throws `DecodingError.keyNotFound`.
    func value(_ key: CodingKey) throws -> YAMLReader {
        let (first, last) = indices(forKey: key.stringValue)
        guard let last, let first else {
            throw DecodingError.keyNotFound(key, .init(codingPath: reader.codingPath,
                                                       debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        let value = mapping[mapping.startIndex + last].value
        guard isPathMapping else { return reader.reader(for: value, at: key) }
        return reader.reader(for: value, at: key,
                             step: first == last ? .child : .other(mapping[mapping.startIndex + first].value))
    }

    /// The offsets of two pairs whose key has the text `name`: `first`, the first of them (the path step
    /// `YAMLDocument.child` takes when `mapping` is the path node), and `last`, the pair Yams'
    /// `mapping[name]` gives: the last whose key equals `Node(name, mapping.tag.copy(with: .implicit))`
    /// (same text, same resolved tag). `last` implies `first`.
    func indices(forKey name: String) -> (first: Int?, last: Int?) {
        var first: Int?, last: Int?
        var probe: Node?
        for (offset, text) in keyTexts.enumerated() where text == name {
            if first == nil { first = offset }
            let key = mapping[mapping.startIndex + offset].key
            guard case .scalar = key else { continue }
            let wanted = probe ?? Node(name, mapping.tag.copy(with: .implicit))
            probe = wanted
            if key == wanted { last = offset }
        }
        return (first, last)
    }
}

extension YAMLPairs {
    /// `mapping` with the pairs of its merge keys (`<<: *base`, `<<: [*a, *b]`) put first, as Yams'
    /// `Node.Mapping.flatten()` (internal to Yams) does for `YAMLDecoder`.
    /// `merged` tells whether there was any merge key.
    static func flatten(_ mapping: Node.Mapping) -> (mapping: Node.Mapping, merged: Bool) {
        // Usually there is no merge key: then the mapping as it is (Yams copies its pairs unchanged,
        // dropping only the mark, which is not used here).
        let bounds = mapping.startIndex..<mapping.endIndex
        guard bounds.contains(where: { isMergeKey(mapping[$0].key) }) else { return (mapping, false) }
        var pairs = Array(mapping)
        var merged: [(key: Node, value: Node)] = []
        var index = pairs.startIndex
        while index < pairs.count {
            let pair = pairs[index]
            guard isMergeKey(pair.key) else {
                index += 1
                continue
            }
            pairs.remove(at: index)
            switch pair.value {
            case .mapping(let mapping):
                merged.append(contentsOf: flatten(mapping).mapping)
            case .sequence(let sequence):
                for mapping in sequence.compactMap({ $0.mapping.map { flatten($0).mapping } }).reversed() {
                    merged.append(contentsOf: mapping)
                }
            default:
                break
            }
        }
        return (Node.Mapping((merged + pairs).map { ($0.key, $0.value) }, mapping.tag, mapping.style, nil, mapping.anchor), true)
    }

    private static func isMergeKey(_ key: Node) -> Bool { key.tag.rawValue == Tag.Name.merge.rawValue }
}
