import Foundation
import Yams

// `Yams.compose(yaml:)` resolves the tag of every plain scalar with the default resolver: seven regular
// expressions (bool, int, float, merge, null, timestamp, value), compiled by ICU on first use and run on
// each mapping key while composing. For a file read through `YAMLReader` that work is wasted: the reader
// looks at keys as text and builds values with Yams' constructors, which never ask the resolver.
//
// So the text is first composed with `Resolver.basic` (no rules: every plain scalar is a string). That
// tree is kept only when it cannot read differently from the default one; otherwise the text is composed
// again with the default resolver, exactly as before. The two trees differ only in the tags their plain
// keys resolve to (value tags are resolved lazily, and neither the reader nor Yams' constructors resolve
// them), and that difference shows only through
//   - duplicate keys: the basic tree also calls `1` and `"1"` duplicates -> any compose error is decided
//     by composing again with the default resolver;
//   - merge (`<<`) and value (`=`) keys -> a plain key `<<` or `=` means the default tree;
//   - explicit key tags (`!!bool true:` equals `true:` only by default) and non-scalar keys -> the default
//     tree;
//   - anchors: an alias is its anchored node, tag object included, so a key's resolved tag could reach
//     a value -> an anchored key means the default tree. (Values' tags are never resolved: an anchored
//     value matters only where it is also used as a key, and then that key is anchored.)
// Known keys are plain identifiers that both resolvers tag as strings, so they are found alike.
//
// The quick tree's tags also carry an empty `Constructor`: a tag's constructor serves only `Node.any`,
// which the reader never asks for, and the default one costs half a million instructions to build.

/// Composes YAML for `YAMLReader`, without the default resolver's regular expressions when that cannot
/// change what the reader reads.
enum YAMLQuickCompose {
    /// The root node (nil for an empty document), read by `YAMLReader` exactly as the tree of
    /// `Yams.compose(yaml: text)` would be. Throws what `Yams.compose(yaml: text)` throws.
    static func compose(yaml text: String) throws -> Node? {
        // A chosen encoding is Yams' business (it also says so on stdout): compose as before.
        guard getenv(encodingVariable) == nil else { return try Yams.compose(yaml: text) }
        do {
            // The parser owns the anchors: they are visible (weak references) only while it lives.
            // `.utf8` is what `Parser.Encoding.default` gives without the variable, read more cheaply.
            let parser = try Parser(yaml: text, resolver: .basic, constructor: YAMLQuickCompose.constructor, encoding: .utf8)
            let root = try parser.singleRoot()
            let readsAlike = withExtendedLifetime(parser) { root.map(readsAsDefault) ?? true }
            if readsAlike { return root }
        } catch {
            // Fall through: the default resolver decides which error (if any) the text has.
        }
        return try Yams.compose(yaml: text)
    }

    /// Overrides Yams' default encoding (`Parser.Encoding.default`).
    private static let encodingVariable = "YAMS_DEFAULT_ENCODING"

    /// Builds no values: see above.
    private static var constructor: Constructor { Constructor([:], [:], [:]) }

    /// Whether a basic-resolver tree reads as its default-resolver tree would (see above). Never resolves
    /// the tag of a value scalar: `Bool.construct` reads the unresolved tag.
    static func readsAsDefault(_ node: Node) -> Bool {
        switch node {
        case .scalar, .alias:
            return true
        case .sequence(let sequence):
            return sequence.allSatisfy(readsAsDefault)
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key, key.anchor == nil,
                      key.tag.rawValue == Tag.Name.str.rawValue else { return false }
                if scalar.style == .plain, scalar.string == "<<" || scalar.string == "=" { return false }
                if !readsAsDefault(value) { return false }
            }
            return true
        }
    }
}
