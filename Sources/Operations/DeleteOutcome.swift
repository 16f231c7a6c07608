/// What a delete did, step by step: the bot's stop when its container ran, the container, its network and
/// broker user, its folder. Turned into words only by `text`, at the edges.
public struct DeleteOutcome: Sendable, Equatable {
    public let name: String
    /// The bot's stop, nil when its container was not running (or there was none).
    public internal(set) var stop: StopResult?
    public internal(set) var containerRemoved = false
    /// The bot's own network, removed with it.
    public internal(set) var networkRemoved: String?
    public internal(set) var brokerUserRemoved = false
    /// What became of its folder, as `InstanceArchiver` says it; nil when no bots folder is configured.
    public internal(set) var folder: String?

    init(name: String) {
        self.name = name
    }

    /// `deleted NAME: … · container removed · instances/NAME moved to archived/…`.
    public var text: String {
        var done: [String] = []
        if let stop { done.append(stop.summary) }
        if containerRemoved { done.append("container removed") }
        if let networkRemoved { done.append("network \(networkRemoved) removed") }
        if brokerUserRemoved { done.append("its broker user removed") }
        done.append(folder ?? "no bots folder configured: its folder stays")
        return "deleted \(name): " + done.joined(separator: " · ")
    }
}
