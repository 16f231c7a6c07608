import Deploy
import Docker

/// What the monitor needs of a Docker engine: the seam between its rules and the engine. `DockerClient`
/// is the real one; tests give a fake.
public protocol FleetEngine: ContainerStopper, WindDownWitness {
    func listContainers() async throws -> [ContainerSummary]
    /// The list with image IDs of moved tags replaced by the names the containers were created with.
    func resolvingImageNames(_ containers: [ContainerSummary], known: [String: String]) async throws
        -> [ContainerSummary]
    func inspectContainer(_ idOrName: String) async throws -> ContainerDetails
    func stats(_ idOrName: String) async throws -> StatsSample
    /// The last `maxBytes` of a file in a container, nil when it does not exist.
    func tailOfFile(_ idOrName: String, path: String, maxBytes: Int, readLimit: Int) async throws -> [UInt8]?
    /// Container events, and networks' connects and disconnects, from now on; the stream ends when the engine
    /// goes away.
    func containerEvents() async throws -> any AsyncSequence<DockerEvent, any Error> & Sendable
    func startContainer(_ idOrName: String) async throws
    func restartContainer(_ idOrName: String, timeout: Int) async throws
    func removeContainer(_ idOrName: String, force: Bool) async throws
    /// Makes a stopped container again from its own inspect with another network mode; returns its new id.
    func recreate(_ name: String, networkMode: String) async throws -> String
    /// Makes an isolated bot's own network with the broker on it; returns where the bot finds the broker.
    func isolate(_ instance: String, broker: String, brokerHost: String, brokerPort: Int) async throws
        -> BotNetwork.Route
    /// Removes an isolated bot's own network (`BotNetwork`), the broker detached first.
    func removeBotNetwork(of instance: String) async throws
    /// Removes the bot's own user from the broker, when the broker gives bots users (`BrokerUsers`);
    /// false when it does not.
    func removeBrokerUser(of instance: String, folder: BotsFolder, broker: String) async throws -> Bool
    /// Attaches the broker to every isolated bot's network it is not on; returns those networks.
    func attachBrokerToBotNetworks(_ broker: String) async throws -> [String]
    func close() async
}

extension DockerClient: FleetEngine {
    public func isolate(_ instance: String, broker: String, brokerHost: String, brokerPort: Int) async throws
        -> BotNetwork.Route
    {
        try await BotNetwork(client: self).prepare(
            for: instance, brokerContainer: broker, brokerHost: brokerHost, brokerPort: brokerPort)
    }

    public func removeBotNetwork(of instance: String) async throws {
        try await BotNetwork(client: self).remove(for: instance)
    }

    public func removeBrokerUser(of instance: String, folder: BotsFolder, broker: String) async throws -> Bool {
        let users = BrokerUsers(client: self, folder: folder, broker: broker)
        guard users.areOn else { return false }
        try await users.remove(instance)
        return true
    }

    public func attachBrokerToBotNetworks(_ broker: String) async throws -> [String] {
        try await BotNetwork(client: self).reattach(brokerContainer: broker)
    }

    public func listContainers() async throws -> [ContainerSummary] {
        try await listContainers(all: true, filters: DockerFilters())
    }

    public func containerEvents() async throws -> any AsyncSequence<DockerEvent, any Error> & Sendable {
        try await events(filters: DockerFilters().type("container").type("network"))
    }

    public func removeContainer(_ idOrName: String, force: Bool) async throws {
        try await removeContainer(idOrName, force: force, volumes: false)
    }
}
