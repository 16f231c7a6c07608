import Deploy
import Docker
import HBModel

/// Deploys a new bot from the bots folder (`Deployer`): checked whole before the password is asked for, then
/// its folder and container made together, both or neither.
public struct CreateBot: Sendable {
    let deployer: Deployer
    let folder: BotsFolder

    public init(client: DockerClient, folder: BotsFolder) {
        self.deployer = Deployer(client: client, folder: folder)
        self.folder = folder
    }

    /// Everything that can be checked without the profile's password: the name, the profile, the strategy
    /// files, the image.
    public func check(_ request: DeployRequest) async throws {
        try await deployer.check(request)
    }

    public func run(
        _ request: DeployRequest, password: Secret, start: Bool, pull: Bool = true,
        progress: @escaping @Sendable (Deployer.Step) -> Void
    ) async throws -> CreateOutcome {
        let id = try await deployer.deploy(request, password: password, start: start, pull: pull, progress: progress)
        return CreateOutcome(
            name: request.name.value, containerID: id, started: start, folder: folder.instance(request.name.value))
    }
}
