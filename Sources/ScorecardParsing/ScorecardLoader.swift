import Foundation
import ScorecardModel
import Yams

/// Loads a whole scorecard appendix: the metadata YAML and the CSV files it names (relative to it).
public enum ScorecardLoader {
    /// Reads `path` (a metadata YAML file) and its indicator and district CSVs from disk.
    /// - Throws: `InputError` with every error of every file (and the warnings found so far).
    public static func load(metadataFile path: String) throws -> Parsed<Scorecard> {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError("cannot read the scorecard metadata file: \(error.localizedDescription)",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        try Noncharacters.check(text, file: path)
        return try load(metadataText: text, file: path) { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    }

    /// Loads from metadata text; `readFile` reads a data file by the path the metadata resolves
    /// (its directory joined with the name written in the YAML).
    public static func load(metadataText text: String, file: String,
                            readFile: (String) throws -> Data) throws -> Parsed<Scorecard> {
        let metadata = try ScorecardMetadataLoader.load(text: text, file: file)
        var diagnostics = Diagnostics()
        // Only a data file that cannot be read needs the tree again (to point at its name).
        func yamlLocation(_ path: [ScorecardYAMLIssues.PathComponent]) -> SourceLocation {
            guard let root = (try? Yams.compose(yaml: text)) ?? nil else { return SourceLocation(file: file, line: 1, column: 1) }
            return ScorecardYAMLLocator.location(of: path, anchor: .valueNode, in: root, file: file)
        }
        let directory = (file as NSString).deletingLastPathComponent
        func resolve(_ name: String) -> String {
            name.hasPrefix("/") || directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
        }
        func read(_ name: String, at path: [ScorecardYAMLIssues.PathComponent]) -> (Data, String)? {
            let resolved = resolve(name)
            do {
                return (try readFile(resolved), resolved)
            } catch {
                diagnostics.error("cannot read '\(resolved)' named here: \(error.localizedDescription)", at: yamlLocation(path))
                return nil
            }
        }

        var indicators: [Indicator] = []
        if let name = metadata.indicatorsFile {
            if let (data, resolved) = read(name, at: [.key("indicators")]) {
                do {
                    let parsed = try IndicatorCSVParser.parse(data: data, file: resolved)
                    indicators = parsed.value
                    diagnostics.append(contentsOf: collect(parsed.warnings))
                } catch let error as InputError {
                    diagnostics.append(contentsOf: collect(error.diagnostics))
                }
            }
        } else {
            diagnostics.error("missing required field 'indicators': the name of the indicator CSV, relative to this file",
                              at: SourceLocation(file: file, line: 1, column: 1))
        }

        var matrices: [DistrictMatrix] = []
        for (i, reference) in metadata.districtFiles.enumerated() {
            guard let (data, resolved) = read(reference.file, at: [.key("districts"), .index(i)]) else { continue }
            do {
                let parsed = try DistrictMatrixCSVParser.parse(data: data, file: resolved, title: reference.title)
                matrices.append(parsed.value)
                diagnostics.append(contentsOf: collect(parsed.warnings))
            } catch let error as InputError {
                diagnostics.append(contentsOf: collect(error.diagnostics))
            }
        }

        // Source codes used by indicators should be explained in the Guidance Notes.
        let codes = Set(metadata.guidance.sourceCodes.map { $0.code.lowercased() })
        if !codes.isEmpty {
            for indicator in indicators {
                if let source = indicator.source, !codes.contains(source.lowercased()) {
                    diagnostics.warning("column 'source': '\(source)' (indicator \(indicator.ref.isEmpty ? indicator.name : indicator.ref)) is not among the source codes of the Guidance Notes in \(file)",
                                        at: indicator.location)
                }
            }
        }

        if diagnostics.hasErrors { throw InputError(diagnostics.all) }
        return Parsed(Scorecard(metadata: metadata, indicators: indicators, districtMatrices: matrices),
                      warnings: diagnostics.warnings)
    }

    /// Loads a single indicator CSV with a default title page (`scorecard render PATH.csv`): the title
    /// is the file's base name with dashes and underscores as spaces.
    public static func loadStandalone(csvFile path: String, publicationDate: CalendarDate) throws -> Parsed<Scorecard> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError("cannot read the indicator CSV: \(error.localizedDescription)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        let parsed = try IndicatorCSVParser.parse(data: data, file: path)
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let title = base.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        // The title (and so the PDF's metadata) comes from the file name, which no input check reads.
        if let scalar = title.unicodeScalars.first(where: Noncharacters.isNoncharacter) {
            throw InputError("the file name holds \(scalar.codePoint), a Unicode noncharacter, and it would be the PDF's title, "
                             + "which cannot hold one; rename the file", at: SourceLocation(file: path, line: 1, column: 1))
        }
        return Parsed(Scorecard(metadata: .standalone(title: title, publicationDate: publicationDate), indicators: parsed.value),
                      warnings: parsed.warnings)
    }

    private static func collect(_ diagnostics: [Diagnostic]) -> Diagnostics {
        var d = Diagnostics()
        diagnostics.forEach { d.add($0) }
        return d
    }
}
