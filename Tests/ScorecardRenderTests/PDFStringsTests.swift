import Testing
@testable import ScorecardRender

@Suite("PDFStrings")
struct PDFStringsTests {
    @Test func datesAreISO8601UTC() {
        #expect(PDFStrings.iso8601UTC(0) == "1970-01-01T00:00:00")
        #expect(PDFStrings.iso8601UTC(1_700_000_000) == "2023-11-14T22:13:20")
        #expect(PDFStrings.iso8601UTC(951_782_400) == "2000-02-29T00:00:00")
        #expect(PDFStrings.iso8601UTC(-1) == "1969-12-31T23:59:59")
    }

    @Test func urisArePercentEncoded() {
        #expect(PDFStrings.percentEncodedURI("https://example.org/a b") == "https://example.org/a%20b")
        #expect(PDFStrings.percentEncodedURI("https://cy.example/ŵ") == "https://cy.example/%C5%B5")
        #expect(PDFStrings.percentEncodedURI("https://x/(a)%20%zz") == "https://x/%28a%29%20%25zz")
        #expect(PDFStrings.percentEncodedURI("mailto:clerk@council.gov.uk?subject=Q2") == "mailto:clerk@council.gov.uk?subject=Q2")
        #expect(PDFStrings.quotedAttribute("it's \\") == "'it\\'s \\\\'")
    }

    @Test func numbersAreFixedNotation() {
        #expect(PDFStrings.number(72) == "72")
        #expect(PDFStrings.number(0.00001) == "0")
        #expect(PDFStrings.number(-12.5) == "-12.5")
        #expect(PDFStrings.number(841.889763) == "841.89")
    }
}
