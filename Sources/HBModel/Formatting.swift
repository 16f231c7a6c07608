import Foundation

/// Number formats shared by the command line and the console. Unknown values read `—`, never `0`.
public enum Formatting {
    public static let unknown = "—"

    /// Binary units as `docker stats` prints them: `212.4MiB`, `1.5GiB`, `812B`.
    public static func bytes(_ value: UInt64?) -> String {
        guard let value else { return unknown }
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var scaled = Double(value)
        var unit = 0
        while scaled >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value)B" : String(format: "%.1f%@", scaled, units[unit])
    }

    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return unknown }
        return String(format: "%.2f%%", value)
    }

    /// `3d04h`, `2h05m`, `4m12s`, `9s`.
    public static func duration(seconds: Double?) -> String {
        guard let seconds, seconds >= 0, seconds.isFinite else { return unknown }
        let s = Int(seconds)
        if s >= 86400 { return String(format: "%dd%02dh", s / 86400, s % 86400 / 3600) }
        if s >= 3600 { return String(format: "%dh%02dm", s / 3600, s % 3600 / 60) }
        if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return "\(s)s"
    }
}
