import CGraphicsLoader
import CPangoCairo
import Foundation
import Testing
import TestSupport

/// The cairo / Pango stack is loaded on first use (CGraphicsLoader), not before `main`.
@Suite("cairo and Pango loaded on first use")
struct GraphicsLoadingTests {
    /// The name of the file mapped at `address` (from /proc/self/maps): the object defining it, by
    /// its file name (libcairo.so.2.11600.0, not the soname).
    static func file(defining address: UnsafeRawPointer?) -> String? {
        // Read to the end: /proc files report a size of 0.
        guard let address, let handle = FileHandle(forReadingAtPath: "/proc/self/maps") else { return nil }
        defer { try? handle.close() }
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let value = UInt(bitPattern: address)
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let range = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            if range.count == 2, (range[0]..<range[1]).contains(value), fields.count >= 6 {
                return URL(fileURLWithPath: String(fields[5])).lastPathComponent
            }
        }
        return nil
    }

    @Test func theExecutableDoesNotLinkTheStack() throws {
        // This test binary holds the same modules as `scorecard`: if a target links the stack again
        // (a pkg-config system library, a `link` line in a module map), its ~40 libraries are
        // mapped and relocated before `main` again.
        let needed = try TestFiles.neededLibraries(of: "/proc/self/exe")
        #expect(needed.contains { $0.hasPrefix("libc.so") }, "readelf listed \(needed)")
        for library in ["libcairo", "libpango", "libglib", "libgobject", "libfontconfig", "libharfbuzz", "libfreetype"] {
            #expect(!needed.contains { $0.hasPrefix(library) }, "\(library) in \(needed)")
        }
    }

    @Test func waitingFromManyThreadsGivesOneLoadedStack() {
        let answers = ThreadAnswers()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            answers.add(scorecard_graphics_wait_until_loaded().map { String(cString: $0) } ?? "loaded")
        }
        #expect(answers.all == Array(repeating: "loaded", count: 8))
    }

    @Test func theLibrariesBindToEachOtherNotToTheForwarders() throws {
        #expect(scorecard_graphics_wait_until_loaded() == nil)
        // The stack is opened RTLD_LOCAL and the executable's forwarders are hidden: the process's
        // global scope knows none of the stack's names (so libraries loaded later search fewer
        // libraries), and a library's call to another (looked up from the library itself, as its
        // own relocations are) finds that library's function, never the executable's forwarder.
        let expected = ["cairo_create": "libcairo.so.", "pango_layout_new": "libpango-1.0.so.",
                        "pango_cairo_show_layout": "libpangocairo-1.0.so.", "FcConfigCreate": "libfontconfig.so.",
                        "hb_font_get_face": "libharfbuzz.so.", "g_object_unref": "libgobject-2.0.so."]
        let pangoCairo = try #require(dlopen("libpangocairo-1.0.so.0", RTLD_LAZY | RTLD_NOLOAD))
        defer { dlclose(pangoCairo) }
        for (name, library) in expected {
            #expect(dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) == nil, "\(name) is in the global scope")  // RTLD_DEFAULT
            let file = Self.file(defining: dlsym(pangoCairo, name))
            #expect(file?.hasPrefix(library) == true, "\(name) is in \(file ?? "nothing")")
        }
        // What scorecard calls is the forwarder in the executable, which reaches the same function.
        let forwarder: @convention(c) (OpaquePointer?) -> OpaquePointer? = cairo_create
        let library = dlsym(pangoCairo, "cairo_create")
        #expect(unsafeBitCast(forwarder, to: UnsafeRawPointer.self) != UnsafeRawPointer(library))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4)
        let context = cairo_create(surface)
        #expect(cairo_status(context) == CAIRO_STATUS_SUCCESS)
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    @Test func glibsOwnThreadFunctionIsKnown() throws {
        #expect(scorecard_graphics_wait_until_loaded() == nil)
        // CPangoFontQueries's g_thread_new hands the threads it does not run inline to this one.
        let glib = try #require(scorecard_graphics_glib_thread_new())
        let file = Self.file(defining: UnsafeRawPointer(glib))
        #expect(file?.hasPrefix("libglib-2.0.so.") == true, "\(file ?? "nothing")")
    }
}
