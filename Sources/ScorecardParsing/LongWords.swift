import ScorecardModel

/// Words longer than any line can show: runs of more than `maximumCharacters` characters with no
/// white space in them (pasted data such as an encoded blob, or text whose spaces were lost).
///
/// Such a word has to be broken between characters, a column's width at a time, and Pango's line
/// breaking (which the measurer follows exactly) looks at the whole rest of the word for every line
/// it sets: a 100,000-character word in a narrow table column took minutes and hundreds of pages.
/// No real word, number or web address comes near the limit, so it is an input error, located.
///
/// Contract: a word is a maximal run of Unicode scalars other than white space that breaks a line
/// (space, tab, line and paragraph separators, the Unicode spaces U+1680, U+2000–U+2006,
/// U+2008–U+200A, U+205F, U+3000 and the zero-width space U+200B); the no-break spaces (U+00A0,
/// U+2007, U+202F) join words. Its length counts Unicode scalars. Checked: every CSV field (an
/// error at the field, `CSVInput.records`), the text of every Markdown node (at the node,
/// `MarkdownReportBody`) and every YAML text value (`checkValue`, from both YAML readers).
public enum LongWords {
    /// The longest word accepted, in characters.
    public static let maximumCharacters = 1_000

    /// Whether `scalar` ends a word (see the contract).
    static func separates(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0x1680, 0x2000...0x2006, 0x2008...0x200B, 0x2028, 0x2029, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The length of the longest word of `text`, in characters.
    public static func longestWord(in text: String) -> Int {
        var longest = 0, current = 0
        for scalar in text.unicodeScalars {
            if separates(scalar) {
                current = 0
            } else {
                current += 1
                longest = max(longest, current)
            }
        }
        return longest
    }

    /// The message for one long word.
    public static func message(length: Int) -> String {
        "a word here is \(length.withThousandsSeparators) characters long with no space in it; a word may have at most "
            + "\(maximumCharacters.withThousandsSeparators) characters (no line can show a longer one: look for pasted data or lost spaces)"
    }

    /// The length of the longest word of `text` when it is over the limit; nil otherwise (text of
    /// at most `maximumCharacters` UTF-8 bytes is not even scanned).
    public static func overlong(_ text: String) -> Int? {
        guard text.utf8.count > maximumCharacters else { return nil }
        let longest = longestWord(in: text)
        return longest > maximumCharacters ? longest : nil
    }

    /// Throws a `DecodingError.dataCorrupted` at `codingPath` when a YAML value holds a word over
    /// the limit.
    static func checkValue(_ value: String, codingPath: [CodingKey]) throws {
        guard let longest = overlong(value) else { return }
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: message(length: longest)))
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
