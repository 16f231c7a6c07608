/// One bot instance as the console shows it at one moment. Immutable.
public struct InstanceSnapshot: Sendable, Equatable, Identifiable {
    public var id: String { name }
    /// Unique in the fleet: `HOST/NAME` where several engines are watched, else the container's name.
    public var name: String
    /// The engine's name where several are watched.
    public var host: String?

    /// The container's own name, without its host.
    public var containerName: String {
        host == nil ? name : QualifiedName(name).name
    }
    public var containerID: String?
    public var image: String
    public var state: InstanceState
    public var reason: String?
    /// Nil when there is no MQTT link to ask.
    public var health: BotHealth?
    public var startedAt: Double?
    public var strategy: String?
    public var pnl: Double?
    public var trades: Int?
    public var volume: Double?
    public var openOrders: Int?
    public var errors: Int?
    public var resources: ResourceFigures
    public var networkMode: String
    /// Per controller, by name; empty before the bot's first performance report.
    public var controllers: [ControllerFigures] = []
    /// Newest first.
    public var orders: [OrderFigures] = []
    /// The newest fills the bot announced over MQTT, oldest first, for the history store.
    public var fillsHeard: [TradeFill] = []
    /// "host path → container path", as bound.
    public var mounts: [String] = []
    /// The engine's restart policy, how often it restarted the container, and its last exit.
    public var supervision: String?
    /// How often the engine restarted the container (nil before it was inspected).
    public var restarts: Int?
    /// The kernel killed the container's last run for its memory limit.
    public var oomKilled = false

    /// The last Python traceback in errors.log when its container ended (the client writes its stderr there).
    public var crashTraceback: [String] = []
    /// When its container last ended, as the engine says (nil while it runs or never ended).
    public var finishedAt: Double?
    /// TRADES was counted in the bot's own trade database: exact, not a lower bound.
    public var tradesFromDatabase = false
    /// Where VOLUME comes from.
    public var volumeSource: FigureSource?
    /// When the last performance report (P&L, and VOLUME from it) arrived, and when the bot's trade database
    /// was last read.
    public var performanceAt: Double?
    public var databaseReadAt: Double?
    /// The open orders are those the bot's own trade database records as open (with those heard over MQTT
    /// since it was read): exact, where MQTT alone would know only those placed since the console listens.
    public var ordersFromDatabase = false
    /// The bot's WARNING, ERROR and CRITICAL records of this run, oldest first (over MQTT).
    public var problems: [ProblemRecord] = []
    /// Running longer than Hummingbot advises without a restart (7 days unless configured).
    public var runningTooLong = false
    /// Bytes its `data/` and `logs/` take in the bots folder, and the quota they are watched against.
    public var diskUsed: UInt64?
    public var diskQuota: UInt64?
    /// Files of the bot's folder that are there but were not read, with the reason
    /// (`data/x.sqlite: a symbolic link, not followed`): their figures show `—` for that, not for "no file yet".
    public var unreadableFiles: [String] = []

    /// The network as an operator reads it: `host`, `isolated (hbdeck-NAME)`, or the network's name.
    public var networkShown: String {
        networkMode == HBLabels.isolatedNetwork(of: containerName) ? "isolated (\(networkMode))" : networkMode
    }

    /// `cannot read data/x.sqlite: a symbolic link, not followed`, when a file was not read.
    public var filesWarning: String? {
        unreadableFiles.isEmpty ? nil : "cannot read " + unreadableFiles.joined(separator: " · ")
    }

    /// Past 90 % of the disk quota: shown under its row until logs are cleaned.
    public var diskWarning: String? {
        guard let used = diskUsed, let quota = diskQuota, quota > 0, Double(used) > Double(quota) * 0.9 else {
            return nil
        }
        return
            "disk: data/ and logs/ take \(Formatting.bytes(used)) of its \(Formatting.bytes(quota)) quota · hbdeck clean-logs \(name)"
    }

    /// Memory in use above 90 % of the container's limit: an OOM kill is near.
    public var memoryNearLimit: Bool {
        guard let used = resources.memoryUsed, let limit = resources.memoryLimit, limit > 0 else { return false }
        return Double(used) > Double(limit) * 0.9
    }
    /// The console was not listening to this bot for all of its run (it started, or reconnected to the
    /// broker, after the bot did): orders placed and fills made before are not known, so `openOrders`
    /// and `trades` are lower bounds.
    public var countsAreLowerBounds = false
    /// Orders may be open that the console never heard of: ORD is at least what it shows.
    public var ordersAreLowerBound: Bool { countsAreLowerBounds && !ordersFromDatabase }
    /// How the bot runs; for `.hbot`, `health` comes from its own status file.
    public var engine: BotEngine = .quickstart
    /// How old the bot's `data/bot/status.json` was (hbot-engine bots), nil before it was read.
    public var statusFileAge: Double?
    /// The bot's own status text from that file.
    public var formatStatus: String?
    /// An hbot-engine bot that also talks MQTT: what its heartbeats say when that differs from its status
    /// file (the screen shows the file's word, the bot's own, and says so).
    public var mqttDisagrees: BotHealth?
    /// The hummingbot-api server this bot is read through (its address), nil for a bot of a Docker engine.
    public var throughAPI: String?

    /// What the API does not give, said once where the figures read `—`.
    public static let notGivenByAPI = "CPU, MEM, NET, uptime, trades, orders"

    public init(
        name: String, containerID: String? = nil, image: String = "", state: InstanceState, reason: String? = nil,
        health: BotHealth? = nil, startedAt: Double? = nil, strategy: String? = nil, pnl: Double? = nil,
        trades: Int? = nil, volume: Double? = nil, openOrders: Int? = nil, errors: Int? = nil,
        resources: ResourceFigures = ResourceFigures(), networkMode: String = ""
    ) {
        self.name = name
        self.containerID = containerID
        self.image = image
        self.state = state
        self.reason = reason
        self.health = health
        self.startedAt = startedAt
        self.strategy = strategy
        self.pnl = pnl
        self.trades = trades
        self.volume = volume
        self.openOrders = openOrders
        self.errors = errors
        self.resources = resources
        self.networkMode = networkMode
    }

    /// Some open order was heard of before a gap in the broker link: the count may be too high.
    public var hasUncertainOrders: Bool { orders.contains(where: \.uncertain) }
}
