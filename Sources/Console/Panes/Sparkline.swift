/// `▁▂▃▅▇` from the last `width` values, scaled between their minimum and maximum.
enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func render(_ values: [Double], width: Int) -> String {
        let shown = values.suffix(width)
        guard let low = shown.min(), let high = shown.max() else { return "" }
        let span = high - low
        return String(shown.map { value -> Character in
            guard span > 0 else { return value == 0 ? bars[0] : bars[3] }
            return bars[min(bars.count - 1, Int((value - low) / span * Double(bars.count - 1) + 0.5))]
        })
    }
}
