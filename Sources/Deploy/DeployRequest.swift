import HBModel

/// Everything a new bot instance is made from, as chosen in the create form or on the command line.
public struct DeployRequest: Sendable, Equatable {
    /// What the bot runs: a script config (`conf/scripts/*.yml`, V2 scripts and controllers) or a V1
    /// strategy config (`conf/strategies/*.yml`).
    public enum Strategy: Sendable, Equatable {
        case scriptConfig(String)
        case strategyConfig(String)
        /// One V2 controller config run on its own: only the client's `hbot start` does that.
        case controllerConfig(String)

        public var fileName: String {
            switch self {
            case .scriptConfig(let name), .strategyConfig(let name), .controllerConfig(let name): return name
            }
        }

        /// The folder of `conf/` it lives in.
        public var folder: String {
            switch self {
            case .scriptConfig: return "scripts"
            case .strategyConfig: return "strategies"
            case .controllerConfig: return "controllers"
            }
        }
    }

    /// Where the bot finds the broker, written into its `conf_client.yml`.
    public struct Broker: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var namespace: String
        /// The broker's user and password, when it refuses anonymous clients.
        public var username: String?
        public var password: Secret?
        /// The broker's container on this engine, which an isolated bot's network gets attached to.
        public var container: String

        public init(
            host: String = "localhost", port: Int = 1883, namespace: String = "hbot", username: String? = nil,
            password: Secret? = nil,
            container: String = "hummingbot-broker"
        ) {
            self.container = container
            self.username = username
            self.password = password
            self.host = host
            self.port = port
            self.namespace = namespace
        }
    }

    public var name: InstanceName
    public var image: String
    public var profile: String
    public var strategy: Strategy
    public var broker: Broker
    /// Docker's network mode: `host` as Hummingbot's tooling does, `isolated` for a network of the bot's own
    /// with only the broker on it (`BotNetwork`), or a network's name.
    public var network: String
    public var cpus: Double?
    public var memoryBytes: Int64?
    /// The engine restarts the bot this many times after it fails (`on-failure:N`), then leaves it stopped;
    /// nil or 0: never.
    public var restartRetries: Int?
    /// The most processes and threads the container may run.
    public var pidsLimit: Int64?
    /// How the container runs the bot: the image's quickstart command, or `hbot start CONFIG --foreground`.
    public var engine: BotEngine = .quickstart

    public init(
        name: InstanceName, image: String = "hummingbot/hummingbot:latest", profile: String = "master_account",
        strategy: Strategy, broker: Broker = Broker(), network: String = "host", cpus: Double? = nil,
        memoryBytes: Int64? = nil
    ) {
        self.name = name
        self.image = image
        self.profile = profile
        self.strategy = strategy
        self.broker = broker
        self.network = network
        self.cpus = cpus
        self.memoryBytes = memoryBytes
    }
}
