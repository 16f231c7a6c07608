import Docker
import Foundation
import HBModel
import Yams

/// An instance's settings kept under a name, to create more like it with only a new name: image, profile,
/// strategy, limits and network. Kept as YAML in `.hbdeck/templates/<name>.yml`; never a password.
public struct DeployTemplate: Sendable, Equatable, Codable {
    public var image: String
    public var profile: String
    public var scriptConfig: String?
    public var strategyConfig: String?
    /// A controller config the bot runs on its own (hbot only).
    public var controllerConfig: String?
    public var network: String
    public var cpus: Double?
    public var memoryBytes: Int64?
    /// `hbot` for bots run with the client's CLI; nil (the quickstart command) otherwise.
    public var engine: String?
    /// Restarts the engine makes after a failure (`on-failure:N`).
    public var restartRetries: Int?
    public var pidsLimit: Int64?

    enum CodingKeys: String, CodingKey {
        case image, profile, network, cpus, engine, restartRetries = "restart_retries", pidsLimit = "pids_limit"
        case scriptConfig = "script_config", strategyConfig = "strategy_config", controllerConfig = "controller_config",
            memoryBytes = "memory_bytes"
    }

    public init(
        image: String, profile: String, strategy: DeployRequest.Strategy, network: String = "host", cpus: Double? = nil,
        memoryBytes: Int64? = nil
    ) {
        self.image = image
        self.profile = profile
        switch strategy {
        case .scriptConfig(let name): scriptConfig = name
        case .strategyConfig(let name): strategyConfig = name
        case .controllerConfig(let name): controllerConfig = name
        }
        self.network = network
        self.cpus = cpus
        self.memoryBytes = memoryBytes
    }

    /// What a container runs, as a template; `profile` when its label does not say (not deployed by hbdeck).
    public init(container: ContainerDetails, profile: String?) throws(DeployProblem) {
        let env = container.config.env
        func value(_ key: String) -> String? {
            env.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }
        guard let profile = container.config.labels[HBLabels.profile] ?? profile else {
            throw DeployProblem(.profile, "\(container.name) does not say which profile it was deployed with: give it")
        }
        let strategy: DeployRequest.Strategy
        if BotEngine.of(command: container.config.cmd) == .hbot {
            strategy = .scriptConfig("")  // named by the command, below
        } else if let script = value("SCRIPT_CONFIG") {
            strategy = .scriptConfig(script)
        } else if let file = value("CONFIG_FILE_NAME") {
            strategy = .strategyConfig(file)
        } else {
            throw DeployProblem(.strategy, "\(container.name) runs no script config or strategy file")
        }
        let host = container.hostConfig
        let retries = host.restartPolicy.flatMap { $0.name == "on-failure" ? $0.maximumRetryCount : nil }
        // A bot's own network is its alone: a bot made from its template gets a network of its own too.
        let network =
            host.networkMode.isEmpty
            ? "host"
            : BotNetwork.isIsolated(host.networkMode, instance: container.name) ? BotNetwork.isolated : host.networkMode
        self.init(
            image: container.config.image, profile: profile, strategy: strategy, network: network,
            cpus: host.nanoCpus > 0 ? Double(host.nanoCpus) / 1e9 : nil,
            memoryBytes: host.memory > 0 ? host.memory : nil)
        restartRetries = retries
        pidsLimit = host.pidsLimit.flatMap { $0 > 0 ? $0 : nil }
        if BotEngine.of(command: container.config.cmd) == .hbot {
            engine = BotEngine.hbot.rawValue
            if let config = BotEngine.config(in: container.config.cmd) {
                // `hbot start` finds the file by its folder: a controller config is one of conf/controllers.
                let conf = container.mounts.first { $0.destination == "\(BotContainerSpec.home)/conf" }?.source
                if let conf, FileManager.default.fileExists(atPath: "\(conf)/controllers/\(config)") {
                    controllerConfig = config
                } else {
                    scriptConfig = config
                }
            }
        }
    }

    public var strategy: DeployRequest.Strategy {
        scriptConfig.map { .scriptConfig($0) } ?? controllerConfig.map { .controllerConfig($0) }
            ?? .strategyConfig(strategyConfig ?? "")
    }

    /// A request for a new instance named `name` from this template.
    public func request(named name: InstanceName, broker: DeployRequest.Broker) -> DeployRequest {
        var request = DeployRequest(
            name: name, image: image, profile: profile, strategy: strategy, broker: broker, network: network,
            cpus: cpus, memoryBytes: memoryBytes)
        request.engine = engine == BotEngine.hbot.rawValue ? .hbot : .quickstart
        request.restartRetries = restartRetries
        request.pidsLimit = pidsLimit
        return request
    }
}

/// The templates of a bots folder.
public struct TemplateStore: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    var directory: URL { folder.state.appendingPathComponent("templates", isDirectory: true) }

    public func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yml") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }.sorted()
    }

    public func save(_ template: DeployTemplate, as name: String) throws {
        do { _ = try InstanceName(validating: name) } catch let problem {
            throw DeployProblem(.name, "template name: \(problem.description)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = try YAMLEncoder().encode(template)
        try AtomicFile.write(Data(text.utf8), to: directory.appendingPathComponent("\(name).yml"))
    }

    public func load(_ name: String) throws -> DeployTemplate {
        guard InstanceFolderBuilder.isPlainFileName(name),
            let text = try? String(contentsOf: directory.appendingPathComponent("\(name).yml"), encoding: .utf8)
        else {
            let known = names()
            throw DeployProblem(
                .name, "no template \(name)\(known.isEmpty ? "" : " (templates: \(known.joined(separator: ", ")))")")
        }
        do {
            return try YAMLDecoder().decode(DeployTemplate.self, from: text)
        } catch {
            throw DeployProblem(
                .folder, ".hbdeck/templates/\(name).yml cannot be read: \(InstanceFolderBuilder.firstLine(of: error))")
        }
    }
}
