import Testing
@testable import ScorecardLayout

/// Blocks of given heights whose only item is a bookmark naming them, so tests can see where they landed.
func block(_ name: String, _ height: Double, keep: Bool = false, space: Double = 0) -> FlowItem {
    .block(Block(height: .pt(height), spaceBefore: .pt(space), keepWithNext: keep,
                 items: [.bookmark(Bookmark(title: name, level: 1, y: .zero))], label: name))
}

func names(_ page: Page) -> [String] {
    page.items.compactMap { if case .bookmark(let b) = $0 { return b.title } else { return nil } }
}

func ys(_ page: Page) -> [Double] {
    page.items.compactMap { if case .bookmark(let b) = $0 { return b.y.points } else { return nil } }
}

let smallPage = Size(width: .pt(200), height: .pt(200))
let smallContent = Rect(x: .pt(10), y: .pt(10), width: .pt(180), height: .pt(100))

@Suite struct PaginatorTests {
    @Test func blocksFillPagesInOrderWithoutSplitting() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let pages = try p.paginate((1...7).map { block("b\($0)", 30) })
        #expect(pages.count == 3)
        #expect(names(pages[0]) == ["b1", "b2", "b3"])
        #expect(ys(pages[0]) == [10, 40, 70])
        #expect(names(pages[1]) == ["b4", "b5", "b6"])
        #expect(names(pages[2]) == ["b7"])
    }

    @Test func aTagBegunAtTheFootOfAPageGoesWithItsFirstBlock() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let pages = try p.paginate([block("b1", 40), block("b2", 40), .marker([.endTag(.paragraph)]),
                                    .marker([.beginTag(.list), .beginTag(.listItem)]), block("item", 40),
                                    .marker([.endTag(.listItem), .endTag(.list)])])
        #expect(pages.count == 2)
        // Page 1 ends with the paragraph's end; the list begins on page 2, before its item.
        #expect(pages[0].items.last == .endTag(.paragraph))
        #expect(Array(pages[1].items.prefix(2)) == [.beginTag(.list), .beginTag(.listItem)])
        #expect(Array(pages[1].items.suffix(2)) == [.endTag(.listItem), .endTag(.list)])
    }

    @Test func spaceBeforeIsDroppedAtTheTopOfAPage() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let pages = try p.paginate([block("a", 60), block("b", 30, space: 20), block("c", 30, space: 20)])
        #expect(ys(pages[0]) == [10])
        #expect(ys(pages[1]) == [10, 60])
    }

    @Test func keepWithNextMovesAHeadingToTheNextPage() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let pages = try p.paginate([block("a", 70), block("heading", 10, keep: true), block("para", 30)])
        #expect(names(pages[0]) == ["a"])
        #expect(names(pages[1]) == ["heading", "para"])
    }

    @Test func aKeepChainLongerThanAPageDoesNotLoop() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let items = (1...6).map { block("k\($0)", 30, keep: true) }
        let pages = try p.paginate(items)
        #expect(pages.flatMap(names) == ["k1", "k2", "k3", "k4", "k5", "k6"])
        #expect(pages.count == 2)
    }

    @Test func repeatingHeaderIsDrawnAtTheTopOfEachNewPageAsAnArtifact() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let header = Block(height: .pt(20), items: [.bookmark(Bookmark(title: "H", level: 1, y: .zero))], label: "header")
        var flow: [FlowItem] = [.beginRepeatingHeader(header), .block(header)]
        flow += (1...8).map { block("r\($0)", 25) }
        flow.append(.endRepeatingHeader)
        flow.append(block("after", 25))
        let pages = try p.paginate(flow)
        #expect(names(pages[0]) == ["H", "r1", "r2", "r3"])
        #expect(names(pages[1]) == ["H", "r4", "r5", "r6"])
        #expect(names(pages[2]) == ["H", "r7", "r8", "after"])
        // Only the first header is content; repeats are wrapped in artifact markers.
        #expect(pages[0].items.first == .bookmark(Bookmark(title: "H", level: 1, y: .pt(10))))
        #expect(pages[1].items.first == .beginArtifact)
        #expect(pages[1].items[2] == .endArtifact)
    }

    @Test func aBlockTallerThanAnEmptyPageIsAnErrorNamingIt() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        #expect(throws: LayoutError.blockTooTall(label: "giant row", height: .pt(150), available: .pt(100))) {
            try p.paginate([block("small", 10), block("giant row", 150)])
        }
    }

    @Test func marginsWiderThanThePageAreRejected() {
        #expect(throws: LayoutError.self) {
            try Paginator(pageSize: smallPage, content: Rect(x: .pt(150), y: .pt(10), width: .pt(-100), height: .pt(100)))
        }
    }

    @Test func explicitPageBreakStartsANewPageOnlyWhenNeeded() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let pages = try p.paginate([.pageBreak, block("a", 10), .pageBreak, .pageBreak, block("b", 10)])
        #expect(pages.map(names) == [["a"], ["b"]])
    }

    @Test func touchingRuledBlocksShareOneBoxAndColumnLinesPerPage() throws {
        let p = try Paginator(pageSize: smallPage, content: smallContent)
        let rules = ColumnRules(edges: [.pt(10), .pt(50), .pt(190)], width: .pt(0.5), color: .black)
        let wide = ColumnRules(edges: [.pt(10), .pt(190)], width: .pt(0.5), color: .black)
        func ruled(_ name: String, _ r: ColumnRules) -> FlowItem {
            .block(Block(height: .pt(30), items: [.bookmark(Bookmark(title: name, level: 1, y: .zero))], label: name, rules: r))
        }
        let pages = try p.paginate([ruled("r1", rules), ruled("r2", rules), ruled("section", wide), ruled("r3", rules),
                                    ruled("r4", rules), .marker([.endTag(.tableBody)]), block("after", 10)])
        func grid(_ page: Page) -> [PageItem] {
            page.items.filter { if case .stroke = $0 { return true }; if case .line = $0 { return true }; return false }
        }
        // Page 1: r1 and r2 share one run (10-70); the section row (70-100) has its own box and no
        // inner line. Page 2: r3 and r4 form a new run; it ends before the end-tag marker.
        #expect(grid(pages[0]) == [
            .stroke(Rect(x: .pt(10), y: .pt(10), width: .pt(180), height: .pt(60)), width: .pt(0.5), color: .black),
            .line(from: Point(x: .pt(50), y: .pt(10)), to: Point(x: .pt(50), y: .pt(70)), width: .pt(0.5), color: .black),
            .stroke(Rect(x: .pt(10), y: .pt(70), width: .pt(180), height: .pt(30)), width: .pt(0.5), color: .black),
        ])
        #expect(grid(pages[1]) == [
            .stroke(Rect(x: .pt(10), y: .pt(10), width: .pt(180), height: .pt(60)), width: .pt(0.5), color: .black),
            .line(from: Point(x: .pt(50), y: .pt(10)), to: Point(x: .pt(50), y: .pt(70)), width: .pt(0.5), color: .black),
        ])
        let end = pages[1].items.firstIndex(of: .endTag(.tableBody))!
        #expect(pages[1].items[end - 1] == .endArtifact)
        #expect(names(pages[1]) == ["r3", "r4", "after"])
    }

    @Test func lineGroupsNeverLeaveASingleLine() {
        #expect(breakableLineGroups(count: 0) == [])
        #expect(breakableLineGroups(count: 3) == [0..<3])
        #expect(breakableLineGroups(count: 6) == [0..<2, 2..<3, 3..<4, 4..<6])
        for n in 1...20 {
            let groups = breakableLineGroups(count: n)
            #expect(groups.flatMap { Array($0) } == Array(0..<n))
            if n > 1 { #expect(groups.first!.count >= 2 && groups.last!.count >= 2) }
        }
    }
}
