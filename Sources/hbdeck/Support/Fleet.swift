import Docker
import HBModel

/// The bot instances an engine holds, and lookup by name.
struct Fleet {
    let client: DockerClient

    func bots() async throws -> [ContainerSummary] {
        try await client.resolvingImageNames(try await client.listContainers(all: true))
            .filter { BotClassifier.isBot(image: $0.image, labels: $0.labels, command: $0.command) }
            .sorted { $0.name < $1.name }
    }

    /// Fails on the first invalid name, with the name printed on one line.
    static func validate(_ names: [String]) throws {
        for name in names {
            do {
                _ = try InstanceName(validating: name)
            } catch {
                throw CommandFailure("invalid instance name \"\(InstanceName.shown(name))\": \(error)")
            }
        }
    }

    /// The instances named, in the order given; fails on the first invalid or unknown name.
    func resolve(_ names: [String]) async throws -> [ContainerSummary] {
        try Self.validate(names)
        let known = try await bots()
        return try names.map { name in
            guard let found = known.first(where: { $0.name == name }) else {
                throw CommandFailure("no such instance: \(name)")
            }
            return found
        }
    }
}
