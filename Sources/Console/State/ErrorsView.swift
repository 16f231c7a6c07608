import HBModel

/// `E`: every bot's warnings and errors, grouped by bot and message with counts, newest first; one opens to
/// its whole text (a traceback included).
public struct ErrorsView: Sendable, Equatable {
    public var selected = 0
    public var expanded = false

    public init() {}

    /// Records of one bot with the same first line.
    public struct Group: Sendable, Equatable {
        public let bot: String
        public let headline: String
        public let level: String
        public let count: Int
        public let newest: Double
        /// The newest record's whole message.
        public let message: String
        public let logger: String
    }

    public static func groups(_ snapshot: FleetSnapshot) -> [Group] {
        var groups: [Group] = []
        for instance in snapshot.instances {
            let byHeadline = Dictionary(grouping: instance.problems, by: \.headline)
            for (headline, records) in byHeadline {
                guard let newest = records.max(by: { $0.time < $1.time }) else { continue }
                groups.append(
                    Group(
                        bot: instance.name, headline: headline, level: newest.level, count: records.count,
                        newest: newest.time,
                        message: newest.message, logger: newest.logger))
            }
        }
        return groups.sorted { ($0.newest, $0.bot, $0.headline) > ($1.newest, $1.bot, $1.headline) }
    }

    /// Records received after `time`: what the badge counts until they are acknowledged.
    public static func newCount(_ snapshot: FleetSnapshot, since time: Double) -> Int {
        snapshot.instances.reduce(0) { $0 + newCount($1, since: time) }
    }

    /// One bot's errors received after `time`: the badge on its row.
    public static func newCount(_ instance: InstanceSnapshot, since time: Double) -> Int {
        instance.problems.filter { $0.time > time && $0.level != "WARNING" }.count
    }
}
