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
        let text = String(format: "%.\(decimals)f", value)
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
        if a < 1000 { return a == a.rounded() ? String(Int(value)) : String(format: "%.1f", value) }
        if a < 1_000_000 { return String(format: "%.1fk", value / 1000) }
        if a < 1_000_000_000 { return String(format: "%.1fM", value / 1_000_000) }
        return String(format: "%.1fG", value / 1_000_000_000)
    }

    static func count(_ value: Int?) -> String {
        value.map { compact(Double($0)) } ?? Formatting.unknown
    }

    /// `212M`, `1.1G`, `980K`.
    static func memory(_ bytes: UInt64?) -> String {
        guard let bytes else { return Formatting.unknown }
        let b = Double(bytes)
        if b < 1024 * 1024 { return String(format: "%.0fK", b / 1024) }
        if b < 1024 * 1024 * 1024 { return String(format: "%.0fM", b / 1024 / 1024) }
        return String(format: "%.1fG", b / 1024 / 1024 / 1024)
    }

    static func cpu(_ percent: Double?) -> String {
        guard let percent, percent.isFinite else { return Formatting.unknown }
        return String(format: "%.1f", percent)
    }

    /// `12 KB/s` style rates for the metrics pane.
    static func rate(_ bytesPerSecond: Double?) -> String {
        guard let v = bytesPerSecond, v.isFinite else { return Formatting.unknown }
        if v < 1024 { return String(format: "%.0f B/s", v) }
        if v < 1024 * 1024 { return String(format: "%.0f KB/s", v / 1024) }
        return String(format: "%.1f MB/s", v / 1024 / 1024)
    }

    static func clock(_ time: Double, seconds: Bool = true) -> String {
        var t = time_t(time)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return two(parts.tm_hour) + ":" + two(parts.tm_min) + (seconds ? ":" + two(parts.tm_sec) : "")
    }
}
