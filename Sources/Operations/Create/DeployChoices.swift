import Deploy
import HBModel

/// A new bot as the operator chose it, from `hbdeck create`'s options or the console's create dialog. One rule
/// turns the choices into the `DeployRequest`: a template's settings when one is named, else the defaults, and
/// every choice given over them.
public struct DeployChoices: Sendable, Equatable {
    public var name: String
    public var template: String?
    public var image: String?
    public var profile: String?
    public var strategy: DeployRequest.Strategy?
    /// `isolated` (the default), `host` or a network's name.
    public var network: String?
    public var cpus: Double?
    public var memoryBytes: Int64?
    public var restartRetries: Int?
    public var pidsLimit: Int64?
    public var engine: BotEngine?

    public init(name: String) {
        self.name = name
    }

    public func request(in folder: BotsFolder, broker: DeployRequest.Broker) throws -> DeployRequest {
        let instance: InstanceName
        do { instance = try InstanceName(validating: name) } catch { throw DeployProblem(.name, error.description) }
        var request =
            try template.map { try TemplateStore(folder: folder).load($0).request(named: instance, broker: broker) }
            ?? DeployRequest(name: instance, strategy: .scriptConfig(""), broker: broker, network: BotNetwork.isolated)
        if let image { request.image = image }
        if let profile { request.profile = profile }
        if let strategy { request.strategy = strategy }
        if let network { request.network = network }
        if let cpus { request.cpus = cpus }
        if let memoryBytes { request.memoryBytes = memoryBytes }
        if let restartRetries { request.restartRetries = restartRetries }
        if let pidsLimit { request.pidsLimit = pidsLimit }
        if let engine { request.engine = engine }
        return request
    }
}
