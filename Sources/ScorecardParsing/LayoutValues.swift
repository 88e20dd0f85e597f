import Foundation
import ScorecardModel

// Value types shared by every layout file (the portrait committee report, the landscape scorecard …).
// Each reads itself from YAML through a `YAMLReader` (`YAMLReader.swift`), so errors carry the file
// position and key path of the offending value, and each keeps its own location for checks made after
// reading.

/// Non-empty text, trimmed of surrounding white space, with its position. Also `Decodable`, for the
/// cover report's front matter.
struct YAMLText: YAMLReadable, Hashable {
    var value: String
    var location: SourceLocation?

    init(yaml: YAMLReader) throws {
        try self.init(yaml.string(), location: yaml.sourceLocation, invalid: yaml.invalidValue)
    }

    /// `raw` trimmed; `invalid` makes the error when nothing is left.
    private init(_ raw: String, location: @autoclosure () -> SourceLocation?, invalid: (String) -> InputError) throws {
        let trimmed = raw.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else { throw invalid("must not be empty") }
        value = trimmed
        self.location = location()
    }
}

/// A length: `"20mm"`, `"1.5cm"`, `"12pt"`, `"0.5in"`, or a bare number meaning points. Never negative.
struct YAMLLength: YAMLReadable, Hashable {
    var length: Length
    var location: SourceLocation?

    static let examples = "a length such as \"20mm\", \"1.5cm\", \"12pt\", \"0.5in\" or a number of points"

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string()
        guard let length = YAMLLength.parse(raw) else {
            throw yaml.invalidValue("must be \(YAMLLength.examples), found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        guard length.points >= 0 else {
            throw yaml.invalidValue("must not be negative, found '\(raw)'")
        }
        self.length = length
        location = yaml.sourceLocation
    }

    /// Parses a number with an optional unit (mm, cm, pt, in; any case, space allowed before the unit).
    static func parse(_ text: String) -> Length? {
        let s = text.trimmingWhitespace().lowercased()
        let units: [(suffix: String, points: Double)] = [("mm", 72 / 25.4), ("cm", 72 / 2.54), ("pt", 1), ("in", 72)]
        var number = Substring(s)
        var factor = 1.0
        for unit in units where s.hasSuffix(unit.suffix) {
            number = s.dropLast(unit.suffix.count)
            factor = unit.points
            break
        }
        let digits = number.trimmingWhitespace()
        // Plain decimal notation only: no exponents, "inf", "nan" or hex.
        guard !digits.isEmpty,
              digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(digits), value.isFinite else { return nil }
        return Length(points: value * factor)
    }
}

/// A colour written `"#RRGGBB"` (quoted: an unquoted `#` starts a YAML comment).
struct YAMLColor: YAMLReadable, Hashable {
    var color: Color
    var location: SourceLocation?

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string().trimmingWhitespace()
        guard raw.hasPrefix("#"), let color = Color(hex: raw) else {
            if raw.isEmpty {
                throw yaml.invalidValue("must be a colour written \"#RRGGBB\" in quotes, found nothing "
                                        + "(an unquoted # starts a YAML comment)")
            }
            throw yaml.invalidValue("must be a colour written \"#RRGGBB\", found '\(raw)'")
        }
        self.color = color
        location = yaml.sourceLocation
    }
}

/// A paper size: `A3`, `A4`, `A5`, `Letter`, `Legal`, or `"210mm x 297mm"`.
struct YAMLPaperSize: YAMLReadable, Hashable {
    var size: Size
    var location: SourceLocation?

    static let named: [String: Size] = [
        "a3": Size(width: .mm(297), height: .mm(420)),
        "a4": Size.a4Portrait,
        "a5": Size(width: .mm(148), height: .mm(210)),
        "letter": Size(width: .pt(612), height: .pt(792)),
        "legal": Size(width: .pt(612), height: .pt(1008)),
    ]

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string().trimmingWhitespace()
        location = yaml.sourceLocation
        if let size = YAMLPaperSize.named[raw.lowercased()] {
            self.size = size
            return
        }
        let parts = raw.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = YAMLLength.parse(String(parts[0])), let h = YAMLLength.parse(String(parts[1])) else {
            throw yaml.invalidValue("must be A3, A4, A5, Letter, Legal or \"WIDTH x HEIGHT\" (e.g. \"210mm x 297mm\"), "
                                    + "found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        guard w.points > 0, h.points > 0 else {
            throw yaml.invalidValue("must have a positive width and height, found '\(raw)'")
        }
        size = Size(width: w, height: h)
    }
}

