import BotLink
import Docker
import Foundation

/// What the monitor watches and how often.
public struct MonitorConfig: Sendable {
    public var endpoint: DockerEndpoint
    public var brokerContainer: String
    /// Nil turns the bot link off.
    public var mqtt: MQTTSettings?
    public var namespace: String
    /// Hummingbot's `bots` folder: instances without a container are listed from `instances/`.
    public var botsFolder: String?
    /// Seconds between full reconciliations and resource samples.
    public var refreshInterval: Double
    public var livenessTimeout: Double
    public var logLines: Int
    /// More bots heard on the broker than this is warned about in its panel.
    public var brokerMaxBots = 10
    /// Uptime past this is flagged: Hummingbot advises restarting bots weekly.
    public var restartAfter = 7 * 86_400.0
    /// Bytes an instance's `data/` and `logs/` may take before it is warned about (nil: not watched).
    public var diskQuota: UInt64?
    /// How the broker's address is shown when it is not `mqtt`'s own (a broker reached through an ssh tunnel).
    public var brokerLabel: String?
    /// Where the cross-process locks of actions are kept (`InstanceLock`); nil: beside the audit log.
    public var lockFolder: URL?

    /// The broker's address as the broker panel shows it.
    var brokerAddress: String { brokerLabel ?? mqtt?.address ?? "—" }

    public init(
        endpoint: DockerEndpoint, brokerContainer: String = "hummingbot-broker", mqtt: MQTTSettings? = MQTTSettings(),
        namespace: String = "hbot", botsFolder: String? = nil, refreshInterval: Double = 2,
        livenessTimeout: Double = 30,
        logLines: Int = 5000, brokerMaxBots: Int = 10
    ) {
        self.brokerMaxBots = brokerMaxBots
        self.endpoint = endpoint
        self.brokerContainer = brokerContainer
        self.mqtt = mqtt
        self.namespace = namespace
        self.botsFolder = botsFolder
        self.refreshInterval = refreshInterval
        self.livenessTimeout = livenessTimeout
        self.logLines = logLines
    }
}
