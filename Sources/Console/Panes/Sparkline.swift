/// `▁▂▃▅▇` from the last `width` values, scaled between their minimum and maximum.
enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// As `render`, with a blank where nothing was recorded.
    static func render(gaps values: [Double?], width: Int) -> String {
        let shown = Array(values.suffix(width))
        let known = shown.compactMap { $0 }
        guard !known.isEmpty else { return "" }
        let drawn = Array(render(known, width: known.count))
        var index = 0
        return String(
            shown.map { value -> Character in
                guard value != nil else { return " " }
                defer { index += 1 }
                return drawn[index]
            })
    }

    static func render(_ values: [Double], width: Int) -> String {
        let shown = values.suffix(width).map { $0.isFinite ? $0 : 0 }
        guard let low = shown.min(), let high = shown.max() else { return "" }
        // Scaled within [0, 1] first: `high - low` overflows to infinity for values near ±1e308.
        let scale = Swift.max(high.magnitude, low.magnitude)
        let span = high / scale - low / scale
        return String(
            shown.map { value -> Character in
                guard span > 0, span.isFinite else { return value == 0 ? bars[0] : bars[3] }
                let level = (value / scale - low / scale) / span * Double(bars.count - 1) + 0.5
                return bars[Swift.min(bars.count - 1, Swift.max(0, Int(level.isFinite ? level : 0)))]
            })
    }
}
