import ScorecardModel

/// Text no page can show: a word (a run of characters with no white space) over
/// `maximumWordCharacters`, or one text — a CSV cell, a paragraph or heading of a cover report, a
/// YAML value — over `maximumTextCharacters` (Excel's own limit for a cell).
///
/// Such text is pasted data or text that lost its spaces, and setting it costs time that grows
/// with the square of its length: a word has to be broken between characters a column's width at
/// a time, and Pango's line breaking (which the measurer follows exactly) looks at the whole rest
/// of the word for every line it sets (a 100,000-character word in a narrow table column took 99 s
/// and 742 pages); a text wider than half a million points goes to Pango's layout, which finds
/// each line's positions by counting characters from the start of the text (100,000 characters of
/// words in one cell: 3.3 s). No real word, address or cell comes near the limits, so both are
/// input errors, located.
///
/// Contract: a word is a maximal run of Unicode scalars with no white space between them at which a
/// line may break: space, tab, line and paragraph separators, the Unicode spaces U+1680,
/// U+2000–U+2006, U+2008–U+200A, U+205F, U+3000 and the zero-width space U+200B, but not the
/// no-break spaces (U+00A0, U+2007, U+202F), and not white space (other than a line feed or
/// separator) followed by a character no line may start with (`)]}!?,.:;/`, quotation marks) or
/// preceded by one no line may end with (`([{`, quotation marks, `¿¡`): Pango's line breaking
/// cannot break there either, so a pasted list like `'E06' 'E07' …` is one word. Lengths count
/// Unicode scalars. Checked: every CSV field (an error at
/// the field, the first 20 of a file and then a count, `CSVInput.records`), the text of every Markdown node and the whole text of every
/// paragraph and heading (at the node, `MarkdownReportBody`) and every YAML text value
/// (`checkValue`, from both YAML readers).
public enum TextLimits {
    /// The longest word accepted, in characters.
    public static let maximumWordCharacters = 1_000
    /// The longest text accepted, in characters: the most an Excel cell holds.
    public static let maximumTextCharacters = 32_767
    /// Fields of one CSV reported one by one; the rest are counted in one more error.
    static let maximumReported = 20

    /// Whether `scalar` is white space that may break a line (see the contract).
    static func separates(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0x1680, 0x2000...0x2006, 0x2008...0x200B, 0x2028, 0x2029, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Line feeds and separators: white space that always breaks a line.
    static func breaksAlways(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Characters no line may start with, even after spaces (Unicode line breaking: closing
    /// punctuation, exclamation, infix separators, the solidus and quotation marks).
    static let noBreakBefore: Set<Unicode.Scalar> = Set(")]}!?,.:;/\"'«»‹›‘’“”".unicodeScalars)
    /// Characters no line may end with, even before spaces (opening punctuation and quotation marks).
    static let noBreakAfter: Set<Unicode.Scalar> = Set("([{\"'«»‹›‘’“”„‚¿¡".unicodeScalars)

    /// The length of the longest word of `text`, in characters: white space joins the words around
    /// it when the character after it may not start a line or the one before it may not end one
    /// (`"a" "b"`, `( x`, `x ,`), as Pango's line breaking joins them.
    public static func longestWord(in text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var longest = 0, current = 0, i = 0
        var previous: Unicode.Scalar?
        while i < scalars.count {
            guard separates(scalars[i]) else {
                current += 1
                longest = max(longest, current)
                previous = scalars[i]
                i += 1
                continue
            }
            var end = i
            while end < scalars.count, separates(scalars[end]) { end += 1 }
            let next = end < scalars.count ? scalars[end] : nil
            let joined = !scalars[i..<end].contains(where: breaksAlways)
                && (previous.map { noBreakAfter.contains($0) } == true || next.map { noBreakBefore.contains($0) } == true)
            if joined {
                current += end - i
                longest = max(longest, current)
            } else {
                current = 0
            }
            i = end
        }
        return longest
    }

    /// What is wrong with `text`, as a message; nil when it is within both limits (text of at most
    /// `maximumWordCharacters` UTF-8 bytes is not even scanned).
    public static func problem(_ text: String) -> String? {
        guard text.utf8.count > maximumWordCharacters else { return nil }
        let length = text.unicodeScalars.count
        if length > maximumTextCharacters { return textMessage(length: length) }
        let longest = longestWord(in: text)
        return longest > maximumWordCharacters ? wordMessage(length: longest) : nil
    }

    public static func wordMessage(length: Int) -> String {
        "a word here is \(length.withThousandsSeparators) characters long with no space in it; a word may have at most "
            + "\(maximumWordCharacters.withThousandsSeparators) characters (no line can show a longer one: look for pasted data or lost spaces)"
    }

    public static func textMessage(length: Int) -> String {
        "this text is \(length.withThousandsSeparators) characters long; a cell, paragraph or value may have at most "
            + "\(maximumTextCharacters.withThousandsSeparators) (the most an Excel cell holds: look for pasted data or a missing quote)"
    }

    /// Throws a `DecodingError.dataCorrupted` at `codingPath` when a YAML value is over a limit.
    static func checkValue(_ value: String, codingPath: [CodingKey]) throws {
        guard let problem = problem(value) else { return }
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: problem))
    }
}

private extension Int {
    /// With thousands separators, as the messages write numbers ("100,001").
    var withThousandsSeparators: String {
        let digits = String(self)
        var out = ""
        for (k, digit) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
