import Foundation
import ScorecardModel

// The indicator-table columns and the RAG rating colours of `Layouts/scorecard-landscape.yaml`, and the
// checks that need the whole file (the page width, the cell padding).

/// A column width: a length such as `"14mm"`, or `fill` for a share of what the fixed columns leave.
struct YAMLColumnWidth: YAMLReadable, Hashable {
    var width: IndicatorColumn.Width
    var location: SourceLocation?

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string().trimmingWhitespace()
        location = yaml.sourceLocation
        if raw.lowercased() == "fill" {
            width = .fill
            return
        }
        guard let length = YAMLLength.parse(raw) else {
            throw yaml.invalidValue("must be fill or \(YAMLLength.examples), found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        guard length.points > 0 else {
            throw yaml.invalidValue("must be a positive length or fill, found '\(raw)'")
        }
        width = .fixed(length)
    }

    var fixed: Length? {
        if case .fixed(let length) = width { return length }
        return nil
    }
}

extension ScorecardLayoutFile {
    /// One item of `columns`: `{ field: ref, header: "Ref", width: 14mm, align: left }`.
    struct Column: YAMLReadable {
        var field: IndicatorColumn.Field
        var fieldLocation: SourceLocation?
        var header: YAMLText
        var width: YAMLColumnWidth
        var align: YAMLAlignment

        enum CodingKeys: String, CodingKey, CaseIterable { case field, header, width, align }

        /// The names a column's `field` may take, in the model's order.
        static let fieldNames = IndicatorColumn.Field.allCases.map(\.rawValue)

        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            let raw = try c.string(.field).trimmingWhitespace()
            guard let field = IndicatorColumn.Field(rawValue: raw) else {
                var message = "must be one of the indicator fields \(Column.fieldNames.joined(separator: ", ")); "
                    + "found \(raw.isEmpty ? "nothing" : "'\(raw)'")"
                if let guess = YAMLDocument.suggestion(for: raw, among: Column.fieldNames) {
                    message += " (did you mean '\(guess)'?)"
                }
                throw yaml.invalidValue(forKey: CodingKeys.field, message)
            }
            self.field = field
            fieldLocation = yaml.sourceLocation(forKey: CodingKeys.field)
            header = try c.read(YAMLText.self, .header)
            width = try c.read(YAMLColumnWidth.self, .width)
            align = try c.read(YAMLAlignment.self, .align)
        }

