import Console
import Monitor

/// Reads one bot's recorded samples over a range and turns them into the details screen's four charts.
enum ChartLoader {
    static let buckets = 60

    /// `storedAs`: the name the store keeps the bot's samples under, where it differs from `name`.
    static func charts(
        of name: String, storedAs: String? = nil, range: HistoryCharts.Range, store: HistoryStore, now: Double
    ) async throws -> HistoryCharts {
        let from = now - range.seconds
        let samples = try await store.samples(bot: storedAs ?? name, from: from, to: now)
        func series(_ title: String, _ value: (HistoryStore.Sample) -> Double?) -> HistoryCharts.Series {
            HistoryCharts.Series(
                title: title,
                values: HistoryCharts.resample(
                    samples.map { ($0.time, value($0)) }, from: from, to: now, buckets: buckets))
        }
        return HistoryCharts(
            instance: name, range: range, from: from, to: now,
            series: [
                series("P&L", \.pnl), series("Volume", \.volume), series("CPU %", \.cpuPercent),
                series("Memory", { $0.memoryBytes.map(Double.init) }),
            ],
            samples: samples.count)
    }
}
