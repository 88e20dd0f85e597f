import CQPDF
import Foundation

/// Owner of one libqpdf `qpdf_data`: every libqpdf call of the post-pass goes through here, and
/// `qpdf_cleanup` runs in `discard` or `deinit`. No C pointer leaves this file.
///
/// Object handles (`QPDFDocument.Object`) are plain indices into this document's handle table:
/// they are only meaningful together with the document that made them, and become invalid when it
/// is released. qpdf reports errors through `qpdf_has_error` (errors are silenced, never printed);
/// every call that can fail is followed by a check that throws `PostPassError.qpdf`.
///
/// Handles cost memory in qpdf's table (which also slows every lookup) until they are released:
/// every handle made inside `scope { … }` is released when the scope ends, so a loop over the
/// structure tree or the pages keeps only the handles of the current step alive. A handle made in
/// a scope must not be used after it.
final class QPDFDocument {
    /// A handle on one PDF object of this document.
    struct Object: Hashable {
        fileprivate let handle: qpdf_oh
    }

    private let data: qpdf_data
    /// Every handle given out and not yet released, oldest first (scopes release from the end).
    private var live: [qpdf_oh] = []
    /// The input file's bytes: qpdf reads objects from them lazily, until `qpdf_cleanup`.
    private var input: UnsafeMutableRawBufferPointer?

    /// Starts loading libqpdf on a thread of its own (see CQPDF.h); the first document waits for it.
    /// Calling it early, before parsing and drawing, takes the library's loading off the critical path.
    static func startLoadingLibrary() { scorecard_qpdf_start_loading() }

