// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "CommitteeScorecards",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "scorecard", targets: ["scorecard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // C libraries, reached only through the backend and parsing wrappers.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo pangoft2 cairo-pdf fontconfig",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),

        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),

        // Exact, fast printf of the number formats cairo's PDF writer uses (interposes __snprintf_chk).
        .target(name: "CNumberFormatting"),
        // Pango's per-pattern fontconfig queries on the calling thread (interposes g_thread_new).
        .target(name: "CPangoFontQueries"),
        // libqpdf's C API (headers of libqpdf-dev), loaded with dlopen when the post-pass needs it
        // (or in the background while a document is drawn) instead of before `main`.
        .target(name: "CQPDF"),
        // zlib's deflate done by libdeflate for cairo's font subsets (interposes zlib's deflate
        // functions; libqpdf, deep-bound, keeps zlib's).
        .target(name: "CZlibDeflate", linkerSettings: [.linkedLibrary("deflate"), .linkedLibrary("z")]),

        // Typed document model: no I/O, no C.
        .target(name: "ScorecardModel"),
        // Inputs (YAML, Markdown, CSV) into the model, with diagnostics.
        .target(
            name: "ScorecardParsing",
            dependencies: [
                "ScorecardModel", "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Pure layout: measure, break into pages, place boxes into display lists.
        .target(name: "ScorecardLayout", dependencies: ["ScorecardModel"]),
        // The tagged structure the renderer draws and the post-pass writes (plain data).
        .target(name: "PDFTagging"),
        // The only module that calls Cairo, Pango and fontconfig.
        .target(name: "ScorecardRender", dependencies: ["ScorecardLayout", "PDFTagging", "CPangoCairo", "CNumberFormatting", "CPangoFontQueries", "CZlibDeflate"]),
        // Fix-ups cairo 1.16 cannot write (language, XMP, artifacts, /ID, object streams) via libqpdf,
        // and the structure tree, appended as compressed object streams.
        .target(name: "ScorecardPostPass", dependencies: ["ScorecardModel", "PDFTagging", "CQPDF", "CDeflate"]),
        // Ties the stages together and writes files atomically.
        .target(
            name: "ScorecardPipeline",
            dependencies: ["ScorecardModel", "ScorecardParsing", "ScorecardLayout", "PDFTagging", "ScorecardRender", "ScorecardPostPass"]
        ),
        .executableTarget(
            name: "scorecard",
            dependencies: [
                "ScorecardPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // lld with packed relative relocations (DT_RELR, glibc 2.36+): the ~80,000 relative
            // relocations of the static Swift runtime and Foundation take 15 KB instead of 1.9 MB
            // that every run maps and reads (−1.3 MiB peak RSS).
            linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"])]
        ),

        // Helpers shared by the render and post-pass tests (fonts folder, scratch folders, tools).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ScorecardModelTests", dependencies: ["ScorecardModel"]),
        .testTarget(name: "PDFTaggingTests", dependencies: ["PDFTagging"]),
        .testTarget(name: "ScorecardLayoutTests", dependencies: ["ScorecardLayout", "ScorecardModel"]),
        .testTarget(name: "ScorecardRenderTests", dependencies: ["ScorecardRender", "ScorecardLayout", "PDFTagging", "TestSupport", "CNumberFormatting", "CPangoFontQueries", "CZlibDeflate"]),
        .testTarget(name: "ScorecardPostPassTests", dependencies: ["ScorecardPostPass", "PDFTagging", "ScorecardRender", "ScorecardLayout", "TestSupport", "CQPDF", "CDeflate"]),
        .testTarget(name: "ScorecardParsingTests", dependencies: ["ScorecardParsing", "ScorecardModel", "TestSupport"]),
        .testTarget(
            name: "ScorecardPipelineTests",
            dependencies: ["ScorecardPipeline", "ScorecardRender", "ScorecardParsing", "ScorecardLayout", "ScorecardModel"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