enum YAMLOrientation: String, YAMLReadable, CaseIterable {
    case portrait, landscape

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string().trimmingWhitespace()
        guard let value = YAMLOrientation(rawValue: raw.lowercased()) else {
            throw yaml.invalidValue("must be portrait or landscape, found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        self = value
    }

    /// `size` turned to this orientation.
    func apply(to size: Size) -> Size {
        let long = max(size.width, size.height), short = min(size.width, size.height)
        switch self {
        case .portrait: return Size(width: short, height: long)
        case .landscape: return Size(width: long, height: short)
        }
    }
}

/// `left`, `center` or `right`.
struct YAMLAlignment: YAMLReadable, Hashable {
    var alignment: TextAlignment

    init(yaml: YAMLReader) throws {
        let raw = try yaml.string().trimmingWhitespace()
        guard let value = TextAlignment(rawValue: raw.lowercased()) else {
            throw yaml.invalidValue("must be left, center or right, found \(raw.isEmpty ? "nothing" : "'\(raw)'")")
        }
        alignment = value
    }
}

/// Distances from the four edges: `{ top: 20mm, right: 20mm, bottom: 25mm, left: 20mm }`, all required.
struct YAMLInsets: YAMLReadable, Hashable {
    var top: YAMLLength
    var right: YAMLLength
    var bottom: YAMLLength
    var left: YAMLLength
    var location: SourceLocation?

    enum CodingKeys: String, CodingKey, CaseIterable { case top, right, bottom, left }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        top = try c.read(YAMLLength.self, .top)
        right = try c.read(YAMLLength.self, .right)
        bottom = try c.read(YAMLLength.self, .bottom)
        left = try c.read(YAMLLength.self, .left)
        location = yaml.sourceLocation
    }

    var insets: Insets { Insets(top: top.length, right: right.length, bottom: bottom.length, left: left.length) }
}

/// Page geometry: `{ size: A4, orientation: portrait, margins: {…} }`. The margins must leave a content area.
struct YAMLPage: YAMLReadable, Hashable {
    var spec: PageSpec
    var location: SourceLocation?
    var marginsLocation: SourceLocation?

    enum CodingKeys: String, CodingKey, CaseIterable { case size, orientation, margins }

    /// The smallest content area accepted, in each direction.
    static let minimumContent = Length.mm(10)

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        let paper = try c.read(YAMLPaperSize.self, .size)
        let orientation = try c.read(YAMLOrientation.self, .orientation)
        let margins = try c.read(YAMLInsets.self, .margins)
        let size = orientation.apply(to: paper.size)
        spec = PageSpec(size: size, margins: margins.insets)
        location = yaml.sourceLocation
        marginsLocation = margins.location
        let path = YAMLDocument.pathDescription(yaml.codingPath + [CodingKeys.margins])
        if margins.insets.horizontal > size.width - YAMLPage.minimumContent {
            throw InputError("'\(path)': left \(formatMillimetres(margins.left.length)) + right \(formatMillimetres(margins.right.length)) leave no "
                             + "content width on a page \(formatMillimetres(size.width)) wide (at least \(formatMillimetres(YAMLPage.minimumContent)) is needed)",
                             at: margins.location)
        }
        if margins.insets.vertical > size.height - YAMLPage.minimumContent {
            throw InputError("'\(path)': top \(formatMillimetres(margins.top.length)) + bottom \(formatMillimetres(margins.bottom.length)) leave no "
                             + "content height on a page \(formatMillimetres(size.height)) high (at least \(formatMillimetres(YAMLPage.minimumContent)) is needed)",
                             at: margins.location)
        }
    }
}

/// A text style: `{ size: 12pt, leading: 1.25, bold: false, italic: false, color: "#000000" }`, all required.
struct YAMLTextStyle: YAMLReadable, Hashable {
    var style: TextStyle
    var location: SourceLocation?

    enum CodingKeys: String, CodingKey, CaseIterable { case size, leading, bold, italic, color }

    init(yaml: YAMLReader) throws {
        let c = try yaml.mapping(keyedBy: CodingKeys.self)
        let size = try c.read(YAMLLength.self, .size)
        let leading = try c.double(.leading)
        let bold = try c.bool(.bold)
        let italic = try c.bool(.italic)
        let color = try c.read(YAMLColor.self, .color)
        guard size.length.points >= 1, size.length.points <= 500 else {
            throw yaml.invalidValue(forKey: CodingKeys.size, "must be between 1pt and 500pt, found \(size.length.points)pt")
        }
        guard leading.isFinite, leading >= 0.5, leading <= 5 else {
            throw yaml.invalidValue(forKey: CodingKeys.leading,
                                    "must be a multiple of the size between 0.5 and 5 (e.g. 1.25), found \(leading)")
        }
        style = TextStyle(size: size.length, bold: bold, italic: italic, leading: leading, color: color.color)
        location = yaml.sourceLocation
    }
}

/// "20mm" or "12.5mm" for messages.
func formatMillimetres(_ length: Length) -> String {
    let value = (length.millimetres * 10).rounded() / 10
    return value == value.rounded() ? "\(Int(value))mm" : "\(value)mm"
}
