/// Measures how much each instance's `data/` and `logs/` take in the bots folder.
protocol DiskCollector: Sendable {
    mutating func usage(of names: [String], in botsFolder: String, now: Double) -> [String: UInt64]
}
