/// What the alerts know between two looks at the fleet: the conditions alerted and not yet resolved, those
/// seen but not yet held long enough, each bot's restarts, and the newest error record already said. It is
/// kept in a file, so that a recorder started again neither repeats an alert nor forgets to resolve one.
public struct AlertBook: Sendable, Equatable, Codable {
    /// A condition that was alerted on.
    public struct Active: Sendable, Equatable, Codable {
        public var rule: AlertRule
        public var subject: String
        public var since: Double
        public var detail: String
    }

    /// Restarts seen of one bot's container.
    public struct Restarts: Sendable, Equatable, Codable {
        public var container: String
        public var count: Int
        /// When each restart was seen, oldest first, within the crash-loop window.
        public var seen: [Double]
    }

    /// By key (`rule|subject`).
    public var active: [String: Active] = [:]
    /// When a condition was first seen true, by key, while it waits out its threshold.
    public var pending: [String: Double] = [:]
    public var restarts: [String: Restarts] = [:]
    /// The newest ERROR or CRITICAL record alerted on, per bot (the time hbdeck received it).
    public var recordsSaid: [String: Double] = [:]

    public init() {}

    static func key(_ rule: AlertRule, _ subject: String) -> String { rule.rawValue + "|" + subject }
}
