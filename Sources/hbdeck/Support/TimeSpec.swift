import Foundation

/// Reads a point in time as unix seconds, RFC 3339, or an age before now (`90s`, `10m`, `2h`, `1d`).
/// Only times from 1970 to 2100 are accepted: the engine is never sent a 300-digit number.
enum TimeSpec {
    static let accepted: ClosedRange<Double> = 0...4_102_444_800

    static func parse(_ text: String, now: Date = Date()) -> Double? {
        parseAnyTime(text, now: now).flatMap { accepted.contains($0) ? $0 : nil }
    }

    private static func parseAnyTime(_ text: String, now: Date) -> Double? {
        if let seconds = Double(text) { return seconds }
        if let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 {
            let scale: Double? = ["s": 1, "m": 60, "h": 3600, "d": 86400][unit]
            if let scale { return now.timeIntervalSince1970 - amount * scale }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
