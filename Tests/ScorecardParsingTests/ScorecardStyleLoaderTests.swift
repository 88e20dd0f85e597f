import Foundation
import ScorecardModel
@testable import ScorecardParsing
import Testing

@Suite("Layout: scorecard-landscape.yaml")
struct ScorecardStyleLoaderTests {
    let file = "scorecard-landscape.yaml"

    /// The repository's `Layouts/scorecard-landscape.yaml`.
    static var layoutURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Layouts/scorecard-landscape.yaml")
    }

    func layoutText() throws -> String { try String(contentsOf: Self.layoutURL, encoding: .utf8) }

    func load(_ text: String) throws -> ScorecardStyle { try ScorecardStyleLoader.load(text, file: file) }

    /// The repository layout with `old` replaced by `new` (which must occur exactly once).
    func edited(_ old: String, _ new: String) throws -> String {
        let text = try layoutText()
        #expect(text.components(separatedBy: old).count == 2, "'\(old)' must occur once in the layout")
        return text.replacingOccurrences(of: old, with: new)
    }

    func close(_ a: Length, _ b: Length) -> Bool { abs(a.points - b.points) < 0.001 }

    func line(_ needle: String, _ text: String) -> Int { CoverReportFixtures.line(of: needle, in: text) }

    /// The column of `needle` on the line that holds `lineNeedle`.
    func column(of needle: String, onLineWith lineNeedle: String, in text: String) -> Int {
        let lines = text.components(separatedBy: "\n")
        guard let row = lines.first(where: { $0.contains(lineNeedle) }), let range = row.range(of: needle) else {
            Issue.record("'\(needle)' not found on a line with '\(lineNeedle)'")
            return -1
        }
        return row.distance(from: row.startIndex, to: range.lowerBound) + 1
    }

    static let houseColumns: [(IndicatorColumn.Field, String, Double?, TextAlignment)] = [
        (.ref, "Ref", 14, .left), (.indicator, "Indicator", nil, .left), (.polarity, "Pol", 9, .center),
        (.period, "Period", 12, .center), (.previous, "Previous", 19, .right), (.current, "Current", 19, .right),
        (.rag, "RAG", 17, .center), (.dot, "DoT", 23, .left), (.target, "Target", 19, .right),
        (.floor, "Floor", 17, .right), (.england, "England", 17, .right), (.statNeighbours, "SN", 15, .right),
        (.source, "Source", 13, .center),
    ]

    // MARK: The repository file

    @Test("the repository layout loads into the scorecard house style")
    func loadsHouseStyle() throws {
        let style = try ScorecardStyleLoader.load(contentsOf: Self.layoutURL)
        #expect(style.page.size == Size.a4Landscape)
        #expect(close(style.page.margins.top, .mm(15)) && close(style.page.margins.left, .mm(15)))
        #expect(close(style.page.margins.right, .mm(15)) && close(style.page.margins.bottom, .mm(18)))
        #expect(style.fontFamily == "Liberation Sans")
        #expect(style.body == TextStyle(size: .pt(9), bold: false, italic: false, leading: 1.25, color: .black))
        #expect(style.table.cellStyle.size == .pt(9) && style.table.headerStyle.bold && style.table.sectionStyle.bold)
        #expect(style.titleStyle.bold && style.titleStyle.size == .pt(28))
        #expect(style.blankPageText == "This page is intentionally blank")
        #expect(close(style.titleBlockOffset, .mm(60)))
        #expect(close(style.keyTableWidth, .mm(180)))
        #expect(style.table.headerFill == Color(hex: "#D9D9D9") && style.table.sectionFill == Color(hex: "#F0F0F0"))
        #expect(style.table.gridColor == Color(hex: "#7F7F7F") && style.table.gridWidth == .pt(0.5))
        #expect(style.table.cellPadding == Insets(top: .pt(2), right: .pt(2.5), bottom: .pt(2), left: .pt(2.5)))
        #expect(style.toBeSuppliedFill == Color(hex: "#E6E6E6") && style.arrowColor == .black)
        #expect(style.red == RatingColors(fill: Color(hex: "#B00020")!, text: .white))
        #expect(style.amber == RatingColors(fill: Color(hex: "#FFC000")!, text: .black))
        #expect(style.green.text == .black)
        #expect(close(style.districtRefWidth, .mm(14)) && close(style.districtIndicatorWidth, .mm(56)))
        #expect(style.footerTemplate == "{title} – Page {page} of {pages}")
        #expect(style.footerStyle.size == .pt(8) && style.footerAlignment == .right)
        #expect(style.footerBaseline > .zero && style.footerBaseline < style.page.margins.bottom)

        // The columns, in order, with their headers, widths and alignments.
        #expect(style.columns.map(\.field) == Self.houseColumns.map(\.0))
        #expect(style.columns.map(\.header) == Self.houseColumns.map(\.1))
        #expect(style.columns.map(\.alignment) == Self.houseColumns.map(\.3))
        for (column, expected) in zip(style.columns, Self.houseColumns) {
            switch (column.width, expected.2) {
            case (.fixed(let width), .some(let mm)): #expect(close(width, .mm(mm)), "\(column.field)")
            case (.fill, nil): break
            default: Issue.record("\(column.field): width \(column.width), expected \(String(describing: expected.2))")
            }
        }
        // 11+ columns fit: the fixed widths leave the indicator text a generous column.
        let fixed = style.columns.compactMap { if case .fixed(let w) = $0.width { w } else { nil } }.reduce(Length.zero, +)
        #expect(style.columns.count >= 11)
        #expect(style.page.contentRect.width - fixed > .mm(60))
    }

    @Test("the repository rating fills are legible and stay apart in greyscale")
    func ratingColoursAreAccessible() throws {
        let style = try load(layoutText())
        let ratings = [style.red, style.amber, style.green]
        for rating in ratings {
            #expect(rating.fill.contrastRatio(with: rating.text) >= 4.5, "\(rating)")
        }
        let luminances = ratings.map(\.fill.relativeLuminance)
        for i in luminances.indices {
            for j in luminances.indices where j > i {
                #expect(abs(luminances[i] - luminances[j]) > 0.1, "fills \(i) and \(j): \(luminances)")
            }
        }
        // Dark red, mid green, light amber: the order of lightness readers see in a mono print.
        #expect(luminances[0] < luminances[2] && luminances[2] < luminances[1])
        // Other filled cells keep black text readable too.
        #expect(style.table.headerFill.contrastRatio(with: style.table.headerStyle.color) >= 4.5)
        #expect(style.toBeSuppliedFill.contrastRatio(with: style.table.cellStyle.color) >= 4.5)
    }

    @Test("changing a column's width, header or order changes the style")
    func changedColumns() throws {
        let base = try load(layoutText())
        let changed = try load(edited("header: \"SN\",        width: 15mm",
                                     "header: \"Stat N\",    width: 2cm"))
        let sn = try #require(changed.columns.first { $0.field == .statNeighbours })
        #expect(sn.header == "Stat N")
        #expect({ if case .fixed(let w) = sn.width { close(w, .mm(20)) } else { false } }())
        #expect(changed.columns.count == base.columns.count)
        #expect(Array(changed.columns.filter { $0.field != .statNeighbours }) == base.columns.filter { $0.field != .statNeighbours })

        // Dropping a column and making Ref fill.
        let fewer = try load(edited("  - { field: source,         header: \"Source\",    width: 13mm, align: center }\n", "")
            .replacingOccurrences(of: "header: \"Ref\",       width: 14mm", with: "header: \"Ref\",       width: fill"))
        #expect(fewer.columns.map(\.field) == Self.houseColumns.map(\.0).dropLast())
        #expect(fewer.columns[0].width == .fill)

        // Another field, centred.
        let southEast = try load(edited("field: england,        header: \"England\",   width: 17mm, align: right",
                                        "field: southEast,      header: \"SE\",        width: 17mm, align: center"))
        #expect(southEast.columns[10] == IndicatorColumn(field: .southEast, header: "SE",
                                                         width: base.columns[10].width, alignment: .center))
    }

    // MARK: Located errors

    @Test("an unknown key is located, with a suggestion")
    func unknownKey() throws {
        let text = try edited("header: \"Pol\",       width: 9mm,  align: center",
                              "header: \"Pol\",       width: 9mm,  aling: center")
        let error = try #require(inputError { _ = try load(text) })
        let row = line("aling: center", text)
        let col = column(of: "aling", onLineWith: "aling: center", in: text)
        #expect(error.diagnostics.first?.description
                == "\(file):\(row):\(col): error: unknown key 'aling' in 'columns[2]'; did you mean 'align'?", "\(error)")
        #expect(error.diagnostics.map(\.message).contains("missing required key 'align' in 'columns[2]'"))

        let top = try edited("arrowColor: \"#000000\"", "arrowColour: \"#000000\"")
        let topError = try #require(inputError { _ = try load(top) })
        let topRow = line("arrowColour:", top)
        #expect(topError.diagnostics.first?.description
                == "\(file):\(topRow):1: error: unknown key 'arrowColour' in the layout; did you mean 'arrowColor'?")
        #expect(topError.diagnostics.map(\.message).contains("missing required key 'arrowColor' in the layout"))

        let rating = try edited("green: { fill: \"#5DB85D\", text: \"#000000\" }",
                                "green: { fill: \"#5DB85D\", txt: \"#000000\" }")
        let ratingError = try #require(inputError { _ = try load(rating) })
        let ratingCol = column(of: "txt", onLineWith: "txt:", in: rating)
        #expect(ratingError.description.hasPrefix(
            "\(file):\(line("txt:", rating)):\(ratingCol): error: unknown key 'txt' in 'ratings.green'; did you mean 'text'?"))
    }

    @Test("every key is required: a missing key names the key and its mapping")
    func missingKey() throws {
        let text = try edited("  sectionFill: \"#F0F0F0\"", "  # sectionFill removed")
        let error = try #require(inputError { _ = try load(text) })
        // A missing key is reported at the start of its mapping: the first key of 'table'.
        let row = line("  header:  {", text)
        #expect(error.description == "\(file):\(row):3: error: missing required key 'sectionFill' in 'table'")

        let blank = try edited("  blankPageText: This page is intentionally blank\n", "")
        let blankError = try #require(inputError { _ = try load(blank) })
        #expect(blankError.description.contains("missing required key 'blankPageText' in 'titlePage'"))
        #expect(blankError.description.hasPrefix("\(file):\(line("appendixLabel:", blank)):3: error:"))

        let width = try edited("{ field: rag,            header: \"RAG\",       width: 17mm, align: center }",
                               "{ field: rag,            header: \"RAG\",       align: center }")
        let widthError = try #require(inputError { _ = try load(width) })
        let widthRow = line("field: rag,", width)
        #expect(widthError.description.hasPrefix("\(file):\(widthRow):"))
        #expect(widthError.description.contains("missing required key 'width' in 'columns[6]'"))
    }

    @Test("an unknown column field lists the valid names")
    func unknownField() throws {
        let text = try edited("field: polarity,", "field: polarty,")
        let error = try #require(inputError { _ = try load(text) })
        let row = line("field: polarty,", text)
        let col = column(of: "polarty", onLineWith: "field: polarty,", in: text)
        #expect(error.description.hasPrefix("\(file):\(row):\(col): error: 'columns[2].field' must be one of the indicator fields "
                                            + "ref, indicator, polarity, period, previous, current, rag, dot, target, floor, "
                                            + "england, southEast, statNeighbours, source, note; found 'polarty'"), "\(error)")
        #expect(error.description.contains("did you mean 'polarity'?"))

        let far = try edited("field: source,", "field: dataSource,")
        let farError = try #require(inputError { _ = try load(far) })
        #expect(farError.description.contains("'columns[12].field' must be one of the indicator fields"))
        #expect(farError.description.contains("found 'dataSource'"))

        let twice = try edited("field: floor,  ", "field: target,  ")
        let twiceError = try #require(inputError { _ = try load(twice) })
        let twiceRow = CoverReportFixtures.line(of: "field: target,", in: twice, after: line("field: target,", twice))
        #expect(twiceError.description.hasPrefix("\(file):\(twiceRow):"))
        #expect(twiceError.description.contains("'columns[9].field': target already has a column (columns[8])"))

        let emptyList = try layoutText().replacingOccurrences(
            of: #"(?s)columns:\n  - .*?\n\n"#, with: "columns: []\n\n", options: .regularExpression)
        let emptyError = try #require(inputError { _ = try load(emptyList) })
        #expect(emptyError.description == "\(file):\(line("columns: []", emptyList)):10: error: "
                + "'columns' must list at least one column (a list of { field, header, width, align })")
    }

    @Test("fixed column widths wider than the content area are rejected at the width")
    func columnsTooWide() throws {
        // 194mm of fixed columns; 267mm between the margins.
        let text = try edited("width: 13mm, align: center", "width: 90mm, align: center")
        let error = try #require(inputError { _ = try load(text) })
        let row = line("width: 90mm", text)
        let col = column(of: "90mm", onLineWith: "width: 90mm", in: text)
        #expect(error.description == "\(file):\(row):\(col): error: 'columns[12].width' (90mm) brings the fixed column "
                + "widths to 271mm, wider than the content area (267mm between the margins)", "\(error)")

        // Fitting, but squeezing the fill column below its minimum.
        let squeezed = try edited("width: 13mm, align: center", "width: 75mm, align: center")
        let squeezedError = try #require(inputError { _ = try load(squeezed) })
        #expect(squeezedError.description.hasPrefix("\(file):\(line("width: 75mm", squeezed)):\(col): error: "
                                                    + "'columns[12].width' (75mm) brings the fixed column widths to 256mm, "
                                                    + "which leaves only 11mm for the fill column"), "\(squeezedError)")

        // One column too wide on its own is blamed, not the column where the sum happens to overflow.
        let wideRef = try edited("header: \"Ref\",       width: 14mm", "header: \"Ref\",       width: 300mm")
        let wideError = try #require(inputError { _ = try load(wideRef) })
        #expect(wideError.description.hasPrefix("\(file):\(line("width: 300mm", wideRef)):"
                                                + "\(column(of: "300mm", onLineWith: "width: 300mm", in: wideRef)): error: "
                                                + "'columns[0].width' (300mm) is on its own wider than"))

        // A narrower page makes the same columns too wide.
        let portrait = try edited("orientation: landscape", "orientation: portrait")
        let portraitError = try #require(inputError { _ = try load(portrait) })
        #expect(portraitError.description.hasPrefix("\(file):\(line("field: england,", portrait)):"))
        #expect(portraitError.description.contains("'columns[10].width' (17mm) brings the fixed column widths to 166mm "
                                                   + "(194mm in all), which leaves only 14mm for the fill column in a "
                                                   + "content area 180mm wide"))

        let bad = try edited("width: 13mm, align: center", "width: wide, align: center")
        let badError = try #require(inputError { _ = try load(bad) })
        #expect(badError.description.contains("'columns[12].width' must be fill or a length such as \"20mm\""))
        #expect(badError.description.contains("found 'wide'"))

        let zero = try edited("width: 13mm, align: center", "width: 0mm, align: center")
        let zeroError = try #require(inputError { _ = try load(zero) })
        #expect(zeroError.description.contains("'columns[12].width' must be a positive length or fill, found '0mm'"))

        let thin = try edited("width: 13mm, align: center", "width: 1mm, align: center")
        let thinError = try #require(inputError { _ = try load(thin) })
        #expect(thinError.description.contains("'columns[12].width' (1mm) leaves no room for text inside the cell padding"))
    }

    @Test("a rating colour pair below 4.5:1 is refused at the rating")
    func lowContrastRating() throws {
        // The Excel pastel green with white text, as a spreadsheet might have it.
        let text = try edited("green: { fill: \"#5DB85D\", text: \"#000000\" }",
                              "green: { fill: \"#A9D08E\", text: \"#FFFFFF\" }")
        let error = try #require(inputError { _ = try load(text) })
        let row = line("#A9D08E", text)
        let col = column(of: "{ fill: \"#A9D08E\"", onLineWith: "#A9D08E", in: text)
        #expect(error.diagnostics.first?.description
                == "\(file):\(row):\(col): error: 'ratings.green': text #FFFFFF on fill #A9D08E has a contrast ratio of "
                + "only 1.7:1; the rating word needs at least 4.5:1 (WCAG AA) to stay readable - use dark text on a "
                + "light fill, or a darker fill under white text", "\(error)")
        // The pastel green is also as light as the amber: both problems are reported.
        #expect(error.diagnostics.count == 2)
        #expect(error.diagnostics.last?.message.contains("'ratings.green': fill #A9D08E is as light as the amber fill #FFC000") == true)

        let amber = try edited("amber: { fill: \"#FFC000\", text: \"#000000\" }",
                               "amber: { fill: \"#FFC000\", text: \"#FFFFFF\" }")
        let amberError = try #require(inputError { _ = try load(amber) })
        #expect(amberError.description.hasPrefix("\(file):\(line("amber: {", amber)):10: error: 'ratings.amber': text #FFFFFF"))

        // Legible, but no different from amber in a greyscale print.
        let grey = try edited("green: { fill: \"#5DB85D\", text: \"#000000\" }",
                              "green: { fill: \"#A9D08E\", text: \"#000000\" }")
        let greyError = try #require(inputError { _ = try load(grey) })
        #expect(greyError.description.hasPrefix("\(file):\(line("#A9D08E", grey)):10: error: 'ratings.green': fill #A9D08E "
                                                + "is as light as the amber fill #FFC000 (relative luminance 0.55 and 0.59)"))

        let header = try edited("headerFill: \"#D9D9D9\"", "headerFill: \"#404040\"")
        let headerError = try #require(inputError { _ = try load(header) })
        #expect(headerError.description.hasPrefix("\(file):\(line("headerFill:", header)):15: error: 'table.headerFill' (#404040) "
                                                  + "gives the table.header text (#000000) a contrast ratio of only"))
    }

    @Test("other impossible geometry and bad values are located")
    func otherGeometry() throws {
        let footer = try edited("baseline: 8mm", "baseline: 20mm")
        let footerError = try #require(inputError { _ = try load(footer) })
        #expect(footerError.description.hasPrefix("\(file):\(line("baseline: 20mm", footer)):13: error: 'footer.baseline' (20mm) "
                                                  + "must lie inside the bottom margin"))

        let placeholder = try edited("{title} – Page {page} of {pages}", "{title} – Page {page} of {total}")
        let placeholderError = try #require(inputError { _ = try load(placeholder) })
        #expect(placeholderError.description.hasPrefix("\(file):\(line("{total}", placeholder)):13: error: "
                                                       + "'footer.template' uses an unknown placeholder {total}; "
                                                       + "the known ones are {page}, {pages}, {title}"))

        let margins = try edited("    left: 15mm", "    left: 290mm")
        let marginsError = try #require(inputError { _ = try load(margins) })
        #expect(marginsError.description.hasPrefix("\(file):\(line("top: 15mm", margins)):5: error: 'page.margins': "
                                                   + "left 290mm + right 15mm leave no content width on a page 297mm wide"))

        let offset = try edited("blockOffset: 60mm", "blockOffset: 150mm")
        let offsetError = try #require(inputError { _ = try load(offset) })
        #expect(offsetError.description.hasPrefix("\(file):\(line("blockOffset: 150mm", offset)):16: error: "
                                                  + "'titlePage.blockOffset' (150mm) leaves less than 50mm for the title block"))

        let key = try edited("keyTableWidth: 180mm", "keyTableWidth: 280mm")
        let keyError = try #require(inputError { _ = try load(key) })
        #expect(keyError.description.hasPrefix("\(file):\(line("keyTableWidth: 280mm", key)):18: error: "
                                               + "'text.keyTableWidth' (280mm) is wider than the content area (267mm"))

        let district = try edited("indicatorWidth: 56mm", "indicatorWidth: 230mm")
        let districtError = try #require(inputError { _ = try load(district) })
        #expect(districtError.description.hasPrefix("\(file):\(line("indicatorWidth: 230mm", district)):19: error: "
                                                    + "'district.indicatorWidth' (230mm) with 'district.refWidth' (14mm) "
                                                    + "leaves less than 40mm for the district columns"))

        let align = try edited("header: \"RAG\",       width: 17mm, align: center",
                               "header: \"RAG\",       width: 17mm, align: middle")
        let alignError = try #require(inputError { _ = try load(align) })
        #expect(alignError.description.contains("'columns[6].align' must be left, center or right, found 'middle'"))
    }
}
