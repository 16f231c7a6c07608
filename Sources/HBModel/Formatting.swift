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
        return unit == 0 ? "\(value)B" : fixed(scaled, decimals: 1) + units[unit]
    }

    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return unknown }
        return fixed(value, decimals: 2) + "%"
    }

    /// `3d04h`, `2h05m`, `4m12s`, `9s`.
    public static func duration(seconds: Double?) -> String {
        // A century is no uptime or age a bot has: a larger value is a wrong clock, not a duration.
        guard let seconds, seconds >= 0, seconds < 3.2e9 else { return unknown }
        let s = Int(seconds)
        if s >= 86400 { return "\(s / 86400)d\(twoDigits(s % 86400 / 3600))h" }
        if s >= 3600 { return "\(s / 3600)h\(twoDigits(s % 3600 / 60))m" }
        if s >= 60 { return "\(s / 60)m\(twoDigits(s % 60))s" }
        return "\(s)s"
    }

    /// `11-19 14:05` in local time: where a time axis spans days.
    /// `2026-11-26T09:00:16.652Z`, written by hand: a date formatter per row made an export of a day of
    /// samples take seconds.
    public static func iso8601(_ time: Double) -> String {
        guard time.isFinite, time.magnitude < 1e12 else { return "" }
        var millis = Int64((time * 1000).rounded())
        var seconds = time_t(millis / 1000)
        millis %= 1000
        if millis < 0 {
            millis += 1000
            seconds -= 1
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// `HH:MM:SS` (or `HH:MM`) in local time; `--:--:--` for what is not a time.
    public static func clock(_ time: Double, seconds: Bool = true) -> String {
        guard time.isFinite, time.magnitude < 1e12 else { return seconds ? "--:--:--" : "--:--" }
        var t = time_t(time)
        var parts = tm()
        localtime_r(&t, &parts)
        let two = { (n: Int32) in twoDigits(Int(n)) }
        return two(parts.tm_hour) + ":" + two(parts.tm_min) + (seconds ? ":" + two(parts.tm_sec) : "")
    }

    public static func day(_ time: Double) -> String {
        guard time.isFinite, time.magnitude < 1e12 else { return "--" }
        var t = time_t(time)
        var parts = tm()
        localtime_r(&t, &parts)
        return
            "\(twoDigits(Int(parts.tm_mon) + 1))-\(twoDigits(Int(parts.tm_mday))) \(twoDigits(Int(parts.tm_hour))):\(twoDigits(Int(parts.tm_min)))"
    }

    /// `07`, `42`: clock and duration fields.
    public static func twoDigits(_ n: Int) -> String {
        n < 10 ? "0\(n)" : "\(n)"
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// What `String(format: "%.<decimals>f")` prints, without its cost (Foundation's formatter goes
    /// through the locale machinery, and the screen formats a few hundred numbers per frame).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, value.magnitude < 1e15, decimals >= 0, decimals < powersOfTen.count else {
            return String(format: "%.\(decimals)f", value)
        }
        let scale = powersOfTen[decimals]
        let scaled = Int((value.magnitude * scale).rounded(.toNearestOrEven))
        let whole = scaled / Int(scale)
        var text = (value < 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(scaled % Int(scale))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}
