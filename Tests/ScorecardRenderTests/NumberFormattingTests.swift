import CNumberFormatting
import Foundation
import Testing
import TestSupport

/// The process's `__snprintf_chk` (CNumberFormatting) must write what glibc writes, byte for byte:
/// glibc's `vsnprintf`, which it does not replace, is the reference.
@Suite("Number formatting for cairo")
struct NumberFormattingTests {
    /// The NUL-terminated text in `buffer`.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// glibc's output and return value for one argument list.
    static func glibc(_ format: String, size: Int = 128, _ arguments: [CVarArg]) -> (Int32, String) {
        var buffer = [CChar](repeating: 0x7F, count: max(size, 1))
        let length = withVaList(arguments) { vsnprintf(&buffer, size, format, $0) }
        return (length, size == 0 ? "" : Self.text(buffer))
    }

    static func fast(_ value: Double, precision: Int32) -> String? {
        var out = [CChar](repeating: 0, count: 64)
        let length = scorecard_format_fixed(&out, value, precision)
        guard length >= 0 else { return nil }
        return String(decoding: out[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Doubles of the kinds cairo formats (page coordinates, font matrices, small fractions) and
    /// any bit pattern at all.
    static func sample(_ random: inout SplitMix64, _ k: Int) -> Double {
        let r = random.next()
        switch k % 6 {
        case 0: return Double(bitPattern: r)
        case 1: return Double(Int64(r % 2_000_000_000)) / 1000 - 1_000_000
        case 2: return (r & 1 == 0 ? 1 : -1) * Double(r >> 11) * pow(2, -Double(random.next() % 90))
        case 3: return Double(r % 100_000_000) / 131_072 // multiples of 2^-17: exact halves at many precisions
        case 4: return Double(r >> 11) / 9_007_199_254_740_992 * 1000 - 500
        default: return Double(Int64(bitPattern: r) >> 20) // large integers, some at or above 2^63 / 10^p
        }
    }

    @Test func fixedPointDigitsAreGlibcsForEveryPrecision() {
        var random = SplitMix64(seed: 20_170_622)
        var fastPaths = 0
        for k in 0..<120_000 {
            let value = Self.sample(&random, k)
            let precision = Int32(k % 19)
            let reference = Self.glibc("%.*f", [precision, value]).1
            if let fast = Self.fast(value, precision: precision) {
                #expect(fast == reference, "\(value) with \(precision) digits")
                fastPaths += 1
            } else {
                // Only values outside the fast path are left to glibc.
                #expect(!value.isFinite || abs(value) >= 0x1p63, "\(value) was not formatted")
            }
        }
        #expect(fastPaths > 100_000)
    }

    @Test func halvesRoundToEvenAsGlibcDoes() {
        // Exact binary halves at the last digit: glibc rounds them to the even neighbour.
        #expect(Self.fast(0.0078125, precision: 6) == "0.007812")
        #expect(Self.fast(0.0234375, precision: 6) == "0.023438")
        #expect(Self.fast(2.5, precision: 0) == "2")
        #expect(Self.fast(3.5, precision: 0) == "4")
        #expect(Self.fast(-0.5, precision: 0) == "-0")
        #expect(Self.fast(-0.0, precision: 6) == "-0.000000")
        #expect(Self.fast(-1e-9, precision: 6) == "-0.000000")
        #expect(Self.fast(595.275591, precision: 6) == "595.275591")
        for value in [0.0078125, 0.0234375, 2.5, 3.5, -0.5, -0.0, -1e-9, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                      0x1p63 - 1024, 0.1, 0.09999999999999999, 1e-7, 5e-7, 4.9999999999999996e-7] {
            for precision: Int32 in [0, 3, 6, 17, 18] {
                #expect(Self.fast(value, precision: precision) == Self.glibc("%.*f", [precision, value]).1, "\(value) \(precision)")
            }
        }
        #expect(Self.fast(0x1p63, precision: 6) == nil)
        #expect(Self.fast(.infinity, precision: 6) == nil)
        #expect(Self.fast(.nan, precision: 6) == nil)
        #expect(Self.fast(1, precision: 19) == nil)
    }

    @Test func theProcessBindsSnprintfChkToOurs() {
        // Fails if the executable stops exporting the symbol: cairo would then call glibc's.
        #expect(scorecard_snprintf_is_interposed() == 1)
    }

    @Test func everyFormatAndBufferSizeGivesGlibcsBytesAndLength() {
        var random = SplitMix64(seed: 6)
        func check(_ size: Int, _ format: String, _ call: (UnsafeMutablePointer<CChar>) -> Int32, _ arguments: [CVarArg]) {
            var buffer = [CChar](repeating: 0x7F, count: 128)
            let length = call(&buffer)
            let (referenceLength, reference) = Self.glibc(format, size: size, arguments)
            #expect(length == referenceLength, "\(format) \(arguments) in \(size) bytes")
            if size > 0 {
                #expect(Self.text(buffer) == reference, "\(format) \(arguments) in \(size) bytes")
            } else {
                #expect(buffer[0] == 0x7F, "nothing written into no bytes")
            }
        }
        for k in 0..<4_000 {
            let value = Self.sample(&random, k)
            let integer = Int32(truncatingIfNeeded: random.next())
            let long = Int(bitPattern: UInt(random.next())) >> Int(random.next() % 64)
            let precision = Int32(random.next() % 19)
            for size in [0, 1, 5, 12, 128] {
                for format in ["%f", "%.18f", "%.3f", "%g", "%5.2f", "%e", "%fx"] {
                    check(size, format, { scorecard_snprintf_double($0, size, format, value) }, [value])
                }
                check(size, "%.*f", { scorecard_snprintf_precision($0, size, precision, value) }, [precision, value])
                for format in ["%d", "%x", "%5d", "%dx"] {
                    check(size, format, { scorecard_snprintf_int($0, size, format, integer) }, [integer])
                }
                for format in ["%ld", "%010ld", "%lu", "%lld", "%lx", "%010lx"] {
                    check(size, format, { scorecard_snprintf_long($0, size, format, long) }, [long])
                }
            }
        }
    }
}
