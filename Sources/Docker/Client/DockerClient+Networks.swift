import Foundation

extension DockerClient {
    public func listNetworks(filters: DockerFilters = DockerFilters()) async throws -> [NetworkSummary] {
        try await requester.decode(
            .GET, "/networks", query: filters.query(), timeout: defaultTimeout, operation: "network list")
    }

    public func inspectNetwork(_ idOrName: String) async throws -> NetworkSummary {
        try await requester.decode(
            .GET, "/networks/\(Self.pathComponent(idOrName))", timeout: defaultTimeout,
            operation: "inspect network \(idOrName)")
    }

    /// Creates a network and returns its id. Internal networks have no route out of the machine.
    public func createNetwork(
        name: String, driver: String = "bridge", isInternal: Bool = false, labels: [String: String] = [:]
    ) async throws -> String {
        struct Request: Encodable {
            let Name: String
            let Driver: String
            let Internal: Bool
            let Labels: [String: String]
            let CheckDuplicate = true
        }
        struct Created: Decodable { let Id: String }
        let body = try JSONEncoder().encode(Request(Name: name, Driver: driver, Internal: isInternal, Labels: labels))
        let created: Created = try await requester.decode(
            .POST, "/networks/create", json: body, timeout: defaultTimeout, operation: "create network \(name)")
        return created.Id
    }

    /// Attaches a container to a network; on it, the others reach it by its name and by each of `aliases`.
    /// `gatewayPriority` below 0 keeps the container's gateway (and the route of its published ports) on the
    /// networks it had (engines from API 1.48 on; older ones pick the first network by name).
    public func connect(
        container: String, toNetwork network: String, aliases: [String] = [], gatewayPriority: Int? = nil
    ) async throws {
        struct Endpoint: Encodable {
            let Aliases: [String]
            let GwPriority: Int?
        }
        struct Request: Encodable {
            let Container: String
            let EndpointConfig: Endpoint
        }
        _ = try await requester.send(
            .POST, "/networks/\(Self.pathComponent(network))/connect",
            json: try JSONEncoder().encode(
                Request(Container: container, EndpointConfig: Endpoint(Aliases: aliases, GwPriority: gatewayPriority))),
            timeout: defaultTimeout,
            operation: "connect \(container) to \(network)")
    }

    public func disconnect(container: String, fromNetwork network: String, force: Bool = false) async throws {
        struct Request: Encodable {
            let Container: String
            let Force: Bool
        }
        _ = try await requester.send(
            .POST, "/networks/\(Self.pathComponent(network))/disconnect",
            json: try JSONEncoder().encode(Request(Container: container, Force: force)), timeout: defaultTimeout,
            operation: "disconnect \(container) from \(network)")
    }

    public func removeNetwork(_ idOrName: String) async throws {
        _ = try await requester.send(
            .DELETE, "/networks/\(Self.pathComponent(idOrName))", timeout: defaultTimeout,
            operation: "remove network \(idOrName)")
    }
}
