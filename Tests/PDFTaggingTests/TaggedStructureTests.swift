import Testing
import PDFTagging

@Suite("TaggedStructure")
struct TaggedStructureTests {
    /// Document > Table > TR > (TH, TD), one page, the TH and TD each with one marked sequence.
    static func table() -> TaggedStructure {
        TaggedStructure(
            elements: [
                .init(role: "Document", parent: nil, children: [1]),
                .init(role: "Table", parent: 0, children: [2]),
                .init(role: "TR", parent: 1, children: [3, 4]),
                .init(role: "TH", parent: 2, tableScope: "Row"),
                .init(role: "TD", parent: 2),
            ],
            markedContent: [[.init(owner: nil, paints: 1), .init(owner: 3, glyphs: 2), .init(owner: 4, glyphs: 5, paints: 1)]], links: [[]])
    }

    @Test func aWellFormedTreeHasNoProblem() {
        #expect(Self.table().firstProblem() == nil)
    }

    @Test func eachBrokenRuleIsNamed() {
        #expect(TaggedStructure().firstProblem() == "no structure elements")
        var s = Self.table()
        s.elements[0].parent = 1
        #expect(s.firstProblem() == "element 0 (the root) has a parent")
        s = Self.table()
        s.elements[4].parent = 4
        #expect(s.firstProblem() == "element 2 (TR) lists 4 as a child, which is not its child")
        s = Self.table()
        s.elements.append(.init(role: "Span", parent: nil))
        #expect(s.firstProblem() == "element 5 (Span) has no parent before it")
        s = Self.table()
        s.elements[2].children = [3]
        #expect(s.firstProblem() == "element 4 (TD) is missing from its parent's children")
        s = Self.table()
        s.elements[1].children = [2, 4]
        #expect(s.firstProblem() == "element 1 (Table) lists 4 as a child, which is not its child")
        s = Self.table()
        s.elements[3].role = "T H"
        #expect(s.firstProblem() == "element 3 has an invalid role \"T H\"")
        s = Self.table()
        s.markedContent = [[.init(owner: 3, glyphs: 1), .init(owner: 9, glyphs: 1)]]
        #expect(s.firstProblem() == "page 1 has marked content for element 9, which does not exist")
        s = Self.table()
        s.markedContent[0][1].glyphs = -1
        #expect(s.firstProblem() == "page 1 has a run of marked content with a negative count")
        s = Self.table()
        s.links = [[4]]
        #expect(s.firstProblem() == "page 1 has a link annotation for element 4, which is not a Link element")
    }
}
