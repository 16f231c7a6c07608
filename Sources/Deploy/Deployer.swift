import Docker
import Foundation
import HBModel

/// Creates a bot instance: every check first (name, profile, strategy files, image, password), then the
/// instance folder and the container together. A failure part-way removes what was made, so the folder and
/// the container are both there or both gone.
public struct Deployer: Sendable {
    public let client: DockerClient
    public let folder: BotsFolder

    public init(client: DockerClient, folder: BotsFolder) {
        self.client = client
        self.folder = folder
    }

    /// What `deploy` reports as it goes: a step, or a pull's progress.
    public enum Step: Sendable, Equatable {
        case checking
        case pulling(PullTally)
        case checkingPassword
        case creating
        case starting
    }

    /// Checks everything a deploy needs without writing anything; throws the first problem found.
    public func check(_ request: DeployRequest) async throws {
        guard folder.exists else { throw DeployProblem(.folder, "no bots folder at \(folder.root.path)") }
        let name = request.name.value
        if FileManager.default.fileExists(atPath: folder.instance(name).path) {
            throw DeployProblem(.name, "instances/\(name) already exists; choose another name or deploy that folder")
        }
        let same = try await client.listContainers(all: true, filters: DockerFilters().name("^/\(name)$"))
        if !same.isEmpty { throw DeployProblem(.name, "a container named \(name) already exists") }
        try checkProfile(request.profile)
        if case .controllerConfig = request.strategy, request.engine != .hbot {
            throw DeployProblem(
                .strategy,
                "a controller config runs on its own only with the client's hbot (--engine hbot); the quickstart command runs script configs"
            )
        }
        _ = try InstanceFolderBuilder(folder: folder).strategyFiles(request.strategy)
        if let cpus = request.cpus, !(cpus > 0 && cpus <= Double(ProcessInfo.processInfo.activeProcessorCount * 4)) {
            throw DeployProblem(.cpus, "must be more than 0 and a sensible number of cores, not \(cpus)")
        }
        if let memory = request.memoryBytes, memory < 64 << 20 {
            throw DeployProblem(.memory, "at least 64 MB is needed to run a bot")
        }
    }

    public func checkProfile(_ profile: String) throws(DeployProblem) {
        guard InstanceFolderBuilder.isPlainFileName(profile) else {
            throw DeployProblem(.profile, "\(profile) is not a profile name")
        }
        let known = folder.profiles()
        guard known.contains(profile) else {
            let choices =
                known.isEmpty
                ? "there are none in \(folder.credentials.path)" : "profiles: \(known.joined(separator: ", "))"
            throw DeployProblem(.profile, "no profile \(profile) (\(choices))")
        }
        let verification = folder.profile(profile).appendingPathComponent(".password_verification")
        guard FileManager.default.fileExists(atPath: verification.path) else {
            throw DeployProblem(
                .profile, "credentials/\(profile) has no .password_verification: a headless bot cannot start with it")
        }
    }

    /// Deploys `request`; starts the container when `start`. Returns the container's id.
    @discardableResult
    public func deploy(
        _ request: DeployRequest, password: Secret, start: Bool, pull: Bool = true,
        progress: @escaping @Sendable (Step) -> Void = { _ in }
    ) async throws -> String {
        progress(.checking)
        try await check(request)
        if try await !client.hasImage(request.image) {
            guard pull else { throw DeployProblem(.image, "\(request.image) is not on the engine") }
            let tally = PullTally.Box()
            do {
                try await client.pullImage(request.image) { line in progress(.pulling(tally.add(line))) }
            } catch {
                throw DeployProblem(.image, "cannot pull \(request.image): \(error)")
            }
        }
        if request.engine == .hbot, try await !EngineSupport(client: client, folder: folder).hasHbot(request.image) {
            throw DeployProblem(
                .image,
                "\(request.image) has no hbot CLI (hbot --version failed in it): deploy it with the quickstart engine")
        }
        progress(.checkingPassword)
        try await checkPassword(
            password, image: request.image, conf: folder.profile(request.profile),
            shownAs: "credentials/\(request.profile)")

        progress(.creating)
        var request = request
        let isolated = request.network == BotNetwork.isolated
        if isolated {
            // The bot finds the broker on its own network, under the broker's name and inside port.
            let route = try await BotNetwork(client: client).prepare(
                for: request.name.value, brokerContainer: request.broker.container, brokerHost: request.broker.host,
                brokerPort: request.broker.port)
            (request.broker.host, request.broker.port, request.network) = (
                route.host, route.port, BotNetwork.name(of: request.name.value)
            )
        }
        // A broker that gives each bot a user of its own: this bot's, with a password only its conf_client.yml holds.
        let users = BrokerUsers(client: client, folder: folder, broker: request.broker.container)
        let ownUser = users.areOn
        do {
            if ownUser {
                request.broker.password = try await users.add(request.name, hbdeckUser: request.broker.username)
                request.broker.username = request.name.value
            }
            return try await create(request, password: password, start: start, progress: progress)
        } catch {
            // Undone only where no container was made: one made but not started keeps its network and login.
            if (try? await client.inspectContainer(request.name.value)) == nil {
                if isolated { try? await BotNetwork(client: client).remove(for: request.name.value) }
                if ownUser, request.broker.username == request.name.value {
                    try? await users.remove(request.name.value)
                }
            }
            throw error
        }
    }

