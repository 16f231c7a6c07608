import Foundation

extension DockerClient {
    public func listContainers(all: Bool = true, filters: DockerFilters = DockerFilters()) async throws
        -> [ContainerSummary]
    {
        try await requester.decode(
            .GET, "/containers/json", query: [("all", all ? "true" : "false")] + filters.query(),
            timeout: defaultTimeout, operation: "container list")
    }

    /// Puts back the image name of containers whose tag has moved on (a newer image was pulled), from
    /// `Config.Image`, so they are still recognised as bots. Inspects only those; `known` caches names by id.
    public func resolvingImageNames(_ containers: [ContainerSummary], known: [String: String] = [:]) async throws
        -> [ContainerSummary]
    {
        var resolved = containers
        for index in resolved.indices where resolved[index].imageIsID {
            if let name = known[resolved[index].id] {
                resolved[index].image = name
            } else if let details = try? await inspectContainer(resolved[index].id), !details.config.image.isEmpty {
                resolved[index].image = details.config.image
            }
        }
        return resolved
    }

    public func inspectContainer(_ idOrName: String) async throws -> ContainerDetails {
        try await requester.decode(
            .GET, "/containers/\(Self.pathComponent(idOrName))/json", timeout: defaultTimeout,
            operation: "inspect \(idOrName)")
    }

    /// Creates a container and returns its id.
    public func createContainer(name: String?, spec: ContainerSpec) async throws -> String {
        struct Created: Decodable { let Id: String }
        let body = try JSONEncoder().encode(spec)
        let created: Created = try await requester.decode(
            .POST, "/containers/create", query: name.map { [("name", $0)] } ?? [], json: body,
            timeout: defaultTimeout, operation: "create \(name ?? spec.image)")
        return created.Id
    }

    /// Starts a container; already running is not an error.
    public func startContainer(_ idOrName: String) async throws {
        try await ignoringNotModified {
            _ = try await requester.send(
                .POST, "/containers/\(Self.pathComponent(idOrName))/start", timeout: defaultTimeout,
                operation: "start \(idOrName)")
        }
    }

    /// Asks the main process to stop, and kills it after `timeout` seconds. Already stopped is not an error.
    public func stopContainer(_ idOrName: String, timeout: Int = 10) async throws {
        try await ignoringNotModified {
            _ = try await requester.send(
                .POST, "/containers/\(Self.pathComponent(idOrName))/stop", query: [("t", String(timeout))],
                timeout: Double(timeout) + defaultTimeout, operation: "stop \(idOrName)")
        }
    }

    public func restartContainer(_ idOrName: String, timeout: Int = 10) async throws {
        _ = try await requester.send(
            .POST, "/containers/\(Self.pathComponent(idOrName))/restart", query: [("t", String(timeout))],
            timeout: Double(timeout) + defaultTimeout, operation: "restart \(idOrName)")
    }

    public func killContainer(_ idOrName: String, signal: String = "SIGKILL") async throws {
        _ = try await requester.send(
            .POST, "/containers/\(Self.pathComponent(idOrName))/kill", query: [("signal", signal)],
            timeout: defaultTimeout, operation: "kill \(idOrName)")
    }

    public func pauseContainer(_ idOrName: String) async throws {
        _ = try await requester.send(
            .POST, "/containers/\(Self.pathComponent(idOrName))/pause", timeout: defaultTimeout,
            operation: "pause \(idOrName)")
    }

    public func unpauseContainer(_ idOrName: String) async throws {
        _ = try await requester.send(
            .POST, "/containers/\(Self.pathComponent(idOrName))/unpause", timeout: defaultTimeout,
            operation: "unpause \(idOrName)")
    }

    public func removeContainer(_ idOrName: String, force: Bool = false, volumes: Bool = false) async throws {
        _ = try await requester.send(
            .DELETE, "/containers/\(Self.pathComponent(idOrName))",
            query: [("force", force ? "true" : "false"), ("v", volumes ? "true" : "false")],
            timeout: defaultTimeout + (force ? 10 : 0), operation: "remove \(idOrName)")
    }

    /// Waits until the container is no longer running and returns its exit code.
    public func waitContainer(_ idOrName: String, timeout: Double) async throws -> ContainerWaitResult {
        try await requester.decode(
            .POST, "/containers/\(Self.pathComponent(idOrName))/wait", query: [("condition", "not-running")],
            timeout: timeout, operation: "wait for \(idOrName)")
    }

    private func ignoringNotModified(_ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch DockerError.notModified {
            return
        }
    }

    static func pathComponent(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// What `POST /containers/{id}/update` changes: limits, in place, without recreating the container.
public struct ContainerLimits: Sendable, Encodable, Equatable {
    public var memory: Int64?
    /// Memory plus swap; kept at twice `memory`, as the engine sets it when only memory is given at create.
    public var memorySwap: Int64?
    public var nanoCpus: Int64?
    public var pidsLimit: Int64?

    public init(memory: Int64? = nil, nanoCpus: Int64? = nil, pidsLimit: Int64? = nil) {
        self.memory = memory
        memorySwap = memory.map { $0 * 2 }
        self.nanoCpus = nanoCpus
        self.pidsLimit = pidsLimit
    }

    enum CodingKeys: String, CodingKey {
        case memory = "Memory", memorySwap = "MemorySwap", nanoCpus = "NanoCpus", pidsLimit = "PidsLimit"
    }
}

extension DockerClient {
    /// Changes a container's limits in place (running or not).
    public func updateContainer(_ idOrName: String, limits: ContainerLimits) async throws {
        _ = try await requester.send(
            .POST, "/containers/\(Self.pathComponent(idOrName))/update", json: try JSONEncoder().encode(limits),
            timeout: defaultTimeout, operation: "update \(idOrName)")
    }
}
