/// The engine's answer to `/containers/{id}/json`, limited to what hbdeck reads.
public struct ContainerDetails: Sendable, Decodable, Equatable {
    public struct State: Sendable, Decodable, Equatable {
        public internal(set) var status: String
        public internal(set) var running: Bool
        public internal(set) var paused: Bool
        public internal(set) var restarting: Bool
        public internal(set) var oomKilled: Bool
        public internal(set) var dead: Bool
        public internal(set) var pid: Int
        public internal(set) var exitCode: Int
        public let error: String
        public internal(set) var startedAt: String
        public internal(set) var finishedAt: String
        public let health: Health?

        enum CodingKeys: String, CodingKey {
            case status = "Status", running = "Running", paused = "Paused", restarting = "Restarting"
            case oomKilled = "OOMKilled", dead = "Dead", pid = "Pid", exitCode = "ExitCode", error = "Error"
            case startedAt = "StartedAt", finishedAt = "FinishedAt", health = "Health"
        }
    }

    public struct Health: Sendable, Decodable, Equatable {
        public let status: String
        enum CodingKeys: String, CodingKey { case status = "Status" }
    }

    public struct Config: Sendable, Decodable, Equatable {
        public let image: String
        public let env: [String]
        public let cmd: [String]
        public let labels: [String: String]
        public let tty: Bool
        public let workingDir: String

        enum CodingKeys: String, CodingKey {
            case image = "Image", env = "Env", cmd = "Cmd", labels = "Labels", tty = "Tty", workingDir = "WorkingDir"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            image = try c.decodeIfPresent(String.self, forKey: .image) ?? ""
            env = try c.decodeIfPresent([String].self, forKey: .env) ?? []
            cmd = try c.decodeIfPresent([String].self, forKey: .cmd) ?? []
            labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
            tty = try c.decodeIfPresent(Bool.self, forKey: .tty) ?? false
            workingDir = try c.decodeIfPresent(String.self, forKey: .workingDir) ?? ""
        }
    }

    public struct HostConfig: Sendable, Decodable, Equatable {
        public let binds: [String]
        public let networkMode: String
        public let restartPolicy: RestartPolicy?
        public let memory: Int64
        public let nanoCpus: Int64
        public let pidsLimit: Int64?
        public let logConfig: LogConfig?
        /// Published ports: `1883/tcp` → the host addresses and ports it is published on.
        public let portBindings: [String: [PortBinding]]

        public struct PortBinding: Sendable, Decodable, Equatable {
            public let hostIP: String
            public let hostPort: String

            enum CodingKeys: String, CodingKey { case hostIP = "HostIp", hostPort = "HostPort" }

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                hostIP = try c.decodeIfPresent(String.self, forKey: .hostIP) ?? ""
                hostPort = try c.decodeIfPresent(String.self, forKey: .hostPort) ?? ""
            }
        }

        enum CodingKeys: String, CodingKey {
            case binds = "Binds", networkMode = "NetworkMode", restartPolicy = "RestartPolicy", memory = "Memory"
            case nanoCpus = "NanoCpus", pidsLimit = "PidsLimit", logConfig = "LogConfig", portBindings = "PortBindings"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            binds = try c.decodeIfPresent([String].self, forKey: .binds) ?? []
            networkMode = try c.decodeIfPresent(String.self, forKey: .networkMode) ?? ""
            restartPolicy = try c.decodeIfPresent(RestartPolicy.self, forKey: .restartPolicy)
            memory = try c.decodeIfPresent(Int64.self, forKey: .memory) ?? 0
            nanoCpus = try c.decodeIfPresent(Int64.self, forKey: .nanoCpus) ?? 0
            pidsLimit = try c.decodeIfPresent(Int64.self, forKey: .pidsLimit)
            logConfig = try c.decodeIfPresent(LogConfig.self, forKey: .logConfig)
            portBindings =
                (try? c.decodeIfPresent([String: [PortBinding]?].self, forKey: .portBindings))?.compactMapValues { $0 }
                ?? [:]
        }
    }

    public struct Mount: Sendable, Decodable, Equatable {
        public let type: String?
        public let source: String
        public let destination: String
        public let rw: Bool?

        enum CodingKeys: String, CodingKey {
            case type = "Type", source = "Source", destination = "Destination", rw = "RW"
        }
    }

    public let id: String
    public let rawName: String
    public let created: String
    public internal(set) var state: State
    public let restartCount: Int
    public let imageID: String
    public let config: Config
    public let hostConfig: HostConfig
    public let mounts: [Mount]
    /// The networks the container is attached to, by name.
    public let networks: [String]

    public var name: String { rawName.hasPrefix("/") ? String(rawName.dropFirst()) : rawName }

    enum CodingKeys: String, CodingKey {
        case id = "Id", rawName = "Name", created = "Created", state = "State", restartCount = "RestartCount"
        case imageID = "Image", config = "Config", hostConfig = "HostConfig", mounts = "Mounts", networkSettings =
            "NetworkSettings"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rawName = try c.decodeIfPresent(String.self, forKey: .rawName) ?? ""
        created = try c.decodeIfPresent(String.self, forKey: .created) ?? ""
        state = try c.decode(State.self, forKey: .state)
        restartCount = try c.decodeIfPresent(Int.self, forKey: .restartCount) ?? 0
        imageID = try c.decodeIfPresent(String.self, forKey: .imageID) ?? ""
        config = try c.decode(Config.self, forKey: .config)
        hostConfig = try c.decode(HostConfig.self, forKey: .hostConfig)
        mounts = try c.decodeIfPresent([Mount].self, forKey: .mounts) ?? []
        networks = (try? c.decodeIfPresent(AttachedNetworks.self, forKey: .networkSettings))?.names ?? []
    }
}
