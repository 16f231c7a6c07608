import Foundation
import HBModel

/// Numbers as the screen shows them: right-aligned by the caller, signed P&L, `—` when unknown.
enum NumberText {
    static let minus = "−"

    /// `+124.31`, `−12.08`, `+1,204.50`.
    static func signed(_ value: Double?, decimals: Int = 2) -> String {
        guard let value, value.isFinite else { return Formatting.unknown }
        let magnitude = grouped(abs(value), decimals: decimals)
        if value.magnitude < 0.5 * pow(10, Double(-decimals)) { return magnitude }
        return (value < 0 ? minus : "+") + magnitude
    }

    static func grouped(_ value: Double, decimals: Int) -> String {
        let text = Formatting.fixed(value, decimals: decimals)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var out = ""
        while whole.count > 3 {
            out = "," + whole.suffix(3) + out
            whole.removeLast(3)
        }
        out = whole + out
        return parts.count > 1 ? out + "." + parts[1] : out
    }

    /// `412`, `1.2k`, `81.2k`, `3.4M`.
    static func compact(_ value: Double?) -> String {
        guard let value, value.isFinite else { return Formatting.unknown }
        let a = abs(value)
        if a < 1000 { return a == a.rounded() ? String(Int(value)) : Formatting.fixed(value, decimals: 1) }
        if a < 1_000_000 { return Formatting.fixed(value / 1000, decimals: 1) + "k" }
        if a < 1_000_000_000 { return Formatting.fixed(value / 1_000_000, decimals: 1) + "M" }
        return Formatting.fixed(value / 1_000_000_000, decimals: 1) + "G"
    }

    /// `≥12` when the value is only a lower bound; `~12` when some of it may be gone unheard.
    static func count(_ value: Int?, atLeast: Bool = false, uncertain: Bool = false) -> String {
        value.map { (uncertain ? "~" : atLeast ? "≥" : "") + compact(Double($0)) } ?? Formatting.unknown
    }

    /// `212M`, `1.1G`, `980K`.
    static func memory(_ bytes: UInt64?) -> String {
        guard let bytes else { return Formatting.unknown }
        let b = Double(bytes)
        if b < 1024 * 1024 { return Formatting.fixed(b / 1024, decimals: 0) + "K" }
        if b < 1024 * 1024 * 1024 { return Formatting.fixed(b / 1024 / 1024, decimals: 0) + "M" }
        return Formatting.fixed(b / 1024 / 1024 / 1024, decimals: 1) + "G"
    }

    static func cpu(_ percent: Double?) -> String {
        guard let percent, percent.isFinite else { return Formatting.unknown }
        return Formatting.fixed(percent, decimals: 1)
    }

    /// `12 KB/s` style rates for the metrics pane.
    static func rate(_ bytesPerSecond: Double?) -> String {
        guard let v = bytesPerSecond, v.isFinite else { return Formatting.unknown }
        if v < 1024 { return Formatting.fixed(v, decimals: 0) + " B/s" }
        if v < 1024 * 1024 { return Formatting.fixed(v / 1024, decimals: 0) + " KB/s" }
        return Formatting.fixed(v / 1024 / 1024, decimals: 1) + " MB/s"
    }

    static func clock(_ time: Double, seconds: Bool = true) -> String {
        Formatting.clock(time, seconds: seconds)
    }
}
