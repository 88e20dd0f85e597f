import Foundation

/// A PDF read back through `qpdf --json` (JSON v2, stream data inline and decoded), for tests.
///
/// In qpdf's JSON v2 names are "/Name", references "N G R", text strings "u:text", binary strings
/// "b:hex", and a stream is {"stream": {"dict": …, "data": base64}}.
struct QPDFJSON {
    struct Failure: Error, CustomStringConvertible { var description: String }

    let objects: [String: Any]
    /// Page object references, in page order.
    let pages: [String]

    /// `allowingWarnings`: for cairo's own file, whose table lists a structure tree root cairo
    /// never writes when there are links (qpdf exits 3 for warnings only).
    init(_ url: URL, allowingWarnings: Bool = false) throws {
        let result = try Support.run("qpdf", ["--json", "--json-stream-data=inline", "--decode-level=generalized", url.path])
        guard result.status == 0 || (allowingWarnings && result.status == 3) else { throw Failure(description: "qpdf --json exited \(result.status)") }
        guard let top = try JSONSerialization.jsonObject(with: result.output) as? [String: Any],
              let qpdf = top["qpdf"] as? [Any], qpdf.count == 2, let objects = qpdf[1] as? [String: Any],
              let pages = top["pages"] as? [[String: Any]] else {
            throw Failure(description: "unexpected qpdf JSON layout")
        }
        self.objects = objects
        self.pages = pages.compactMap { $0["object"] as? String }
    }

    /// The value of an indirect object (a stream's dictionary for a stream), or `value` itself
    /// when it is not a reference.
    func resolve(_ value: Any?) -> Any? {
        guard let ref = value as? String, ref.hasSuffix(" R"), let object = objects["obj:" + ref] as? [String: Any] else {
            return value
        }
        if let stream = object["stream"] as? [String: Any] { return stream["dict"] }
        return object["value"]
    }

    func dictionary(_ value: Any?) -> [String: Any]? { resolve(value) as? [String: Any] }
    func array(_ value: Any?) -> [Any] { resolve(value) as? [Any] ?? [] }

    /// Decoded data of the stream `ref` ("N G R").
    func streamData(_ ref: Any?) -> [UInt8]? {
        guard let ref = ref as? String, let object = objects["obj:" + ref] as? [String: Any],
              let stream = object["stream"] as? [String: Any], let base64 = stream["data"] as? String,
              let data = Data(base64Encoded: base64) else { return nil }
        return Array(data)
    }

    var trailer: [String: Any] { (objects["trailer"] as? [String: Any])?["value"] as? [String: Any] ?? [:] }
    var root: [String: Any] { dictionary(trailer["/Root"]) ?? [:] }
    var info: [String: Any] { dictionary(trailer["/Info"]) ?? [:] }

    func page(_ index: Int) -> [String: Any] { dictionary(pages[index]) ?? [:] }

    /// The decoded content of page `index` (its streams joined by newlines).
    func content(ofPage index: Int) -> [UInt8] {
        let contents = page(index)["/Contents"]
        let refs: [Any] = (contents is String) ? [contents!] : (contents as? [Any] ?? [])
        return Array(refs.compactMap { streamData($0) }.joined(separator: [0x0A]))
    }

    /// A text string's value ("u:…" prefix dropped); nil for anything else.
    static func text(_ value: Any?) -> String? {
        guard let s = value as? String, s.hasPrefix("u:") else { return nil }
        return String(s.dropFirst(2))
    }

    /// Structure elements in pre-order, starting at the StructTreeRoot's kids.
    func structureElements() -> [[String: Any]] {
        var out: [[String: Any]] = []
        var seen = Set<String>()
        func visit(_ value: Any?) {
            if let ref = value as? String, ref.hasSuffix(" R") {
                guard seen.insert(ref).inserted else { return }
            }
            let resolved = resolve(value)
            if let items = resolved as? [Any] {
                items.forEach(visit)
                return
            }
            guard let element = resolved as? [String: Any], element["/S"] != nil,
                  element["/Type"] as? String != "/MCR", element["/Type"] as? String != "/OBJR" else { return }
            out.append(element)
            visit(element["/K"])
        }
        visit(dictionary(root["/StructTreeRoot"])?["/K"])
        return out
    }
}