        var column: IndicatorColumn {
            IndicatorColumn(field: field, header: header.value, width: width.width, alignment: align.alignment)
        }
    }

    /// `ratings`: the fill and text colour of each RAG rating.
    struct Ratings: YAMLReadable {
        var red, amber, green: Rating

        enum CodingKeys: String, CodingKey, CaseIterable { case red, amber, green }

        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            red = try c.read(Rating.self, .red)
            amber = try c.read(Rating.self, .amber)
            green = try c.read(Rating.self, .green)
        }

        /// Each rating's text must be readable on its fill, and the three fills must differ in lightness
        /// (greyscale prints, colour-blind readers). Problems are located at the rating at fault.
        func check(into problems: inout Diagnostics) {
            let all = [red, amber, green]
            for rating in all {
                let ratio = rating.fill.color.contrastRatio(with: rating.text.color)
                guard ratio < ScorecardStyleLoader.minimumContrast else { continue }
                problems.error("'\(rating.path)': text \(ScorecardStyleLoader.hex(rating.text.color)) on fill "
                               + "\(ScorecardStyleLoader.hex(rating.fill.color)) has a contrast ratio of only "
                               + "\(ScorecardStyleLoader.ratio(ratio)); the rating word needs at least "
                               + "\(ScorecardStyleLoader.ratio(ScorecardStyleLoader.minimumContrast)) (WCAG AA) to stay "
                               + "readable - use dark text on a light fill, or a darker fill under white text",
                               at: rating.location)
            }
            for (i, first) in all.enumerated() {
                for second in all[(i + 1)...] {
                    let a = first.fill.color.relativeLuminance, b = second.fill.color.relativeLuminance
                    guard abs(a - b) <= ScorecardStyleLoader.minimumLuminanceDifference else { continue }
                    problems.error("'\(second.path)': fill \(ScorecardStyleLoader.hex(second.fill.color)) is as light as "
                                   + "the \(first.name) fill \(ScorecardStyleLoader.hex(first.fill.color)) (relative luminance "
                                   + "\(String(format: "%.2f", b)) and \(String(format: "%.2f", a))); the fills must differ "
                                   + "by more than \(ScorecardStyleLoader.minimumLuminanceDifference) so that the ratings "
                                   + "stay apart in a greyscale print and for colour-blind readers",
                                   at: second.location)
                }
            }
        }
    }

    /// One rating's colours: `{ fill: "#B00020", text: "#FFFFFF" }`.
    struct Rating: YAMLReadable {
        var fill: YAMLColor
        var text: YAMLColor
        /// `ratings.red`, for messages.
        var path: String
        /// `red`.
        var name: String
        var location: SourceLocation?

        enum CodingKeys: String, CodingKey, CaseIterable { case fill, text }

        init(yaml: YAMLReader) throws {
            let c = try yaml.mapping(keyedBy: CodingKeys.self)
            fill = try c.read(YAMLColor.self, .fill)
            text = try c.read(YAMLColor.self, .text)
            path = yaml.pathDescription
            name = yaml.lastKey?.stringValue ?? path
            location = yaml.sourceLocation
        }

        var colors: RatingColors { RatingColors(fill: fill.color, text: text.color) }
    }

    /// Each field at most once; every fixed width wider than the cell padding; the fixed widths within
    /// the content width, leaving `minimumFillColumn` to each `fill` column.
    func checkColumns(content: Rect, into problems: inout Diagnostics) {
        let padding = table.cellPadding.insets.horizontal
        for (i, column) in columns.enumerated() {
            // A linear search: a dozen columns, and a `[Field: Int]` costs a conformance search to create.
            if let first = columns[..<i].firstIndex(where: { $0.field == column.field }) {
                problems.error("'columns[\(i)].field': \(column.field.rawValue) already has a column (columns[\(first)]); "
                               + "each field may appear once", at: column.fieldLocation)
            }
            if let width = column.width.fixed, width <= padding {
                problems.error("'columns[\(i)].width' (\(formatMillimetres(width))) leaves no room for text inside the "
                               + "cell padding (\(formatMillimetres(padding)) left and right)", at: column.width.location)
            }
        }

        let fills = columns.filter { $0.width.width == .fill }.count
        let fixedTotal = columns.compactMap(\.width.fixed).reduce(Length.zero, +)
        let limit = content.width - ScorecardStyleLoader.minimumFillColumn * Double(fills)
        let tolerance = 0.01   // points: widths that add up exactly to the content width are fine
        // A single column that cannot fit is the value at fault, wherever it stands in the list.
        if let (i, column) = columns.enumerated().first(where: { ($0.element.width.fixed?.points ?? 0) > limit.points + tolerance }),
           let width = column.width.fixed {
            let room = fills == 0 ? "the content area (\(formatMillimetres(content.width)) between the margins)"
                : "the \(formatMillimetres(limit)) the content area (\(formatMillimetres(content.width)) between the margins) "
                  + "has after \(formatMillimetres(ScorecardStyleLoader.minimumFillColumn)) for each fill column"
            problems.error("'columns[\(i)].width' (\(formatMillimetres(width))) is on its own wider than \(room)",
                           at: column.width.location)
            return
        }
        var sum = Length.zero
        for (i, column) in columns.enumerated() {
            guard let width = column.width.fixed else { continue }
            sum += width
            guard sum.points > limit.points + tolerance else { continue }
            let path = "'columns[\(i)].width' (\(formatMillimetres(width)))"
            let reach = "brings the fixed column widths to \(formatMillimetres(sum))"
                + (fixedTotal.points > sum.points + tolerance ? " (\(formatMillimetres(fixedTotal)) in all)" : "")
            if sum.points > content.width.points + tolerance || fills == 0 {
                problems.error("\(path) \(reach), wider than the content area (\(formatMillimetres(content.width)) "
                               + "between the margins)", at: column.width.location)
            } else {
                let left = formatMillimetres(content.width - sum)
                let what = fills == 1 ? "the fill column" : "\(fills) fill columns"
                problems.error("\(path) \(reach), which leaves only \(left) for \(what) in a content area "
                               + "\(formatMillimetres(content.width)) wide (at least "
                               + "\(formatMillimetres(ScorecardStyleLoader.minimumFillColumn)) each)",
                               at: column.width.location)
            }
            break
        }
    }
}
