/// A deployment the API recorded (`/bot-orchestration/bot-runs`): what was deployed, when, and how it ended.
public struct APIBotRun: Decodable, Sendable, Equatable {
    public let id: Int
    public let botName: String
    /// ISO 8601 with its offset, as the API writes it.
    public let deployedAt: String
    public let stoppedAt: String?
    /// `script` or `controller`.
    public let strategyType: String
    public let strategyName: String
    public let configName: String?
    public let accountName: String
    public let imageVersion: String?
    /// `DEPLOYED`, `FAILED`, `ARCHIVED`.
    public let deploymentStatus: String
    /// `CREATED`, `RUNNING`, `STOPPED`, `ERROR`.
    public let runStatus: String
    public let errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case id
        case botName = "bot_name"
        case deployedAt = "deployed_at"
        case stoppedAt = "stopped_at"
        case strategyType = "strategy_type"
        case strategyName = "strategy_name"
        case configName = "config_name"
        case accountName = "account_name"
        case imageVersion = "image_version"
        case deploymentStatus = "deployment_status"
        case runStatus = "run_status"
        case errorMessage = "error_message"
    }

    public init(
        id: Int, botName: String, deployedAt: String, stoppedAt: String? = nil, strategyType: String,
        strategyName: String, configName: String? = nil, accountName: String, imageVersion: String? = nil,
        deploymentStatus: String, runStatus: String, errorMessage: String? = nil
    ) {
        self.id = id
        self.botName = botName
        self.deployedAt = deployedAt
        self.stoppedAt = stoppedAt
        self.strategyType = strategyType
        self.strategyName = strategyName
        self.configName = configName
        self.accountName = accountName
        self.imageVersion = imageVersion
        self.deploymentStatus = deploymentStatus
        self.runStatus = runStatus
        self.errorMessage = errorMessage
    }
}
