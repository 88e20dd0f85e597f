import Foundation
private let tracing = getenv("SCTRACE") != nil
public func traceMark(_ label: String) {
    guard tracing else { return }
    var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t)
    let line = "TRACE \(Int(t.tv_sec) * 1_000_000_000 + t.tv_nsec) \(label)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}
