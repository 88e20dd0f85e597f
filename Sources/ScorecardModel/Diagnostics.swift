/// A place in an input file. Lines and columns count from 1; column counts characters.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in the inputs. Errors stop the render; warnings are printed and rendering goes on.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity; self.message = message; self.location = location
    }
    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }
    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `file:line:column: error: message`, the format compilers use, so editors can jump to it.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics while a stage runs. A value type: each stage owns its own collector.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}
    public mutating func add(_ d: Diagnostic) { all.append(d) }
    public mutating func error(_ message: String, at location: SourceLocation?) { add(.error(message, at: location)) }
    public mutating func warning(_ message: String, at location: SourceLocation?) { add(.warning(message, at: location)) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
}

/// Thrown when inputs have errors; carries every diagnostic found so far (warnings included).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ message: String, at location: SourceLocation?) { self.diagnostics = [.error(message, at: location)] }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A parsed value together with the warnings found while parsing it.
public struct Parsed<Value> {
    public var value: Value
    public var warnings: [Diagnostic]
    public init(_ value: Value, warnings: [Diagnostic] = []) { self.value = value; self.warnings = warnings }
}
extension Parsed: Sendable where Value: Sendable {}
