import ArgumentParser
import Foundation
import ScorecardModel
import ScorecardPipeline

@main
struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Print-ready, accessible PDFs of council committee papers and performance scorecards.",
        discussion: """
        Inputs: a pack folder (pack.yaml naming a cover report in Markdown with YAML front matter, \
        and scorecard appendices), a single cover report (.md) or a single indicator table (.csv). \
        House styles come from Layouts/ and fonts from Fonts/ in the project folder \
        (or $SCORECARD_HOME). SOURCE_DATE_EPOCH pins the PDF dates.
        """,
        subcommands: [Render.self, Check.self],
        defaultSubcommand: Render.self
    )

    /// Before anything else, while the process has one thread: with `CAIRO_DEBUG_PDF` set, cairo
    /// 1.16 leaves the streams of the files it writes for the post-pass uncompressed (page content,
    /// and also form XObjects, ToUnicode maps and Type 3 glyphs, which these documents hardly have).
    /// The post-pass compresses every page it rewrites anyway, and libqpdf's writer compresses every
    /// stream left unfiltered, so compressing in cairo and decompressing in libqpdf was wasted (2–4%
    /// of the instructions of a render). The finished PDFs are the same but for their `/ID`, which
    /// hashes cairo's bytes (a test renders the example pack both ways).
    ///
    /// Then the fonts are prepared on a thread of their own (`FontPreparation`) while ArgumentParser
    /// reads the command line, which the library does in the same time, three times over (it first
    /// tries the arguments as a request for a completion script). The commands take the prepared
    /// fonts; the process never exits while they are being made.
    static func main() {
        setenv("CAIRO_DEBUG_PDF", "1", 1)
        let fonts = (try? Resources.locate()).map(FontPreparation.start)
        do {
            var command = try parseAsRoot()
            switch command {
            case let render as Render: try render.run(preparedFonts: fonts)
            case let check as Check: try check.run(preparedFonts: fonts)
            default: try command.run()
            }
        } catch {
            fonts?.wait()
            exit(withError: error)
        }
        fonts?.wait()
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a pack folder, a cover report or an indicator CSV to PDF.",
        discussion: "With no PATH, renders the bundled example pack (22 June 2017) into Output/."
    )

    @Argument(help: "A pack folder, a cover report (.md) or an indicator table (.csv).")
    var path: String?

    @Option(name: [.short, .long], help: "Folder for the PDFs (default: Output/ in the project folder).")
    var output: String?

    @Flag(help: "Also write a PNG preview of each document's first page.")
    var png = false

    @Option(help: "Threads to draw with (default: one per processor; 1 draws one document at a time, in one piece).")
    var jobs: Int?

    func run() throws { try run(preparedFonts: nil) }

    func run(preparedFonts: FontPreparation?) throws {
        do {
            let resources = try preparedFonts?.resources ?? Resources.locate()
            let input = path.map { URL(fileURLWithPath: $0) } ?? resources.examplePack
            let outputFolder = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? resources.defaultOutput
            let pipeline = Pipeline(resources: resources, preparedFonts: preparedFonts)
            var options = RenderOptions(outputDirectory: outputFolder, png: png,
                                        sourceDateEpoch: try RenderOptions.sourceDateEpoch(from: ProcessInfo.processInfo.environment))
            if let jobs {
                guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
                options.maximumWorkers = jobs
            }
            let summary = try pipeline.render(input, options: options)
            for warning in summary.warnings { printError(warning.description) }
            for file in summary.files {
                print("wrote \(file.url.path) (\(file.pageCount) page\(file.pageCount == 1 ? "" : "s"))")
            }
        } catch let error as InputError {
            for d in error.diagnostics { printError(d.description) }
            throw ExitCode(1)
        } catch let error as PipelineError {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a pack folder, cover report or indicator CSV without writing any PDF.",
        discussion: """
        Prints every warning and error as file:line:column, including the RAG audit (supplied RAG or \
        DoT values that contradict the rules). Exits with status 1 when there are errors.
        """
    )

    @Argument(help: "A pack folder, a cover report (.md) or an indicator table (.csv).")
    var path: String

    func run() throws { try run(preparedFonts: nil) }

    func run(preparedFonts: FontPreparation?) throws {
        do {
            let pipeline = Pipeline(resources: try preparedFonts?.resources ?? Resources.locate(), preparedFonts: preparedFonts)
            let result = try pipeline.check(URL(fileURLWithPath: path))
            for warning in result.warnings { printError(warning.description) }
            let pages = result.documents.map(\.laidOut.pages.count).reduce(0, +)
            print("ok: \(result.documents.count) document\(result.documents.count == 1 ? "" : "s"), \(pages) pages, \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s")")
        } catch let error as InputError {
            for d in error.diagnostics { printError(d.description) }
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            printError("\(errors) error\(errors == 1 ? "" : "s")")
            throw ExitCode(1)
        } catch let error as PipelineError {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
