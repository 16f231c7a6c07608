/// A topic a bot publishes on: `<namespace>/<instance_id>/<channel>`.
public struct BotTopic: Sendable, Equatable {
    public enum Channel: String, Sendable, CaseIterable {
        case heartbeat = "hb"
        case statusUpdates = "status_updates"
        case log
        case events
        case performance
        case notify
    }

    public let instanceID: String
    public let channel: Channel

    /// Nil for topics outside the namespace or on channels bots do not publish.
    public init?(_ topic: String, namespace: String) {
        guard topic.hasPrefix(namespace + "/") else { return nil }
        let rest = topic.dropFirst(namespace.count + 1)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let instance = rest[..<slash]
        guard !instance.isEmpty, let channel = Channel(rawValue: String(rest[rest.index(after: slash)...])) else {
            return nil
        }
        self.instanceID = String(instance)
        self.channel = channel
    }

    /// The subscriptions that cover every bot's telemetry.
    public static func subscriptions(namespace: String) -> [String] {
        Channel.allCases.map { "\(namespace)/+/\($0.rawValue)" }
    }
}
