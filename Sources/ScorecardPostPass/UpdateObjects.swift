/// The objects of the structure tree and the outline, as `IncrementalUpdate` numbers them.
extension IncrementalUpdate {
    /// The structure tree root, the parent tree and every element (see the contract of
    /// `IncrementalUpdate`).
    func writeStructureTree(into objects: inout ObjectText, _ numbers: Numbering) {
        let pageCount = pages.count
        let linkCount = structure.links.reduce(0) { $0 + $1.count }
        objects.begin(numbers.root)
        objects.write("<</Type/StructTreeRoot/K "); objects.reference(numbers.element(0))
        objects.write("/ParentTree "); objects.reference(numbers.parentTree)
        objects.write("/ParentTreeNextKey "); objects.integer(pageCount + linkCount); objects.write(">>")

        // Content of each element, (page, MCID) in page and MCID order: element i's entries are
        // content[contentStart[i]..<contentStart[i + 1]] (one flat array rather than one per element).
        var contentStart = [Int](repeating: 0, count: structure.elements.count + 1)
        for pageOwners in owners { for owner in pageOwners { contentStart[owner + 1] += 1 } }
        for i in contentStart.indices.dropFirst() { contentStart[i] += contentStart[i - 1] }
        var content = [(page: Int, mcid: Int)](repeating: (0, 0), count: contentStart[structure.elements.count])
        var filled = contentStart
        objects.begin(numbers.parentTree)
        objects.write("<</Nums[")
        for (page, pageOwners) in owners.enumerated() where !pageOwners.isEmpty {
            objects.integer(StructParentKeys.page(page)); objects.write("[")
            for (mcid, owner) in pageOwners.enumerated() {
                content[filled[owner]] = (page, mcid)
                filled[owner] += 1
                if mcid > 0 { objects.write(" ") }
                objects.reference(numbers.element(owner))
            }
            objects.write("]")
        }
        var annotation = [(page: Int, reference: ObjectReference)?](repeating: nil, count: structure.elements.count)
        var ordinal = 0
        for (page, links) in structure.links.enumerated() {
            for (k, link) in links.enumerated() {
                annotation[link] = (page, linkAnnotations[page][k])
                objects.write(" "); objects.integer(StructParentKeys.link(ordinal, pageCount: pageCount))
                objects.write(" "); objects.reference(numbers.element(link))
                ordinal += 1
            }
        }
        objects.write("]>>")

        for (index, e) in structure.elements.enumerated() {
            let owned = content[contentStart[index]..<contentStart[index + 1]]
            objects.begin(numbers.element(index))
            objects.write("<</Type/StructElem/S/"); objects.write(e.role)
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
            if let scope = e.tableScope { objects.write("/A<</O/Table/Scope/"); objects.write(scope); objects.write(">>") }
            if let alternate = e.alternate { objects.write("/Alt "); objects.write(PDFSyntax.textString(alternate)) }
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
            objects.write("<</Title "); objects.write(PDFSyntax.textString(entry.title))
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
            objects.write(PDFSyntax.number(entry.top)); objects.write(" 0]>>")
        }
    }
}
