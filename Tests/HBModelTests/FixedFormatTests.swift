import Foundation
import HBModel
import Testing

@Suite struct FixedFormatTests {
    @Test func printsWhatPrintfPrints() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<20_000 {
            let magnitude = pow(10, next() * 12 - 4)
            let value = next() < 0.3 ? -magnitude : magnitude
            for decimals in 0...3 {
                #expect(
                    Formatting.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value),
                    "\(value) with \(decimals)")
            }
        }
        for (value, decimals, text) in [
            (0.0, 1, "0.0"), (2.5, 0, "2"), (3.5, 0, "4"), (0.25, 1, "0.2"), (1e20, 1, "100000000000000000000.0"),
            (7, 2, "7.00"),
        ] {
            #expect(Formatting.fixed(value, decimals: decimals) == text)
        }
    }
}
