// swift-tools-version:6.1
import PackageDescription

/// The folders of the cairo / Pango stack's headers on Debian 12 (`pkg-config --cflags pangocairo
/// pangoft2 cairo-pdf fontconfig`, with GLib's configuration header for both 64-bit architectures).
/// Named here rather than through a pkg-config system library, which would also link the libraries
/// (see CGraphicsLoader; SwiftPM puts a target's linker flags after the `-l` flags, so
/// `--as-needed` cannot drop them). Other layouts (Fedora's /usr/lib64) would need their folders here.
let graphicsHeaderFolders = [
    "/usr/include/pango-1.0", "/usr/include/cairo", "/usr/include/glib-2.0",
    "/usr/lib/x86_64-linux-gnu/glib-2.0/include", "/usr/lib/aarch64-linux-gnu/glib-2.0/include",
    "/usr/include/harfbuzz", "/usr/include/freetype2", "/usr/include/libpng16", "/usr/include/pixman-1",
    "/usr/include/fribidi", "/usr/include/libmount", "/usr/include/blkid",
]
let graphicsHeaderFlags = graphicsHeaderFolders.map { "-I\($0)" }
/// For Swift modules that import CPangoCairo (or import a module that does).
let graphicsHeaderSwiftSettings: [SwiftSetting] = [.unsafeFlags(graphicsHeaderFlags.flatMap { ["-Xcc", $0] })]

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
        // The cairo / Pango headers. Not linked: CGraphicsLoader loads the libraries on first use.
        .systemLibrary(name: "CPangoCairo"),
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
        // `reallocarray` on top of `realloc`, for allocators preloaded in front of mimalloc that
        // lack it (the executable's definition is found first by every library).
        .target(name: "CAllocatorEntryPoints"),
        // The cairo / Pango stack's functions, forwarded to the libraries it opens with dlopen on
        // first use (on the font-preparation thread) instead of the dynamic loader before `main`.
        .target(name: "CGraphicsLoader", cSettings: [.unsafeFlags(graphicsHeaderFlags)]),
        // Pango's per-pattern fontconfig queries on the calling thread (interposes g_thread_new,
        // exported even from builds that do not export everything, so the loaded Pango binds to it).
        .target(
            name: "CPangoFontQueries",
            dependencies: ["CGraphicsLoader"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=g_thread_new"])]
        ),
        // libqpdf's C API (headers of libqpdf-dev), loaded with dlopen when the post-pass needs it
        // (or in the background while a document is drawn) instead of before `main`.
        .target(name: "CQPDF"),
        // zlib's deflate done by libdeflate for cairo's font subsets and libqpdf's streams
        // (interposes zlib's deflate functions; libqpdf keeps zlib's only when deep-bound).
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
        .target(
            name: "ScorecardRender",
            dependencies: ["ScorecardLayout", "PDFTagging", "CPangoCairo", "CGraphicsLoader", "CNumberFormatting", "CPangoFontQueries", "CZlibDeflate"],
            swiftSettings: graphicsHeaderSwiftSettings
        ),
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
                "CAllocatorEntryPoints",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // lld with packed relative relocations (DT_RELR, glibc 2.36+): the ~80,000 relative
            // relocations of the static Swift runtime and Foundation take 15 KB instead of 1.9 MB
            // that every run maps and reads (−1.3 MiB peak RSS).
            //
            // mimalloc (Debian's libmimalloc-dev) is the process's allocator: named before libc, it
            // defines malloc, free and the rest for the executable and every library it loads.
            linkerSettings: [
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]),
                .linkedLibrary("mimalloc"),
            ]
        ),

        // Helpers shared by the render and post-pass tests (fonts folder, scratch folders, tools).
        // The test process allocates with mimalloc too, as the executable does, so libqpdf runs in
        // the tests as it does in `scorecard` (not deep-bound, its streams through CZlibDeflate).
        .target(name: "TestSupport", path: "Tests/TestSupport", linkerSettings: [.linkedLibrary("mimalloc")]),
        .testTarget(name: "ScorecardModelTests", dependencies: ["ScorecardModel"]),
        .testTarget(name: "PDFTaggingTests", dependencies: ["PDFTagging"]),
        .testTarget(name: "ScorecardLayoutTests", dependencies: ["ScorecardLayout", "ScorecardModel"]),
        .testTarget(
            name: "ScorecardRenderTests",
            dependencies: ["ScorecardRender", "ScorecardLayout", "PDFTagging", "TestSupport", "CGraphicsLoader", "CNumberFormatting", "CPangoFontQueries", "CZlibDeflate"],
            swiftSettings: graphicsHeaderSwiftSettings
        ),
        .testTarget(name: "ScorecardPostPassTests", dependencies: ["ScorecardPostPass", "PDFTagging", "ScorecardRender", "ScorecardLayout", "TestSupport", "CQPDF", "CDeflate"]),
        .testTarget(name: "ScorecardParsingTests", dependencies: ["ScorecardParsing", "ScorecardModel", "TestSupport"]),
        .testTarget(
            name: "ScorecardPipelineTests",
            dependencies: ["ScorecardPipeline", "ScorecardRender", "ScorecardParsing", "ScorecardLayout", "ScorecardModel", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
