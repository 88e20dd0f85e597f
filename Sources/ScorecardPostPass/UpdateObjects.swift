import PDFTagging

/// The objects of the structure tree and the outline, as `IncrementalUpdate` numbers them.
extension IncrementalUpdate {
    /// The text of the structure tree: the root and the parent tree are written at once (`head`),
    /// the elements one by one by `writeElement`, which only reads, so that elements can be written
    /// on several threads at once (see the contract of `IncrementalUpdate`).
    struct StructureTreeText {
        let structure: TaggedStructure
        let numbers: Numbering
        let pages: [ObjectReference]
        /// The root and the parent tree.
        let head: ObjectText
        /// Content of each element, (page, MCID) in page and MCID order: element i's entries are
        /// content[contentStart[i]..<contentStart[i + 1]] (one flat array rather than one per element).
        private let content: [(page: Int, mcid: Int)]
        private let contentStart: [Int]
        /// Each element's link annotation, with its page.
        private let annotation: [(page: Int, reference: ObjectReference)?]

        init(_ update: IncrementalUpdate, _ numbers: Numbering) {
            let structure = update.structure
            let owners = update.owners
            let pageCount = update.pages.count
            self.structure = structure
            self.numbers = numbers
            self.pages = update.pages
            let linkCount = structure.links.reduce(0) { $0 + $1.count }
            var head = ObjectText(count: 2)
            head.begin(numbers.root)
            head.write("<</Type/StructTreeRoot/K "); head.reference(numbers.element(0))
            head.write("/ParentTree "); head.reference(numbers.parentTree)
            head.write("/ParentTreeNextKey "); head.integer(pageCount + linkCount); head.write(">>")

            var contentStart = [Int](repeating: 0, count: structure.elements.count + 1)
            for pageOwners in owners { for owner in pageOwners { contentStart[owner + 1] += 1 } }
            for i in contentStart.indices.dropFirst() { contentStart[i] += contentStart[i - 1] }
            var content = [(page: Int, mcid: Int)](repeating: (0, 0), count: contentStart[structure.elements.count])
            var filled = contentStart
            head.begin(numbers.parentTree)
            head.write("<</Nums[")
            for (page, pageOwners) in owners.enumerated() where !pageOwners.isEmpty {
                head.integer(StructParentKeys.page(page)); head.write("[")
                for (mcid, owner) in pageOwners.enumerated() {
                    content[filled[owner]] = (page, mcid)
                    filled[owner] += 1
                    if mcid > 0 { head.write(" ") }
                    head.reference(numbers.element(owner))
                }
                head.write("]")
            }
            var annotation = [(page: Int, reference: ObjectReference)?](repeating: nil, count: structure.elements.count)
            var ordinal = 0
            for (page, links) in structure.links.enumerated() {
                for (k, link) in links.enumerated() {
                    annotation[link] = (page, update.linkAnnotations[page][k])
                    head.write(" "); head.integer(StructParentKeys.link(ordinal, pageCount: pageCount))
                    head.write(" "); head.reference(numbers.element(link))
                    ordinal += 1
                }
            }
            head.write("]>>")
            self.head = head
            self.content = content
            self.contentStart = contentStart
            self.annotation = annotation
        }

        /// Writes element `index` as the next object of `objects`.
        func writeElement(_ index: Int, into objects: inout ObjectText) {
            let e = structure.elements[index]
            let owned = content[contentStart[index]..<contentStart[index + 1]]
            objects.begin(numbers.element(index))
            objects.write("<</Type/StructElem/S/"); objects.write(string: e.role)
            objects.write("/P "); objects.reference(e.parent.map(numbers.element) ?? numbers.root)
            let page = owned.first?.page ?? annotation[index]?.page
            if let page { objects.write("/Pg "); objects.write(pages[page]) }
            let kidCount = owned.count + (annotation[index] == nil ? 0 : 1) + e.children.count
            if kidCount > 0 {
                objects.write(kidCount == 1 ? "/K " : "/K[")
                var first = true
                func separate() { if !first { objects.write(" ") }; first = false }
                for (p, mcid) in owned {
                    separate()
                    if p == page {
                        objects.integer(mcid)
                    } else {
                        objects.write("<</Type/MCR/Pg "); objects.write(pages[p]); objects.write("/MCID "); objects.integer(mcid); objects.write(">>")
                    }
                }
                if let a = annotation[index] {
                    separate()
                    objects.write("<</Type/OBJR/Obj "); objects.write(a.reference); objects.write("/Pg "); objects.write(pages[a.page]); objects.write(">>")
                }
                for child in e.children { separate(); objects.reference(numbers.element(child)) }
                if kidCount > 1 { objects.write("]") }
            }
            if let scope = e.tableScope { objects.write("/A<</O/Table/Scope/"); objects.write(string: scope); objects.write(">>") }
            if let alternate = e.alternate { objects.write("/Alt "); objects.write(string: PDFSyntax.textString(alternate)) }
            objects.write(">>")
        }
    }

    /// The outline root and its entries (nothing when there are no bookmarks).
    func writeOutline(_ outline: OutlineTree, into objects: inout ObjectText, _ numbers: Numbering) {
        guard let firstTop = outline.rootChildren.first, let lastTop = outline.rootChildren.last else { return }
        objects.begin(numbers.outlineRoot)
        objects.write("<</Type/Outlines/First "); objects.reference(numbers.outlineEntry(firstTop))
        objects.write("/Last "); objects.reference(numbers.outlineEntry(lastTop))
        if let n = outline.rootCount { objects.write("/Count "); objects.integer(n) }
        objects.write(">>")
        for (k, entry) in outline.entries.enumerated() {
            objects.begin(numbers.outlineEntry(k))
            objects.write("<</Title "); objects.write(string: PDFSyntax.textString(entry.title))
            objects.write("/Parent "); objects.reference(outline.parent[k].map(numbers.outlineEntry) ?? numbers.outlineRoot)
            let siblings = outline.parent[k].map { outline.children[$0] } ?? outline.rootChildren
            let position = siblings.firstIndex(of: k)!
            if position > 0 { objects.write("/Prev "); objects.reference(numbers.outlineEntry(siblings[position - 1])) }
            if position + 1 < siblings.count { objects.write("/Next "); objects.reference(numbers.outlineEntry(siblings[position + 1])) }
            if let first = outline.children[k].first, let last = outline.children[k].last {
                objects.write("/First "); objects.reference(numbers.outlineEntry(first))
                objects.write("/Last "); objects.reference(numbers.outlineEntry(last))
            }
            if let n = outline.count(k) { objects.write("/Count "); objects.integer(n) }
            objects.write("/Dest["); objects.write(pages[entry.page]); objects.write("/XYZ 0 ")
            objects.write(string: PDFSyntax.number(entry.top)); objects.write(" 0]>>")
        }
    }
}
