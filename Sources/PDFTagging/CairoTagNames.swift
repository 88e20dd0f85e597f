/// The tag names the renderer gives cairo for structure roles.
///
/// cairo 1.16 checks every tag name against its list of some 50 standard structure types, one
/// `strcmp` after another in list order, several times for each tag it begins and ends (at 2,000
/// indicators, 3.4 million comparisons: 2.5% of a render). cairo's own structure tree is dropped
/// by the post-pass, which writes the real roles into the structure tree and the marked content, so
/// the name cairo sees only has to identify the role: the roles that occur by the thousand in a
/// scorecard are swapped with the names at the head of cairo's list ("Part", "Art", "Sect", "Div",
/// "BlockQuote"), where they are found at the first comparisons. "Document", the first name of the
/// list, stays itself: cairo marks its file as tagged only when the root element is a Document.
/// cairo also takes Part, Art, Sect and Div as elements that may stand at the top of the tree; that
/// changes nothing here because the renderer always begins with Document (`PDFStructureWriter`
/// checks it), so every swapped name sits below it.
///
/// Contract: `cairoName(forRole:)` is a bijection on names (it is its own inverse: pairs are
/// swapped, every other name is itself), so the post-pass can still check each marked-content
/// sequence cairo wrote against the role of the element that owns it. "Link" is itself (cairo
/// treats it as a link).
public enum CairoTagNames {
    /// The swapped pairs: a frequent role and a name from the head of cairo's list.
    static let swaps: [(String, String)] = [("TD", "Part"), ("TR", "Art"), ("Span", "Sect"), ("TH", "Div"), ("P", "BlockQuote")]

    /// The name to give cairo for a structure element of `role` (and the role for a name cairo
    /// wrote: the mapping is its own inverse).
    public static func cairoName(forRole role: String) -> String {
        for (a, b) in swaps {
            if role == a { return b }
            if role == b { return a }
        }
        return role
    }
}
