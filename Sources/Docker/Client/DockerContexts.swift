import Foundation

/// The engines an operator already named with `docker context create`, read from the Docker CLI's own files
/// (`~/.docker/contexts`, or under `DOCKER_CONFIG`), TLS material included. Nothing is written there.
public struct DockerContexts: Sendable {
    /// One named engine.
    public struct Context: Sendable, Equatable {
        public let name: String
        public let endpoint: DockerEndpoint

        public init(name: String, endpoint: DockerEndpoint) {
            self.name = name
            self.endpoint = endpoint
        }
    }

    public let folder: String
    private let env: [String: String]

    public init(env: [String: String] = ProcessInfo.processInfo.environment) {
        self.env = env
        folder =
            env["DOCKER_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? NSHomeDirectory()) + "/.docker"
    }

    /// The context the Docker CLI would use: `DOCKER_CONTEXT`, else `currentContext` in config.json, else `default`.
    public var current: String {
        if let name = env["DOCKER_CONTEXT"], !name.isEmpty { return name }
        struct Config: Decodable { let currentContext: String? }
        let data = FileManager.default.contents(atPath: folder + "/config.json") ?? Data()
        return (try? JSONDecoder().decode(Config.self, from: data))?.currentContext.flatMap { $0.isEmpty ? nil : $0 }
            ?? "default"
    }

    /// Every context created with `docker context create`, by name (`default` is not stored: it is
    /// `DOCKER_HOST` or the local socket).
    public func all() -> [Context] {
        let meta = folder + "/contexts/meta"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: meta)) ?? []
        return ids.compactMap { id -> Context? in
            guard let data = FileManager.default.contents(atPath: "\(meta)/\(id)/meta.json"),
                let stored = try? JSONDecoder().decode(Stored.self, from: data),
                let docker = stored.endpoints["docker"], let host = docker.host
            else { return nil }
            let tlsFolder = "\(folder)/contexts/tls/\(id)/docker"
            let hasTLS =
                FileManager.default.fileExists(atPath: tlsFolder + "/cert.pem")
                || FileManager.default.fileExists(atPath: tlsFolder + "/ca.pem")
            let tls =
                hasTLS
                ? DockerEndpoint.TLSFiles(directory: tlsFolder, verifyServer: !(docker.skipTLSVerify ?? false)) : nil
            guard let endpoint = try? DockerEndpoint(parsing: host, tls: tls) else { return nil }
            return Context(name: stored.name, endpoint: endpoint)
        }
        .sorted { $0.name < $1.name }
    }

    /// The engine a context names; `default` is the environment's (`DOCKER_HOST`, else the local socket).
    public func endpoint(of name: String) throws(DockerError) -> DockerEndpoint {
        if name == "default" { return try DockerEndpoint.fromEnvironment(env) }
        guard let found = all().first(where: { $0.name == name }) else {
            let known = (["default"] + all().map(\.name)).joined(separator: ", ")
            throw .invalidEndpoint(
                name, reason: "no Docker context of that name (known: \(known); docker context ls lists them)")
        }
        return found.endpoint
    }

    private struct Stored: Decodable {
        struct Endpoint: Decodable {
            let host: String?
            let skipTLSVerify: Bool?
            enum CodingKeys: String, CodingKey { case host = "Host", skipTLSVerify = "SkipTLSVerify" }
        }
        let name: String
        let endpoints: [String: Endpoint]
        enum CodingKeys: String, CodingKey { case name = "Name", endpoints = "Endpoints" }
    }
}
