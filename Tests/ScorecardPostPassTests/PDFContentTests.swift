import Foundation
import PDFTagging
import Testing
@testable import ScorecardPostPass

@Suite("PDFContent")
struct PDFContentTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func wrapped(_ s: String) throws -> String {
        String(decoding: try PDFContent.wrappingUnmarkedContentAsArtifacts(bytes(s)), as: UTF8.self)
    }
    static func names(_ s: String) throws -> [String] { try PDFContent.operations(bytes(s)).map(\.name) }

    /// cairo's `/Tag << /MCID n >> BDC` (and the post-pass's own `/Tag <</MCID n>> BDC`) is read
    /// without the lexer; every form gives the lexer's answer.
    @Test func cairosMarkedContentFormReadsAsTheLexerReadsIt() throws {
        let forms = ["/TD <</MCID 0>> BDC", "/H1 <</MCID 12345>> BDC", "/Figure <</MCID 7>> BDC",
                     "/TD << /MCID 0 >> BDC", "/BlockQuote << /MCID 12 >> BDC",
                     "/TD << /MCID 0>> BDC", "/TD <</MCID 0 >> BDC", "/TD << /MCID 0 >>BDC",
                     "/TD  <</MCID 0>> BDC", "/TD <</MCID 0 >> BDC", "/TD<</MCID 0>>BDC", "/T#44 <</MCID 0>> BDC",
                     "/TD <</Lang (en) /MCID 0>> BDC", "/TD <</MCIDX 0>> BDC", "/TD <</E (x)>> BDC", "/TD /P1 BDC",
                     "/Artifact BMC", "/TD <</MCID >> BDC", "/ <</MCID 0>> BDC"]
        var fast = 0
        for form in forms {
            let bytes = Self.bytes("q " + form + " Q")
            try bytes.withUnsafeBufferPointer { buffer in
                let range = 2..<(2 + form.utf8.count)
                let lexed = try? PDFContent.lexedMarkedContentTag(buffer, range)
                if let quick = PDFContent.cairoMarkedContentTag(buffer, range) {
                    fast += 1
                    #expect(quick == lexed, "\(form)")
                }
                let combined = try? PDFContent.markedContentTag(buffer, range)
                #expect(combined == lexed, "\(form)")
            }
        }
        #expect(fast == 5)
        for (role, mcid) in [("TD", 0), ("H1", 9), ("Figure", 10), ("TH", 123_456_789)] {
            #expect(PDFContent.markedContentOperator(role: role, mcid: mcid) == Self.bytes("/\(role) <</MCID \(mcid)>> BDC"))
        }
    }

    /// Every marked-content operator with an MCID that cairo writes takes the quick path (a
    /// change in cairo's spacing would otherwise send them all through the lexer, unnoticed).
    @Test func everyMarkedSequenceCairoWritesTakesTheQuickPath() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let rendered = try Support.renderSample(into: folder)
        let plain = folder.appendingPathComponent("plain.pdf")
        #expect(try Support.run("qpdf", ["--stream-data=uncompress", "--object-streams=disable", rendered.url.path, plain.path]).status == 0)
        let lines = String(decoding: try Data(contentsOf: plain), as: UTF8.self).split(separator: "\n").filter { $0.hasSuffix("BDC") }
        #expect(lines.count == rendered.structure.markedContent.reduce(0) { $0 + $1.count })
        for line in lines {
            let bytes = Self.bytes(String(line))
            bytes.withUnsafeBufferPointer { buffer in
                #expect(PDFContent.cairoMarkedContentTag(buffer, 0..<buffer.count) != nil, "\(line)")
            }
        }
    }

    /// Errors name the elements' roles, not the names cairo was given for them (`CairoTagNames`).
    @Test func markingErrorsNameRoles() throws {
        let part = CairoTagNames.cairoName(forRole: "TD"), art = CairoTagNames.cairoName(forRole: "TR")
        #expect(part != "TD" && art != "TR")
        func reason(_ content: String, expected: [Int], roles: [String]) -> String? {
            Self.bytes(content).withUnsafeBufferPointer { buffer in
                do {
                    _ = try PDFContent.markingContent(buffer, expected: expected) { roles[$0] }
                    return nil
                } catch let error as PDFContentError {
                    return error.reason
                } catch {
                    return "\(error)"
                }
            }
        }
        let beyond = reason("/\(part) << /MCID 0 >> BDC (x) Tj EMC /\(part) << /MCID 1 >> BDC (y) Tj EMC", expected: [0], roles: ["TD"])
        #expect(beyond?.contains("/TD with an MCID beyond the 1") == true, "\(beyond ?? "no error")")
        let mismatch = reason("/\(art) << /MCID 0 >> BDC (x) Tj EMC", expected: [0], roles: ["TD"])
        #expect(mismatch?.contains("is /TR but the structure expects /TD") == true, "\(mismatch ?? "no error")")
        #expect(reason("/\(part) << /MCID 0 >> BDC (x) Tj EMC", expected: [0], roles: ["TD"]) == nil)
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
        let wrapped = try PDFContent.wrappingUnmarkedContentAsArtifacts(stream)
        #expect(String(decoding: wrapped.prefix(16), as: UTF8.self) == "q /Artifact BMC\n")
        #expect(try PDFContent.unmarkedPaintingOperators(wrapped) == [])
    }

    @Test func malformedStreamsThrow() {
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("(unterminated Tj")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("[1 2 TJ")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("<< /A 1 ] >> BDC")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("<zz> Tj")) }
        #expect(throws: PDFContentError.self) { try PDFContent.operations(Self.bytes("BI /W 1 ID xx")) }
        #expect(throws: PDFContentError.self) { try Self.wrapped("0 0 1 1 re f EMC") }
        #expect(throws: PDFContentError.self) { try Self.wrapped("/P BMC 0 0 1 1 re f") }
    }

    @Test func paintingOutsideMarkedContentBecomesArtifactsAndStateStaysOutside() throws {
        let source = "1 0 0 -1 0 842 cm q 0 g 0 0 10 10 re f 1 w 0 0 m 5 5 l S Q "
            + "/P <</MCID 0>> BDC BT /F1 1 Tf (x) Tj ET EMC /Im1 Do"
        #expect(try Self.wrapped(source) == "1 0 0 -1 0 842 cm q 0 g /Artifact BMC\n0 0 10 10 re f 1 w 0 0 m 5 5 l S\nEMC Q "
            + "/P <</MCID 0>> BDC BT /F1 1 Tf (x) Tj ET EMC /Artifact BMC\n/Im1 Do\nEMC")
        // Already clean content is returned unchanged.
        let clean = "q /Artifact BMC 0 0 1 1 re f EMC /P <</MCID 0>> BDC BT (a) Tj ET EMC Q"
        #expect(try Self.wrapped(clean) == clean)
        // A clipping path ended by n paints nothing: it is not wrapped.
        #expect(try Self.wrapped("q 0 0 5 5 re W n Q") == "q 0 0 5 5 re W n Q")
    }

    @Test func artifactsNeverSplitAGraphicsStateSave() throws {
        // The q is closed after the marked sequence opens, so it stays outside the artifacts.
        #expect(try Self.wrapped("0 0 1 1 re f q 0 0 2 2 re f /P BMC Q EMC")
            == "/Artifact BMC\n0 0 1 1 re f\nEMC q /Artifact BMC\n0 0 2 2 re f\nEMC /P BMC Q EMC")
        // A Q closing a q from before the run ends the artifact before it.
        #expect(try Self.wrapped("q 0 0 1 1 re f Q 0 0 2 2 re f")
            == "q /Artifact BMC\n0 0 1 1 re f\nEMC Q /Artifact BMC\n0 0 2 2 re f\nEMC")
        // A balanced q … Q between painting units is wrapped along with them.
        #expect(try Self.wrapped("0 0 1 1 re f q 1 0 0 1 5 5 cm 0 0 1 1 re f Q")
            == "/Artifact BMC\n0 0 1 1 re f q 1 0 0 1 5 5 cm 0 0 1 1 re f Q\nEMC")
    }

    @Test func textObjectsStayWholeOrAreWrappedInside() throws {
        // A text object without marked content is wrapped as a whole.
        #expect(try Self.wrapped("BT /F1 1 Tf (a) Tj ET") == "/Artifact BMC\nBT /F1 1 Tf (a) Tj ET\nEMC")
        // One holding marked content: its unmarked text is wrapped inside it, never across BT/ET.
        #expect(try Self.wrapped("BT /F1 1 Tf (a) Tj /Span <</MCID 0>> BDC (b) Tj EMC (c) Tj 0 -12 Td (d) ' ET")
            == "BT /F1 1 Tf /Artifact BMC\n(a) Tj\nEMC /Span <</MCID 0>> BDC (b) Tj EMC /Artifact BMC\n(c) Tj 0 -12 Td (d) '\nEMC ET")
        // Without a separating space after the operator, a newline keeps EMC apart.
        #expect(try Self.wrapped("0 0 1 1 re f/P BMC EMC") == "/Artifact BMC\n0 0 1 1 re f\nEMC\n/P BMC EMC")
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
        let ops = try source.withUnsafeBufferPointer { try PDFContent.classifiedOperations(in: $0) }
        #expect(ops.count == 2)
        #expect(ops.first?.range == 0..<(composite.utf8.count + 9))
        // A wrong closer at each depth, inside and beyond the bits, is reported where it stands.
        for depth in [1, 63, 64, 65, 70] {
            var closers = Array(closes.suffix(depth))
            closers[0] = closers[0] == "]" ? ">>" : "]"
            let broken = opens.prefix(depth).joined() + "1" + closers.joined()
            let offset = (opens.prefix(depth).joined() + "1").utf8.count
            let error = #expect(throws: PDFContentError.self) {
                try Self.bytes(broken + " Tj").withUnsafeBufferPointer { try PDFContent.classifiedOperations(in: $0) }
            }
            #expect(error?.offset == offset, "depth \(depth)")
        }
    }

    @Test func artifactPassSeesTheSameOperationsAsTheTokenizer() throws {
        let source = """
            /P <</MCID 0 /N /A#20b>> BDC BT /F1 1 Tf (x) Tj [(a) 2 (b)] TJ (c) ' 1 2 (d) " ET EMC
            q 1 0 0 1 5 5 cm 0 0 m 1 1 l 2 2 3 3 4 4 c 5 5 6 6 v 7 7 8 8 y h S 0 0 1 1 re W* n f* B* b* s F B b
            true false null d0 +.5 -3 1.2.3 foo /Im1 Do /Sh sh W f Q
            BI /W 1 /H 1 /L 1 ID x EI BMC EMC BX EX
            """
        let bytes = Self.bytes(source)
        let full = try PDFContent.operations(bytes)
        let classified = try bytes.withUnsafeBufferPointer { try PDFContent.classifiedOperations(in: $0) }
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
            let got = #expect(throws: PDFContentError.self) { try b.withUnsafeBufferPointer { try PDFContent.classifiedOperations(in: $0) } }
            #expect(expected == got, "\(malformed)")
        }
    }

    @Test func unmarkedPaintingOperatorsAreFound() throws {
        let source = "0 0 1 1 re f /P BMC (a) Tj EMC BT (b) Tj ET /X Do /Sh sh 0 0 m 1 1 l n"
        #expect(try PDFContent.unmarkedPaintingOperators(Self.bytes(source)) == ["f", "Tj", "Do", "sh"])
    }
}
