/// The rules that are on and their thresholds, from the config file (`alert_*` settings).
public struct AlertPolicy: Sendable, Equatable {
    public var rules: Set<AlertRule> = Set(AlertRule.configurable)
    /// Restarts within `crashLoopWindow` seconds that make a crash loop.
    public var crashLoopRestarts = 3
    public var crashLoopWindow = 600.0
    /// Seconds a bot stays in Error before it is alerted on (a restart policy may bring it back at once).
    public var errorAfter = 0.0
    /// Seconds without a heartbeat, past the liveness timeout, before a running bot is alerted on.
    public var unresponsiveAfter = 60.0
    /// Percent of the memory limit, and of the disk quota.
    public var memoryPercent = 90.0
    public var diskPercent = 90.0
    /// Seconds an engine is offline, or the broker down, before it is alerted on.
    public var offlineAfter = 30.0
    /// At most this many messages per target in `rateWindow` seconds; the others are counted and said in the
    /// next message that goes.
    public var rateLimit = 20
    public var rateWindow = 600.0

    public init() {}

    /// Sets one `alert_*` setting of the config file; false for a key that is not one. A bad value throws a
    /// sentence that names the key.
    public mutating func set(_ key: String, to value: String) throws(AlertSettingProblem) -> Bool {
        func number(_ text: String, atLeast least: Double) throws(AlertSettingProblem) -> Double {
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number >= least else {
                throw AlertSettingProblem("\(key) must be a number of at least \(Int(least))")
            }
            return number
        }
        func pair(_ text: String) throws(AlertSettingProblem) -> (Double, Double) {
            let parts = text.split(separator: "/").map { String($0) }
            guard parts.count == 2 else { throw AlertSettingProblem("\(key) takes COUNT/SECONDS, such as 3/600") }
            return (try number(parts[0], atLeast: 1), try number(parts[1], atLeast: 1))
        }
        switch key {
        case "alert_rules":
            var chosen = Set<AlertRule>()
            for word in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !word.isEmpty {
                guard let rule = AlertRule(rawValue: word), rule != .test else {
                    throw AlertSettingProblem(
                        "alert_rules: unknown rule \"\(word)\" (rules: "
                            + AlertRule.configurable.map(\.rawValue).joined(separator: ", ") + ")")
                }
                chosen.insert(rule)
            }
            rules = chosen
        case "alert_crash_loop":
            let (count, seconds) = try pair(value)
            (crashLoopRestarts, crashLoopWindow) = (Int(count), seconds)
        case "alert_error_after": errorAfter = try number(value, atLeast: 0)
        case "alert_unresponsive_after": unresponsiveAfter = try number(value, atLeast: 0)
        case "alert_memory_percent": memoryPercent = min(100, try number(value, atLeast: 1))
        case "alert_disk_percent": diskPercent = min(100, try number(value, atLeast: 1))
        case "alert_offline_after": offlineAfter = try number(value, atLeast: 0)
        case "alert_rate_limit":
            let (count, seconds) = try pair(value)
            (rateLimit, rateWindow) = (Int(count), seconds)
        default: return false
        }
        return true
    }
}

/// A bad `alert_*` setting, said as a sentence.
public struct AlertSettingProblem: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
