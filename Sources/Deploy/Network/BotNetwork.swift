import Docker
import HBModel

/// An isolated bot's own bridge network, `hbdeck-NAME`: the bot and the broker are on it, no other bot is,
/// so bots reach the broker and, through the engine's NAT, the exchanges, but never each other (Docker's
/// isolation chains drop traffic between bridge networks). The broker is attached under its container's
/// name, which is what the bot's `conf_client.yml` names as `mqtt_host`.
public struct BotNetwork: Sendable {
    /// The network mode that asks for this, in `--network`, the create dialog and templates.
    public static let isolated = "isolated"

    public let client: DockerClient

    public init(client: DockerClient) {
        self.client = client
    }

    public static func name(of instance: String) -> String { HBLabels.isolatedNetwork(of: instance) }

    /// Whether a container's network mode is an isolated bot's own network.
    public static func isIsolated(_ networkMode: String, instance: String) -> Bool { networkMode == name(of: instance) }

    /// Where an isolated bot finds the broker: the address and port written into its `conf_client.yml`.
    public struct Route: Sendable, Equatable {
        public let host: String
        public let port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// Makes the bot's network (or takes the one a failed deploy left) and attaches the broker container to
    /// it. `broker` is the broker hbdeck talks to: `port` is the one published on this machine.
    public func prepare(for instance: String, brokerContainer: String, brokerHost: String, brokerPort: Int) async throws
        -> Route
    {
        let network = Self.name(of: instance)
        guard let broker = try? await client.inspectContainer(brokerContainer) else {
            guard !Self.isLoopback(brokerHost) else {
                throw DeployProblem(
                    .engine,
                    "no broker container \(brokerContainer) on this engine, and \(brokerHost) is this machine's loopback, which an isolated bot cannot reach: "
                        + "create the broker (hbdeck broker create), name it (broker_container), or deploy with --network host"
                )
            }
            try await ensure(network, instance: instance)
            return Route(host: brokerHost, port: brokerPort)
        }
        guard broker.hostConfig.networkMode != "host" else {
            throw DeployProblem(
                .engine,
                "the broker \(brokerContainer) runs on the host network, which cannot join an isolated bot's network: "
                    + "recreate it on a bridge (hbdeck broker create, broker_network) or deploy with --network host")
        }
        try await ensure(network, instance: instance)
        if !broker.networks.contains(network) {
            try await attach(brokerContainer, to: network)
        }
        return Route(host: brokerContainer, port: Self.insidePort(of: broker, published: brokerPort))
    }

    /// Removes the bot's network, detaching the broker first; nothing when there is none.
    public func remove(for instance: String) async throws {
        let network = Self.name(of: instance)
        guard let found = try? await client.inspectNetwork(network),
            found.labels[HBLabels.role] == HBLabels.botNetworkRole
        else { return }
        for container in found.containerIDs {
            try? await client.disconnect(container: container, fromNetwork: network, force: true)
        }
        try await client.removeNetwork(network)
    }

    /// Attaches the broker to every isolated bot's network it is not on (after it was recreated); returns
    /// the networks it was attached to.
    @discardableResult
    public func reattach(brokerContainer: String) async throws -> [String] {
        let broker = try await client.inspectContainer(brokerContainer)
        guard broker.hostConfig.networkMode != "host" else { return [] }
        let networks = try await client.listNetworks(
            filters: DockerFilters().label(HBLabels.role, HBLabels.botNetworkRole))
        var attached: [String] = []
        for network in networks.map(\.name).sorted() where !broker.networks.contains(network) {
            try await attach(brokerContainer, to: network)
            attached.append(network)
        }
        return attached
    }

    /// Under its own name, which is the bots' `mqtt_host`; its gateway stays on the networks it had.
    private func attach(_ broker: String, to network: String) async throws {
        try await client.connect(container: broker, toNetwork: network, aliases: [broker], gatewayPriority: -1)
    }

    private func ensure(_ network: String, instance: String) async throws {
        if let found = try? await client.inspectNetwork(network) {
            guard found.labels[HBLabels.role] == HBLabels.botNetworkRole else {
                throw DeployProblem(
                    .engine, "a network named \(network) exists and is not hbdeck's: remove or rename it")
            }
            return
        }
        _ = try await client.createNetwork(
            name: network, labels: [HBLabels.role: HBLabels.botNetworkRole, HBLabels.instance: instance])
    }

    /// The broker's port inside its container: the one published as `published`, else MQTT's own.
    static func insidePort(of broker: ContainerDetails, published: Int) -> Int {
        let inside = broker.hostConfig.portBindings.first { $0.value.contains { $0.hostPort == String(published) } }?
            .key
        return inside.flatMap { Int($0.split(separator: "/").first ?? "") } ?? 1883
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }
}