    /// Throws `PostPassError.libraryUnavailable` when libqpdf cannot be loaded.
    init() throws {
        if let failure = scorecard_qpdf_wait_until_loaded() {
            throw PostPassError.libraryUnavailable(String(cString: failure))
        }
        guard let data = qpdf_init() else { throw PostPassError.qpdf(operation: "initialising libqpdf", message: "out of memory") }
        self.data = data
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, QPDF_TRUE)
    }

    /// Set by `discard`: libqpdf's document is gone.
    private var closed = false

    deinit { discard() }

    /// Releases libqpdf's document and the input bytes now rather than at `deinit` (for example on
    /// another thread, when nothing will read the document again). No other call may follow it.
    func discard() {
        guard !closed else { return }
        closed = true
        var owned: qpdf_data? = data
        qpdf_cleanup(&owned)
        input?.deallocate()
        input = nil
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

    /// A handle that `scope` will release.
    private func own(_ handle: qpdf_oh) -> Object {
        live.append(handle)
        return Object(handle: handle)
    }

    /// Runs `body` and then releases every handle made while it ran (the objects themselves stay
    /// in the document). Nothing made inside may be used afterwards, so `body` returns plain values.
    func scope<T>(_ body: () throws -> T) rethrows -> T {
        let mark = live.count
        defer {
            for handle in live[mark...] { qpdf_oh_release(data, handle) }
            live.removeSubrange(mark...)
        }
        return try body()
    }

    // MARK: Reading and writing

    /// Reads `path`; a damaged file is an error rather than silently repaired.
    ///
    /// The file is read into memory whole, and qpdf parses it from there: from a file, qpdf
    /// seeks and asks the system for its position for nearly every token it reads.
    /// `edit` may change the bytes in place before libqpdf parses them.
    func read(_ path: String, editing edit: (UnsafeMutableRawBufferPointer) throws -> Void = { _ in }) throws {
        precondition(input == nil, "a QPDFDocument reads one file")
        let bytes = try Self.contents(of: path)
        input = bytes
        try edit(bytes)
        qpdf_set_attempt_recovery(data, QPDF_FALSE)
        _ = qpdf_read_memory(data, path, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), UInt64(bytes.count), nil)
        try check("reading \(path)")
        if qpdf_is_encrypted(data) != 0 { throw PostPassError.encrypted(path) }
    }

    /// The bytes of the file at `path`, in memory the caller deallocates.
    private static func contents(of path: String) throws -> UnsafeMutableRawBufferPointer {
        func failure(_ reason: String) -> PostPassError {
            .qpdf(operation: "reading \(path)", message: "\(path): \(reason)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw failure(String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw failure("not a regular file") }
        let size = Int(status.st_size)
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
        var done = 0
        while done < size {
            let n = Foundation.read(fd, bytes.baseAddress! + done, size - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n < 0 ? String(cString: strerror(errno)) : "the file shrank while it was read"
                bytes.deallocate()
                throw failure(reason)
            }
            done += n
        }
        return UnsafeMutableRawBufferPointer(rebasing: bytes[0..<size])
    }

    /// Reads a PDF held in memory (a copy is kept for qpdf's lazy reading); `description` names it
    /// in errors.
    func read(bytes: [UInt8], description: String) throws {
        precondition(input == nil, "a QPDFDocument reads one file")
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        copy.copyBytes(from: bytes)
        input = copy
        qpdf_set_attempt_recovery(data, QPDF_FALSE)
        _ = qpdf_read_memory(data, description, copy.baseAddress?.assumingMemoryBound(to: CChar.self), UInt64(bytes.count), nil)
        try check("reading \(description)")
    }

    /// The whole file as written with object streams, compressed streams and a deterministic /ID
    /// (an MD5 of the file's content, so the same input always gives the same bytes).
    func writtenBytes() throws -> [UInt8] {
        _ = qpdf_init_write_memory(data)
        try check("preparing to write the PDF")
        try writeWithOptions()
        let length = qpdf_get_buffer_length(data)
        guard let buffer = qpdf_get_buffer(data) else {
            throw PostPassError.qpdf(operation: "writing the PDF", message: "no output buffer")
        }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    private func writeWithOptions() throws {
        qpdf_set_object_stream_mode(data, qpdf_o_generate)
        qpdf_set_stream_data_mode(data, qpdf_s_compress)
        qpdf_set_compress_streams(data, QPDF_TRUE)
        qpdf_set_decode_level(data, qpdf_dl_generalized)
        qpdf_set_preserve_unreferenced_objects(data, QPDF_FALSE)
        qpdf_set_deterministic_ID(data, QPDF_TRUE)
        _ = qpdf_write(data)
        try check("writing the PDF")
    }

    /// Replaces every object that cannot be reached from the trailer with null, without reading it.
    ///
    /// libqpdf's writer reads every object listed in the cross-reference table before writing
    /// (to look for dangling references), reachable or not; this keeps it from reading objects the
    /// output drops anyway (cairo's structure tree, once the catalog no longer points at it).
    /// Only the reachable objects are read, by a walk from the trailer through dictionaries,
    /// arrays and stream dictionaries. Returns the number of objects replaced.
    @discardableResult
    func dropUnreachableObjects() throws -> Int {
        let unreachable = try unreachableObjectNumbers()
        for number in unreachable {
            // A null of its own each time: the replacement becomes that object.
            let null = qpdf_oh_new_null(data)
            qpdf_replace_object(data, Int32(number), 0, null)
            qpdf_oh_release(data, null)
        }
        try check("dropping unreachable objects")
        return unreachable.count
    }

    /// The numbers, in order, of the objects below the trailer's `/Size` that no chain of
    /// references reaches from the trailer (free ones included); reads only reachable objects.
    func unreachableObjectNumbers() throws -> [Int] {
        var reached = Set<Int>()
        var pending: [qpdf_oh] = [qpdf_get_trailer(data)]
        var keys: [String] = []
        while let handle = pending.popLast() {
            defer { qpdf_oh_release(data, handle) }
            if qpdf_oh_is_indirect(data, handle) != 0 {
                guard reached.insert(Int(qpdf_oh_get_object_id(data, handle))).inserted else { continue }
            }
            switch qpdf_oh_get_type_code(data, handle) {
            case ot_array:
                for k in 0..<qpdf_oh_get_array_n_items(data, handle) { pending.append(qpdf_oh_get_array_item(data, handle, k)) }
            case ot_dictionary, ot_stream:
                let dictionary = qpdf_oh_get_type_code(data, handle) == ot_stream ? qpdf_oh_get_dict(data, handle) : handle
                keys.removeAll(keepingCapacity: true)
                qpdf_oh_begin_dict_key_iter(data, dictionary)
                while qpdf_oh_dict_more_keys(data) != 0 {
                    if let key = qpdf_oh_dict_next_key(data) { keys.append(String(cString: key)) }
                }
                for key in keys { pending.append(qpdf_oh_get_key(data, dictionary, key)) }
                if dictionary != handle { qpdf_oh_release(data, dictionary) }
            default:
                break
            }
            try check("walking the objects of the PDF")
        }
        let trailer = qpdf_get_trailer(data)
        let sizeHandle = qpdf_oh_get_key(data, trailer, "/Size")
        let size = Int(qpdf_oh_get_int_value(data, sizeHandle))
        qpdf_oh_release(data, sizeHandle)
        qpdf_oh_release(data, trailer)
        return (1..<max(size, 1)).filter { !reached.contains($0) }
    }

    // MARK: Document-level objects

    var trailer: Object { own(qpdf_get_trailer(data)) }
    var root: Object { own(qpdf_get_root(data)) }

    func pageCount() throws -> Int {
        let n = qpdf_get_num_pages(data)
        try check("counting pages")
        return Int(max(n, 0))
    }

    func page(_ index: Int) throws -> Object {
        try checked("getting page \(index + 1)") { own(qpdf_get_page_n(data, index)) }
    }

    /// Appends copies of every page of `other` (with everything they use) after this document's
    /// pages. `other` must stay alive until this document has been written: stream data is copied
    /// from it lazily.
    func appendPages(of other: QPDFDocument) throws {
        for k in 0..<(try other.pageCount()) {
            let page = qpdf_get_page_n(other.data, k)
            try other.check("getting page \(k + 1) of a part")
            _ = qpdf_add_page(data, other.data, page, QPDF_FALSE)
            qpdf_oh_release(other.data, page)
            try check("appending page \(k + 1) of a part")
        }
    }

    /// Runs `body` over the decoded, concatenated content of a page (all its content streams);
    /// the bytes are only valid during the call.
    func withPageContent<T>(_ page: Object, number: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        _ = qpdf_oh_get_page_content_data(data, page.handle, &buffer, &length)
        defer { free(buffer) }
        try check("reading the content of page \(number)")
        guard let buffer else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// Replaces a stream's data with `bytes`, unfiltered (the writer compresses it).
    func replaceStreamData(_ stream: Object, with bytes: [UInt8]) throws {
        let null = qpdf_oh_new_null(data)
        bytes.withUnsafeBufferPointer { buffer in
            qpdf_oh_replace_stream_data(data, stream.handle, buffer.baseAddress, buffer.count, null, null)
        }
        qpdf_oh_release(data, null)
        try check("replacing stream data")
    }

    /// Replaces a stream's data with `compressed`, zlib data that the stream decodes with
    /// `/FlateDecode` (the writer copies it as it is).
    func replaceStreamData(_ stream: Object, withFlate compressed: [UInt8]) throws {
        let filter = qpdf_oh_new_name(data, "/FlateDecode")
        let null = qpdf_oh_new_null(data)
        compressed.withUnsafeBufferPointer { buffer in
            qpdf_oh_replace_stream_data(data, stream.handle, buffer.baseAddress, buffer.count, filter, null)
        }
        qpdf_oh_release(data, null)
        qpdf_oh_release(data, filter)
        try check("replacing stream data")
    }

    /// A new indirect stream holding `bytes` (unfiltered), with an empty dictionary.
    func newStream(_ bytes: [UInt8]) throws -> Object {
        let stream = own(qpdf_oh_new_stream(data))
        try check("creating a stream")
        try replaceStreamData(stream, with: bytes)
        return stream
    }

    func streamDictionary(_ stream: Object) throws -> Object {
        try checked("getting a stream dictionary") { own(qpdf_oh_get_dict(data, stream.handle)) }
    }

    func makeIndirect(_ object: Object) throws -> Object {
        try checked("making an indirect object") { own(qpdf_make_indirect_object(data, object.handle)) }
    }

    // MARK: Inspecting objects

    /// The object's type (resolving an indirect reference); one libqpdf call.
    private func type(_ o: Object) -> qpdf_object_type_e { qpdf_oh_get_type_code(data, o.handle) }

    func isDictionary(_ o: Object) -> Bool { type(o) == ot_dictionary }
    func isArray(_ o: Object) -> Bool { type(o) == ot_array }
    func isStream(_ o: Object) -> Bool { type(o) == ot_stream }
    func isInteger(_ o: Object) -> Bool { type(o) == ot_integer }

    /// What the structure-tree walk needs to tell apart.
    enum Kind { case array, dictionary, other }

    func kind(_ o: Object) -> Kind {
        switch type(o) {
        case ot_array: return .array
        case ot_dictionary: return .dictionary
        default: return .other
        }
    }

    /// The object number and generation of an indirect object as one integer (a key for sets of
    /// visited objects), nil for a direct one.
    func objectKey(_ o: Object) -> Int? {
        let id = qpdf_oh_get_object_id(data, o.handle)
        guard id != 0 else { return nil }
        return Int(id) << 32 | Int(UInt32(bitPattern: qpdf_oh_get_generation(data, o.handle)))
    }

    /// The object number and generation of an indirect object, nil for a direct one.
    func reference(_ o: Object) -> ObjectReference? {
        let id = qpdf_oh_get_object_id(data, o.handle)
        guard id != 0 else { return nil }
        return ObjectReference(number: Int(id), generation: Int(qpdf_oh_get_generation(data, o.handle)))
    }

    /// The object as PDF syntax; an indirect object as its reference (`n g R`), or, with
    /// `resolved`, as its value (objects inside it still as references).
    func unparse(_ o: Object, resolved: Bool = false) -> String {
        let c = resolved ? qpdf_oh_unparse_resolved(data, o.handle) : qpdf_oh_unparse(data, o.handle)
        return c.map { String(cString: $0) } ?? "null"
    }

    /// The value of `key` in a dictionary (or stream dictionary); nil when absent, null or not a dictionary.
    func value(_ o: Object, _ key: String) -> Object? {
        let dictionary: qpdf_oh
        var streamDictionary: qpdf_oh?
        switch type(o) {
        case ot_dictionary:
            dictionary = o.handle
        case ot_stream:
            dictionary = qpdf_oh_get_dict(data, o.handle)
            streamDictionary = dictionary
        default:
            return nil
        }
        let v = qpdf_oh_get_key(data, dictionary, key)
        if let streamDictionary { qpdf_oh_release(data, streamDictionary) }
        guard qpdf_oh_is_null(data, v) == 0 else {
            qpdf_oh_release(data, v)
            return nil
        }
        return own(v)
    }

    /// The value of `key` in `dictionary`, which must be a dictionary (not a stream): a null
    /// object when the key is absent. One libqpdf call, for walks that look at the type anyway.
    func entry(_ dictionary: Object, _ key: String) -> Object {
        own(qpdf_oh_get_key(data, dictionary.handle, key))
    }

    func isNull(_ o: Object) -> Bool { qpdf_oh_is_null(data, o.handle) != 0 }

    /// Whether `o` is a dictionary whose `/Type` is the name `type` (one libqpdf call).
    func isDictionary(_ o: Object, ofType type: String) -> Bool {
        qpdf_oh_is_dictionary_of_type(data, o.handle, type, "") != 0
    }

    /// The name (with its leading slash), or nil for any other type.
    func name(_ o: Object) -> String? {
        var c: UnsafePointer<CChar>?
        var length = 0
        guard qpdf_oh_get_value_as_name(data, o.handle, &c, &length) != 0, let c else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: c, count: length), as: UTF8.self)
    }

    func integer(_ o: Object) -> Int? {
        var value: Int64 = 0
        guard qpdf_oh_get_value_as_longlong(data, o.handle, &value) != 0 else { return nil }
        return Int(value)
    }

    func bool(_ o: Object) -> Bool? {
        guard qpdf_oh_is_bool(data, o.handle) != 0 else { return nil }
        return qpdf_oh_get_bool_value(data, o.handle) != 0
    }

    /// A text string decoded to UTF-8 (PDFDocEncoding or UTF-16), or nil for any other type.
    func text(_ o: Object) -> String? {
        var c: UnsafePointer<CChar>?
        var length = 0
        guard qpdf_oh_get_value_as_utf8(data, o.handle, &c, &length) != 0, let c else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: c, count: length), as: UTF8.self)
    }

    /// The number of items of an array (0 for any other type).
    func count(_ array: Object) -> Int {
        guard isArray(array) else { return 0 }
        return Int(max(qpdf_oh_get_array_n_items(data, array.handle), 0))
    }

    /// The number of items of `array`, which must be an array.
    func arrayCount(_ array: Object) -> Int { Int(max(qpdf_oh_get_array_n_items(data, array.handle), 0)) }

    /// Item `index` of an array whose `count` was taken.
    func item(_ array: Object, _ index: Int) -> Object {
        own(qpdf_oh_get_array_item(data, array.handle, Int32(index)))
    }

    func items(_ array: Object) -> [Object] {
        (0..<count(array)).map { item(array, $0) }
    }

    /// `items` of an array, or the object itself as a one-item list (PDF's "array or single" values).
    func itemsOrSelf(_ o: Object) -> [Object] { isArray(o) ? items(o) : [o] }

    // MARK: Making and changing objects

    func newName(_ name: String) -> Object { own(qpdf_oh_new_name(data, name)) }
    func newText(_ text: String) -> Object { own(qpdf_oh_new_unicode_string(data, text)) }
    func newInteger(_ value: Int) -> Object { own(qpdf_oh_new_integer(data, Int64(value))) }
    func newBool(_ value: Bool) -> Object { own(qpdf_oh_new_bool(data, value ? QPDF_TRUE : QPDF_FALSE)) }
    func newDictionary() -> Object { own(qpdf_oh_new_dictionary(data)) }
    func newArray() -> Object { own(qpdf_oh_new_array(data)) }

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
