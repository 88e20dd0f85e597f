import CQPDF
import Foundation

/// Owner of one libqpdf `qpdf_data`: every libqpdf call of the post-pass goes through here, and
/// `qpdf_cleanup` runs in `deinit`. No C pointer leaves this file.
///
/// Object handles (`QPDFDocument.Object`) are plain indices into this document's handle table:
/// they are only meaningful together with the document that made them, and become invalid when it
/// is released. qpdf reports errors through `qpdf_has_error` (errors are silenced, never printed);
/// every call that can fail is followed by a check that throws `PostPassError.qpdf`.
final class QPDFDocument {
    /// A handle on one PDF object of this document.
    struct Object: Hashable {
        fileprivate let handle: qpdf_oh
    }

    private let data: qpdf_data

    init() throws {
        guard let data = qpdf_init() else { throw PostPassError.qpdf(operation: "initialising libqpdf", message: "out of memory") }
        self.data = data
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, QPDF_TRUE)
    }

    deinit {
        var owned: qpdf_data? = data
        qpdf_cleanup(&owned)
    }

    /// Throws the pending qpdf error, if any, as `PostPassError.qpdf`.
    private func check(_ operation: @autoclosure () -> String) throws {
        guard qpdf_has_error(data) != 0 else { return }
        let error = qpdf_get_error(data)
        let message = error.flatMap { qpdf_get_error_full_text(data, $0) }.map { String(cString: $0) } ?? "unknown error"
        throw PostPassError.qpdf(operation: operation(), message: message)
    }

    /// Runs `body`, then throws if qpdf recorded an error meanwhile.
    private func checked<T>(_ operation: @autoclosure () -> String, _ body: () -> T) throws -> T {
        let value = body()
        try check(operation())
        return value
    }

    // MARK: Reading and writing

    /// Reads `path`; a damaged file is an error rather than silently repaired.
    func read(_ path: String) throws {
        qpdf_set_attempt_recovery(data, QPDF_FALSE)
        _ = qpdf_read(data, path, nil)
        try check("reading \(path)")
        if qpdf_is_encrypted(data) != 0 { throw PostPassError.encrypted(path) }
    }

    /// The whole file as written with object streams, compressed streams and a deterministic /ID
    /// (an MD5 of the file's content, so the same input always gives the same bytes).
    func writtenData() throws -> Data {
        _ = qpdf_init_write_memory(data)
        try check("preparing to write the PDF")
        qpdf_set_object_stream_mode(data, qpdf_o_generate)
        qpdf_set_stream_data_mode(data, qpdf_s_compress)
        qpdf_set_compress_streams(data, QPDF_TRUE)
        qpdf_set_decode_level(data, qpdf_dl_generalized)
        qpdf_set_preserve_unreferenced_objects(data, QPDF_FALSE)
        qpdf_set_deterministic_ID(data, QPDF_TRUE)
        _ = qpdf_write(data)
        try check("writing the PDF")
        let length = qpdf_get_buffer_length(data)
        guard let buffer = qpdf_get_buffer(data) else {
            throw PostPassError.qpdf(operation: "writing the PDF", message: "no output buffer")
        }
        return Data(bytes: buffer, count: length)
    }

    // MARK: Document-level objects

    var trailer: Object { Object(handle: qpdf_get_trailer(data)) }
    var root: Object { Object(handle: qpdf_get_root(data)) }

    func pageCount() throws -> Int {
        let n = qpdf_get_num_pages(data)
        try check("counting pages")
        return Int(max(n, 0))
    }

    func page(_ index: Int) throws -> Object {
        try checked("getting page \(index + 1)") { Object(handle: qpdf_get_page_n(data, index)) }
    }

    /// The decoded, concatenated content of a page (all its content streams).
    func pageContent(_ page: Object, number: Int) throws -> [UInt8] {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        _ = qpdf_oh_get_page_content_data(data, page.handle, &buffer, &length)
        defer { free(buffer) }
        try check("reading the content of page \(number)")
        guard let buffer else { return [] }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// Replaces a stream's data with `bytes`, unfiltered (the writer compresses it).
    func replaceStreamData(_ stream: Object, with bytes: [UInt8]) throws {
        let null = qpdf_oh_new_null(data)
        bytes.withUnsafeBufferPointer { buffer in
            qpdf_oh_replace_stream_data(data, stream.handle, buffer.baseAddress, buffer.count, null, null)
        }
        try check("replacing stream data")
    }

    /// A new indirect stream holding `bytes` (unfiltered), with an empty dictionary.
    func newStream(_ bytes: [UInt8]) throws -> Object {
        let stream = Object(handle: qpdf_oh_new_stream(data))
        try check("creating a stream")
        try replaceStreamData(stream, with: bytes)
        return stream
    }

    func streamDictionary(_ stream: Object) throws -> Object {
        try checked("getting a stream dictionary") { Object(handle: qpdf_oh_get_dict(data, stream.handle)) }
    }

    func makeIndirect(_ object: Object) throws -> Object {
        try checked("making an indirect object") { Object(handle: qpdf_make_indirect_object(data, object.handle)) }
    }

    // MARK: Inspecting objects

    func isDictionary(_ o: Object) -> Bool { qpdf_oh_is_dictionary(data, o.handle) != 0 }
    func isArray(_ o: Object) -> Bool { qpdf_oh_is_array(data, o.handle) != 0 }
    func isStream(_ o: Object) -> Bool { qpdf_oh_is_stream(data, o.handle) != 0 }
    func isInteger(_ o: Object) -> Bool { qpdf_oh_is_integer(data, o.handle) != 0 }
    func isIndirect(_ o: Object) -> Bool { qpdf_oh_is_indirect(data, o.handle) != 0 }

    /// "n g" of an indirect object, nil for a direct one.
    func reference(_ o: Object) -> String? {
        guard isIndirect(o) else { return nil }
        return "\(qpdf_oh_get_object_id(data, o.handle)) \(qpdf_oh_get_generation(data, o.handle))"
    }

    /// The value of `key` in a dictionary (or stream dictionary); nil when absent, null or not a dictionary.
    func value(_ o: Object, _ key: String) -> Object? {
        guard isDictionary(o) || isStream(o) else { return nil }
        let dictionary = isStream(o) ? qpdf_oh_get_dict(data, o.handle) : o.handle
        guard qpdf_oh_has_key(data, dictionary, key) != 0 else { return nil }
        let v = qpdf_oh_get_key(data, dictionary, key)
        return qpdf_oh_is_null(data, v) != 0 ? nil : Object(handle: v)
    }

    /// The name (with its leading slash), or nil for any other type.
    func name(_ o: Object) -> String? {
        guard qpdf_oh_is_name(data, o.handle) != 0, let c = qpdf_oh_get_name(data, o.handle) else { return nil }
        return String(cString: c)
    }

    func integer(_ o: Object) -> Int? {
        guard isInteger(o) else { return nil }
        return Int(qpdf_oh_get_int_value(data, o.handle))
    }

    func bool(_ o: Object) -> Bool? {
        guard qpdf_oh_is_bool(data, o.handle) != 0 else { return nil }
        return qpdf_oh_get_bool_value(data, o.handle) != 0
    }

    /// A text string decoded to UTF-8 (PDFDocEncoding or UTF-16), or nil for any other type.
    func text(_ o: Object) -> String? {
        guard qpdf_oh_is_string(data, o.handle) != 0 else { return nil }
        var length = 0
        guard let c = qpdf_oh_get_binary_utf8_value(data, o.handle, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: c, count: length), as: UTF8.self)
    }

    func items(_ array: Object) -> [Object] {
        guard isArray(array) else { return [] }
        let n = qpdf_oh_get_array_n_items(data, array.handle)
        return (0..<max(n, 0)).map { Object(handle: qpdf_oh_get_array_item(data, array.handle, $0)) }
    }

    /// `items` of an array, or the object itself as a one-item list (PDF's "array or single" values).
    func itemsOrSelf(_ o: Object) -> [Object] { isArray(o) ? items(o) : [o] }

    // MARK: Making and changing objects

    func newName(_ name: String) -> Object { Object(handle: qpdf_oh_new_name(data, name)) }
    func newText(_ text: String) -> Object { Object(handle: qpdf_oh_new_unicode_string(data, text)) }
    func newInteger(_ value: Int) -> Object { Object(handle: qpdf_oh_new_integer(data, Int64(value))) }
    func newBool(_ value: Bool) -> Object { Object(handle: qpdf_oh_new_bool(data, value ? QPDF_TRUE : QPDF_FALSE)) }
    func newDictionary() -> Object { Object(handle: qpdf_oh_new_dictionary(data)) }
    func newArray() -> Object { Object(handle: qpdf_oh_new_array(data)) }

    func set(_ o: Object, _ key: String, _ value: Object) throws {
        qpdf_oh_replace_key(data, o.handle, key, value.handle)
        try check("setting \(key)")
    }

    func remove(_ o: Object, _ key: String) throws {
        qpdf_oh_remove_key(data, o.handle, key)
        try check("removing \(key)")
    }

    func append(_ array: Object, _ item: Object) throws {
        qpdf_oh_append_item(data, array.handle, item.handle)
        try check("appending to an array")
    }
}
