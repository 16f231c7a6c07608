import Docker
import Foundation
import HBModel

/// Whether an image has the client's own CLI, `hbot`: `hbot --version` run once per image in a throwaway
/// container with no network, the answer kept by image ID in `.hbdeck/image-engines.json`.
public struct EngineSupport: Sendable {
    public let client: DockerClient
    public let folder: BotsFolder

    public init(client: DockerClient, folder: BotsFolder) {
        self.client = client
        self.folder = folder
    }

    var cacheFile: URL { folder.state.appendingPathComponent("image-engines.json") }

    /// Whether `image` (present on the engine) can run bots with `hbot start … --foreground`.
    public func hasHbot(_ image: String) async throws -> Bool {
        guard let id = try await client.imageID(image) else { return false }
        var cache = (try? JSONDecoder().decode([String: Bool].self, from: Data(contentsOf: cacheFile))) ?? [:]
        if let known = cache[id] { return known }
        let spec = ContainerSpec(
            image: image, cmd: ImageCommand.wrapping(["hbot", "--version"]),
            labels: [HBLabels.role: HBLabels.helperRole], hostConfig: .init(networkMode: "none"))
        let supported = (try? await ImageProgram.runOnce(spec, client: client, timeout: 60)) == 0
        cache[id] = supported
        try? FileManager.default.createDirectory(at: folder.state, withIntermediateDirectories: true)
        if let data = try? JSONEncoder().encode(cache) { try? AtomicFile.write(data, to: cacheFile) }
        return supported
    }
}
