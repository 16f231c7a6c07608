/// The details screen's charts over a longer range, from the history store: `h` cycles the range.
public struct HistoryCharts: Sendable, Equatable {
    public enum Range: String, Sendable, CaseIterable {
        case live = "last minutes", hour = "last 1h", day = "last 24h", week = "last 7d"

        public var seconds: Double {
            switch self {
            case .live: return 0
            case .hour: return 3600
            case .day: return 86_400
            case .week: return 7 * 86_400
            }
        }

        public var next: Range {
            let all = Range.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    /// One chart: its values from oldest to newest, one per bucket of equal time (nil: nothing recorded then).
    public struct Series: Sendable, Equatable {
        public let title: String
        public let values: [Double?]

        public init(title: String, values: [Double?]) {
            self.title = title
            self.values = values
        }
    }

    public let instance: String
    public let range: Range
    public let from: Double
    public let to: Double
    public let series: [Series]
    /// How many samples the store had in the range.
    public let samples: Int

    public init(instance: String, range: Range, from: Double, to: Double, series: [Series], samples: Int) {
        self.instance = instance
        self.range = range
        self.from = from
        self.to = to
        self.series = series
        self.samples = samples
    }

    /// Points grouped into `buckets` of equal time from `from` to `to`, each bucket's mean.
    public static func resample(_ points: [(time: Double, value: Double?)], from: Double, to: Double, buckets: Int)
        -> [Double?]
    {
        guard buckets > 0, to > from else { return [] }
        var sums = [Double](repeating: 0, count: buckets)
        var counts = [Int](repeating: 0, count: buckets)
        for point in points {
            guard let value = point.value, value.isFinite, point.time >= from, point.time <= to else { continue }
            let index = min(buckets - 1, Int((point.time - from) / (to - from) * Double(buckets)))
            sums[index] += value
            counts[index] += 1
        }
        return (0..<buckets).map { counts[$0] == 0 ? nil : sums[$0] / Double(counts[$0]) }
    }
}