    private func create(
        _ request: DeployRequest, password: Secret, start: Bool, progress: @escaping @Sendable (Step) -> Void
    ) async throws -> String {
        let builder = InstanceFolderBuilder(folder: folder)
        let staged = try builder.stage(request)
        let final = folder.instance(request.name.value)
        let spec = BotContainerSpec.make(request, instanceFolder: final.path, folder: folder, password: password)
        // The folder gets its name before the container exists: a container whose bind sources are missing
        // gets them made, empty, by the engine as soon as anything touches its filesystem (a console reading
        // its errors.log through the archive endpoint did, and the deploy then found its own name taken).
        do {
            try builder.commit(staged, as: request.name.value)
        } catch {
            try? FileManager.default.removeItem(at: staged)
            throw error
        }
        let id: String
        do {
            try FileManager.default.createDirectory(at: folder.scripts, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.controllers, withIntermediateDirectories: true)
            id = try await client.createContainer(name: request.name.value, spec: spec)
        } catch {
            try? FileManager.default.removeItem(at: final)
            throw DeployProblem(.engine, "cannot create the container: \(error)")
        }
        try await startIfAsked(id, name: request.name.value, start: start, progress: progress)
        return id
    }

    /// The image's own check of `password` against the `.password_verification` in `conf`; throws why not.
    private func checkPassword(_ password: Secret, image: String, conf: URL, shownAs shown: String) async throws {
        switch try await PasswordCheck.run(image: image, profileFolder: conf.path, password: password, client: client) {
        case .accepted: return
        case .refused: throw DeployProblem(.password, "Invalid password. (the bot's own check refused it for \(shown))")
        case .noVerificationFile: throw DeployProblem(.profile, "\(shown) has no .password_verification")
        case .cannotCheck(let why): throw DeployProblem(.image, "cannot check the password: \(why)")
        }
    }

    private func startIfAsked(_ id: String, name: String, start: Bool, progress: @Sendable (Step) -> Void) async throws
    {
        guard start else { return }
        progress(.starting)
        do {
            try await client.startContainer(id)
        } catch {
            throw DeployProblem(.engine, "created \(name), but it did not start: \(error)")
        }
    }

    /// Deploys an instance folder that has no container (an undeployed or restored one) as it is: its own
    /// `conf/` (no profile is copied), the script config named, the password checked against the folder's own
    /// `.password_verification`. Returns the container's id.
    @discardableResult
    public func redeploy(
        _ request: DeployRequest, password: Secret, start: Bool, progress: @escaping @Sendable (Step) -> Void = { _ in }
    ) async throws -> String {
        progress(.checking)
        let name = request.name.value
        guard request.network != BotNetwork.isolated else {
            throw DeployProblem(
                .engine,
                "a folder is deployed again as it is, with its own broker address: deploy it with --network host")
        }
        let instance = folder.instance(name)
        let conf = instance.appendingPathComponent("conf")
        guard FileManager.default.fileExists(atPath: conf.appendingPathComponent("conf_client.yml").path) else {
            throw DeployProblem(.folder, "instances/\(name) has no conf/conf_client.yml: nothing to deploy")
        }
        let same = try await client.listContainers(all: true, filters: DockerFilters().name("^/\(name)$"))
        if !same.isEmpty { throw DeployProblem(.name, "a container named \(name) already exists") }
        let configFolder = request.strategy.folder
        let config = conf.appendingPathComponent("\(configFolder)/\(request.strategy.fileName)")
        guard InstanceFolderBuilder.isPlainFileName(request.strategy.fileName),
            FileManager.default.fileExists(atPath: config.path)
        else {
            throw DeployProblem(
                .strategy, "instances/\(name)/conf/\(configFolder)/\(request.strategy.fileName) does not exist")
        }
        guard try await client.hasImage(request.image) else {
            throw DeployProblem(.image, "\(request.image) is not on the engine")
        }
        progress(.checkingPassword)
        try await checkPassword(password, image: request.image, conf: conf, shownAs: "instances/\(name)/conf")
        progress(.creating)
        let spec = BotContainerSpec.make(request, instanceFolder: instance.path, folder: folder, password: password)
        let id: String
        do {
            id = try await client.createContainer(name: name, spec: spec)
        } catch {
            throw DeployProblem(.engine, "cannot create the container: \(error)")
        }
        try await startIfAsked(id, name: name, start: start, progress: progress)
        return id
    }
}
