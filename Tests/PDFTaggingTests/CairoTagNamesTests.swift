import PDFTagging
import Testing

@Suite("Cairo tag names")
struct CairoTagNamesTests {
    /// cairo 1.16's list of standard structure types, in the order it compares names with them
    /// (cairo-tag-stack.c; the order as the strings lie in Debian's libcairo.so.2).
    static let cairoList = ["Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
                            "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
                            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
                            "BibEntry", "Code", "Link", "Annot", "Ruby", "Warichu", "RB", "RT", "RP", "WT", "WP",
                            "Figure", "Formula", "Form"]

    @Test func theNamingIsItsOwnInverseAndStaysInCairosList() {
        var images = Set<String>()
        for role in Self.cairoList {
            let name = CairoTagNames.cairoName(forRole: role)
            #expect(CairoTagNames.cairoName(forRole: name) == role, "\(role) → \(name) does not map back")
            #expect(Self.cairoList.contains(name), "\(role) → \(name), which cairo would reject")
            images.insert(name)
        }
        #expect(images.count == Self.cairoList.count)  // no two roles share a name
    }

    @Test func theRolesOfEveryTableCellAndLineAreFoundFirst() {
        for role in ["TD", "TR", "TH", "Span", "P"] {
            let position = Self.cairoList.firstIndex(of: CairoTagNames.cairoName(forRole: role)) ?? .max
            #expect(position <= 5, "\(role) is compared \(position + 1) times")
        }
        #expect(CairoTagNames.cairoName(forRole: "Document") == "Document")
        #expect(CairoTagNames.cairoName(forRole: "Link") == "Link")
    }
}
