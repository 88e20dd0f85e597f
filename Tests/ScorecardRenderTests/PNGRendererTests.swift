import Foundation
import ScorecardLayout
import Testing
@testable import ScorecardRender

@Suite("PNGRenderer")
struct PNGRendererTests {
    @Test func drawsAPageAtTheRequestedResolution() throws {
        let folder = try Support.temporaryFolder()
        defer { Support.cleanUp(folder) }
        let fonts = try Support.fonts()
        let measurer = try PangoMeasurer(fonts: fonts, family: Support.family)
        let document = PDFRendererTests.sampleDocument(measurer: measurer)
        let url = folder.appendingPathComponent("page.png")
        try PNGRenderer(fonts: fonts).render(document.pages[0], family: "Liberation Sans", dpi: 72, to: url)
        let data = try Data(contentsOf: url)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR width and height (big-endian) at bytes 16..<24: A4 at 72 dpi, rounded up.
        func be32(_ at: Int) -> Int { data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 596 && be32(20) == 842)
    }
}
