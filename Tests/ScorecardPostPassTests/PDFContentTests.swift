import Foundation
import PDFTagging
import Testing
@testable import ScorecardPostPass

@Suite("PDFContent")
struct PDFContentTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    /// Every operation's class and range, as the marking pass reads them (`nextOperatorOrOperand`).
    static func classifiedOperations(in bytes: UnsafeBufferPointer<UInt8>) throws -> [(operatorClass: PDFContent.OperatorClass, range: Range<Int>)] {
        var lexer = PDFContent.Lexer(bytes: bytes)
        var operations: [(operatorClass: PDFContent.OperatorClass, range: Range<Int>)] = []
        while let (operatorClass, operation, _) = try lexer.nextOperation() { operations.append((operatorClass, operation)) }
        return operations
    }

    typealias Run = TaggedStructure.MarkedRun

    /// `content` marked from `runs` (fonts named F2 have two-byte codes, others one), as text, and
    /// the MCID owners; or the error's reason.
    static func marked(_ content: String, _ runs: [Run], roles: [String] = ["TD", "TH", "P"]) -> (text: String, owners: [Int])? {
        try? markedOrReason(content, runs, roles: roles).get()
    }

    static func markedOrReason(_ content: String, _ runs: [Run], roles: [String] = ["TD", "TH", "P"]) -> Result<(text: String, owners: [Int]), PDFContentError> {
        bytes(content).withUnsafeBufferPointer { buffer in
            do {
                let page = try PDFContent.markingContent(buffer, runs: runs, codeWidth: { $0 == "F2" ? 2 : 1 }) { roles[$0] }
                return .success((String(decoding: page.content, as: UTF8.self), page.owners))
            } catch let error as PDFContentError {
                return .failure(error)
            } catch {
                return .failure(PDFContentError(offset: -1, reason: "\(error)"))
            }
        }
    }

    static func reason(_ content: String, _ runs: [Run]) -> String {
        switch markedOrReason(content, runs) {
        case .success: return "no error"
        case .failure(let error): return error.reason
        }
    }

    @Test func runsBecomeMarkedContentAndArtifacts() throws {
        let content = "q 1 1 1 rg 0 0 10 10 re f 0 g BT /F1 9 Tf 1 0 0 1 5 5 Tm (ab)Tj 20 0 Td (c)Tj ET 0 0 5 5 re S Q"
        let result = try #require(Self.marked(content, [Run(owner: nil, paints: 1), Run(owner: 0, glyphs: 2), Run(owner: 1, glyphs: 1), Run(owner: 1, paints: 1)]))
        #expect(result.text == """
            q
            /Artifact BMC 1 1 1 rg 0 0 10 10 re f
            EMC 0 g BT
            /TD <</MCID 0>> BDC /F1 9 Tf 1 0 0 1 5 5 Tm (ab)Tj
            EMC
            /TH <</MCID 1>> BDC 20 0 Td (c)Tj
            EMC ET
            /TH <</MCID 2>> BDC 0 0 5 5 re S
            EMC Q
            """.replacingOccurrences(of: "\n", with: "\n"))
        // The TH's glyph and its stroke are on either side of ET: two sequences, both its own.
        #expect(result.owners == [0, 1, 1])
    }

    @Test func aTextOperatorShowingTwoRunsIsCutBetweenTheirGlyphs() throws {
        // "a)b" then "A" (octal 101) and the line feed of "\n": the adjustment stays in order.
        let content = "BT /F1 1 Tf [(a\\)b)-250(\\101\\n)]TJ ET"
        let result = try #require(Self.marked(content, [Run(owner: 0, glyphs: 4), Run(owner: 2, glyphs: 1)]))
        #expect(result.text == "BT\n/TD <</MCID 0>> BDC /F1 1 Tf [<612962> -250<41>]TJ\nEMC\n/P <</MCID 1>> BDC\n[<0a>]TJ\nEMC ET", "\(result.text)")
        #expect(result.owners == [0, 2])
        // Two-byte codes are never cut inside a code.
        let wide = try #require(Self.marked("BT /F2 1 Tf <00410042 0043>Tj ET", [Run(owner: 0, glyphs: 1), Run(owner: 1, glyphs: 2)]))
        #expect(wide.text.contains("[<0041>]TJ\nEMC\n/TH <</MCID 1>> BDC\n[<00420043>]TJ"), "\(wide.text)")
        // ' moves to the next line first, then shows: kept when cut.
        let quote = try #require(Self.marked("BT /F1 1 Tf (xy)' ET", [Run(owner: 0, glyphs: 1), Run(owner: 1, glyphs: 1)]))
        #expect(quote.text.contains("T*\n[<78>]TJ\nEMC\n/TH <</MCID 1>> BDC\n[<79>]TJ"), "\(quote.text)")
    }

    @Test func cairosOwnMarkedContentIsRemovedOrKeptWhole() throws {
        // A link's empty sequence goes; an ActualText span stays inside its run's sequence.
        let content = "/Link << /MCID 0 >> BDC EMC BT /F1 1 Tf /Span << /ActualText <FEFF0066006C> >> BDC (X)Tj EMC (y)Tj ET"
        let result = try #require(Self.marked(content, [Run(owner: 0, glyphs: 2)]))
        #expect(!result.text.contains("Link"))
        #expect(result.text.contains("/TD <</MCID 0>> BDC /F1 1 Tf /Span << /ActualText <FEFF0066006C> >> BDC (X)Tj EMC (y)Tj\nEMC ET"), "\(result.text)")
        // A run boundary inside cairo's span cannot be marked.
        #expect(Self.reason("BT /F1 1 Tf /Span << /ActualText <FEFF0066> >> BDC (X)Tj (y)Tj EMC ET", [Run(owner: 0, glyphs: 1), Run(owner: 1, glyphs: 1)])
            .contains("inside marked content cairo wrote"))
    }

    /// The quick count of shown bytes agrees with reading the strings, whatever they hold.
    @Test func shownBytesAreCountedAsTheStringsRead() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "\\(", "\\)", "\\\\", "\\n", "\\101", "\\7", "\\12x", "\\\r\n", "\\\n", "\r\n", "\r", "\n", "(b)", "()", " ", "\\q"]
        for _ in 0..<500 {
            var operands = "["
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                if Bool.random(using: &generator) {
                    operands += "(" + (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() + ")"
                } else {
                    operands += "<" + (0..<Int.random(in: 0...7, using: &generator)).map { _ in ["4", "1", "a", "F", " ", "\n"].randomElement(using: &generator)! }.joined() + ">"
                }
                operands += [" ", "-120 ", "3"].randomElement(using: &generator)!
            }
            operands += "]"
            let content = Self.bytes(operands + " TJ")
            try content.withUnsafeBufferPointer { buffer in
                let operatorStart = content.count - 2
                let text = try ShownText(buffer, operation: 0..<content.count, operatorRange: operatorStart..<content.count, quickly: false)
                let read = text.elements.reduce(0) { total, element in
                    if case .string(let s) = element { return total + s.count } else { return total }
                }
                #expect(ShownText.byteCount(buffer, operands: 0..<operatorStart) == read, "\(operands)")
                // The quick reading of a TJ array (used when one is cut) gives the lexer's elements.
                let quick = try #require(ShownText.arrayElements(UnsafeBufferPointer(rebasing: buffer[0..<operatorStart]), base: 0))
                #expect(quick.count == text.elements.count, "\(operands)")
                for (a, b) in zip(quick, text.elements) {
                    switch (a, b) {
                    case (.string(let x), .string(let y)): #expect(x == y, "\(operands)")
                    case (.adjustment(let x), .adjustment(let y)): #expect(x == y, "\(operands)")
                    default: Issue.record("elements differ in kind: \(operands)")
                    }
                }
            }
        }
    }

    @Test func sequencesNeverCrossASavedStateOrATextObject() throws {
        // One artifact run of two fills, one inside q … Q: a sequence on each side of q and Q.
        let saved = try #require(Self.marked("0 0 1 1 re f q 1 0 0 1 5 5 cm 0 0 1 1 re f Q", [Run(owner: nil, paints: 2)]))
        #expect(saved.text == "/Artifact BMC\n0 0 1 1 re f\nEMC q\n/Artifact BMC 1 0 0 1 5 5 cm 0 0 1 1 re f\nEMC Q")
        // State set up before a text object stays outside; nothing marks an empty text object.
        let text = try #require(Self.marked("0 g BT ET BT /F1 1 Tf (a)Tj ET", [Run(owner: 0, glyphs: 1)]))
        #expect(text.text == "0 g BT ET BT\n/TD <</MCID 0>> BDC /F1 1 Tf (a)Tj\nEMC ET")
    }

    @Test func cairosMarkedContentThatPaintsNothingStaysWhereItIs() throws {
        // The /ActualText of a character without a glyph, after the last run: left in the open
        // sequence, not taken as the start of a run that does not exist.
        let end = try #require(Self.marked("BT /F1 1 Tf (a)Tj /Span << /ActualText <FEFF200B> >> BDC EMC ET", [Run(owner: 0, glyphs: 1)]))
        #expect(end.text == "BT\n/TD <</MCID 0>> BDC /F1 1 Tf (a)Tj /Span << /ActualText <FEFF200B> >> BDC EMC\nEMC ET")
        // Between two runs it stays in the first one's sequence.
        let between = try #require(Self.marked("BT /F1 1 Tf (a)Tj /Span << /ActualText <FEFF200B> >> BDC EMC (b)Tj ET",
                                               [Run(owner: 0, glyphs: 1), Run(owner: 1, glyphs: 1)]))
        #expect(between.owners == [0, 1])
        #expect(between.text.contains("(a)Tj /Span << /ActualText <FEFF200B> >> BDC EMC\nEMC\n/TH"), "\(between.text)")
        // A comment among a text operator's operands shows nothing.
        let comment = try #require(Self.marked("BT /F1 1 Tf [(a) % (bc)\n] TJ ET", [Run(owner: 0, glyphs: 1)]))
        #expect(comment.owners == [0])
    }

    @Test func aFillAndStrokeOfTwoOwnersIsRefused() {
        #expect(Self.reason("0 0 5 5 re B", [Run(owner: nil, paints: 1), Run(owner: 3, paints: 1)]).contains("two owners"))
    }

    @Test func aFillAndStrokeInOneOperatorCountsTwice() throws {
        let result = try #require(Self.marked("0 0 5 5 re B 1 1 2 2 re f", [Run(owner: 0, paints: 2), Run(owner: nil, paints: 1)]))
        #expect(result.text == "/TD <</MCID 0>> BDC\n0 0 5 5 re B\nEMC\n/Artifact BMC 1 1 2 2 re f\nEMC")
    }

    @Test func contentThatDisagreesWithTheRunsIsRefused() {
        let text = "BT /F1 1 Tf (abc)Tj ET"
        #expect(Self.reason(text, [Run(owner: 0, glyphs: 2)]).contains("beyond what the page was drawn with"))
        #expect(Self.reason(text, [Run(owner: 0, glyphs: 4)]).contains("1 glyph(s) and 0 painting call(s) more than its content holds"))
        #expect(Self.reason(text, [Run(owner: 0, paints: 1)]).contains("text where the drawing has 1 painting call(s)"))
        #expect(Self.reason("0 0 1 1 re f", [Run(owner: 0, glyphs: 1)]).contains("painting where the drawing has 1 glyph(s)"))
        #expect(Self.reason("(x)Tj", [Run(owner: 0, glyphs: 1)]).contains("before any Tf"))
        #expect(Self.reason("BT /F2 1 Tf <004100>Tj ET", [Run(owner: 0, glyphs: 1)]).contains("2-byte codes"))
        #expect(Self.reason("EMC", []).contains("EMC without BDC"))
        #expect(Self.reason("/Link << /MCID 0 >> BDC 0 0 1 1 re f EMC", [Run(owner: 0, paints: 1)]).contains("holds content"))
    }

    @Test func tokenizesOperandsOfEveryKind() throws {
        let source = """
            % a comment with BT (x) Tj in it
            /Span << /MCID 3 /ActualText (a \\) b (c) \\\\) /Nested << /A [1 2 <0aF3>] >> >> BDC
            -.5 +3 4. 0 Tc
            [(A)-120(B\\050)] TJ
            <48 65 6c6C 6f> Tj
            /Name#20With#23Escapes gs
            true false null d0
            EMC
            """
        let ops = try PDFContent.operations(Self.bytes(source))
        #expect(ops.map(\.name) == ["BDC", "Tc", "TJ", "Tj", "gs", "d0", "EMC"])
        #expect(ops[0].operands.first == .name("Span"))
        if case .dictionary(let r)? = ops[0].operands.last {
            #expect(String(decoding: Self.bytes(source)[r], as: UTF8.self).hasSuffix("<0aF3>] >> >>"))
        } else {
            Issue.record("BDC has no dictionary operand")
        }
        #expect(ops[1].operands == [.number(-0.5), .number(3), .number(4), .number(0)])
        if case .array? = ops[2].operands.first {} else { Issue.record("TJ has no array operand") }
        if case .string? = ops[3].operands.first {} else { Issue.record("Tj has no string operand") }
        #expect(ops[4].operands == [.name("Name With#Escapes")])
        #expect(ops[5].operands == [.keyword("true"), .keyword("false"), .keyword("null")])
        // Ranges run from the first operand to the end of the operator.
        #expect(String(decoding: Self.bytes(source)[ops[1].range], as: UTF8.self) == "-.5 +3 4. 0 Tc")
    }

    @Test func inlineImagesAreOneOperationWhateverTheirData() throws {
        // "EI" inside the data is not preceded by whitespace, so it does not end the image.
        let data: [UInt8] = [0x78, 0x45, 0x49, 0x79, 0xFF, 0x28]
        let stream = Self.bytes("q BI /W 2 /H 3 /BPC 8 /CS /G ID ") + data + Self.bytes(" EI Q")
        let ops = try PDFContent.operations(stream)
        #expect(ops.map(\.name) == ["q", "BI", "Q"])
        #expect(ops[1].range.upperBound == stream.count - 2)
        // With a declared length the data may even hold " EI ".
        let tricky = Self.bytes("BI /W 4 /H 1 /L 4 ID  EI EI Q")
        #expect(try PDFContent.operations(tricky).map(\.name) == ["BI", "Q"])
        let marked = try #require(Self.marked(String(decoding: stream, as: UTF8.self), [Run(owner: nil, paints: 1)]))
        #expect(marked.text.hasPrefix("q\n/Artifact BMC BI"))
        #expect(try PDFContent.unmarkedPaintingOperators(Self.bytes(marked.text)) == [])
    }

    @Test func malformedStreamsThrow() {
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("(unterminated Tj")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("[1 2 TJ")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("<< /A 1 ] >> BDC")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("<zz> Tj")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("BI /W 1 ID xx")) }
        #expect(Self.reason("0 0 1 1 re f EMC", [Run(owner: nil, paints: 1)]).contains("EMC without BDC"))
        #expect(Self.reason("/P BMC 0 0 1 1 re f", [Run(owner: nil, paints: 1)]).contains("not closed by EMC"))
    }

    @Test func byteClassesAreThoseOfThePDFSyntax() {
        let whitespace: Set<UInt8> = [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20]
        let delimiters = Set("()<>[]{}/%".utf8)
        for b in UInt8.min...UInt8.max {
            #expect(PDFContent.Lexer.isWhitespace(b) == whitespace.contains(b), "byte \(b)")
            #expect(PDFContent.Lexer.isDelimiter(b) == delimiters.contains(b), "byte \(b)")
            #expect(PDFContent.Lexer.isRegular(b) == !(whitespace.contains(b) || delimiters.contains(b)), "byte \(b)")
        }
    }

    @Test func arraysAndDictionariesNestDeeperThanTheBitStack() throws {
        // 70 levels, arrays and dictionaries alternating, past the 64 the lexer keeps in bits.
        let opens = (0..<70).map { $0 % 3 == 2 ? "<< /K " : "[" }
        let closes = opens.reversed().map { $0 == "[" ? "]" : ">>" }
        let composite = opens.joined() + "1" + closes.joined()
        let source = Self.bytes(composite + " /Tag BDC EMC")
        let ops = try source.withUnsafeBufferPointer { try Self.classifiedOperations(in: $0) }
        #expect(ops.count == 2)
        #expect(ops.first?.range == 0..<(composite.utf8.count + 9))
        // A wrong closer at each depth, inside and beyond the bits, is reported where it stands.
        for depth in [1, 63, 64, 65, 70] {
            var closers = Array(closes.suffix(depth))
            closers[0] = closers[0] == "]" ? ">>" : "]"
            let broken = opens.prefix(depth).joined() + "1" + closers.joined()
            let offset = (opens.prefix(depth).joined() + "1").utf8.count
            let error = #expect(throws: PDFContentError.self) {
                try Self.bytes(broken + " Tj").withUnsafeBufferPointer { try Self.classifiedOperations(in: $0) }
            }
            #expect(error?.offset == offset, "depth \(depth)")
        }
    }

    @Test func markingPassSeesTheSameOperationsAsTheTokenizer() throws {
        let source = """
            /P <</MCID 0 /N /A#20b>> BDC BT /F1 1 Tf (x) Tj [(a) 2 (b)] TJ (c) ' 1 2 (d) " ET EMC
            q 1 0 0 1 5 5 cm 0 0 m 1 1 l 2 2 3 3 4 4 c 5 5 6 6 v 7 7 8 8 y h S 0 0 1 1 re W* n f* B* b* s F B b
            true false null d0 +.5 -3 1.2.3 foo /Im1 Do /Sh sh W f Q
            BI /W 1 /H 1 /L 1 ID x EI BMC EMC BX EX
            """
        let bytes = Self.bytes(source)
        let full = try PDFContent.operations(bytes)
        let classified = try bytes.withUnsafeBufferPointer { try Self.classifiedOperations(in: $0) }
        #expect(classified.map(\.range) == full.map(\.range))
        for (op, c) in zip(full, classified) {
            let expected: PDFContent.OperatorClass
            switch op.name {
            case "BDC", "BMC": expected = .beginMarked
            case "EMC": expected = .endMarked
            case "BT": expected = .beginText
            case "ET": expected = .endText
            case "n": expected = .endPath
            case "q": expected = .save
            case "Q": expected = .restore
            case "BI": expected = .inlineImage
            case "Do", "sh": expected = .otherPainting
            default:
                expected = PDFContent.pathConstruction.contains(op.name) ? .pathConstruction
                    : PDFContent.pathPainting.contains(op.name) ? .pathPainting
                    : PDFContent.textShowing.contains(op.name) ? .textShowing : .other
            }
            #expect(c.operatorClass == expected, "\(op.name)")
        }
        for malformed in ["(unterminated Tj", "[1 2 TJ", "<< /A 1 ] >> BDC", "<zz> Tj", "BI /W 1 ID xx", ") Tj"] {
            let b = Self.bytes(malformed)
            let expected = #expect(throws: PDFContentError.self) { try PDFContent.operations(b) }
            let got = #expect(throws: PDFContentError.self) { try b.withUnsafeBufferPointer { try Self.classifiedOperations(in: $0) } }
            #expect(expected == got, "\(malformed)")
        }
    }

    @Test func unmarkedPaintingOperatorsAreFound() throws {
        let source = "0 0 1 1 re f /P BMC (a) Tj EMC BT (b) Tj ET /X Do /Sh sh 0 0 m 1 1 l n"
        #expect(try PDFContent.unmarkedPaintingOperators(Self.bytes(source)) == ["f", "Tj", "Do", "sh"])
    }
}
