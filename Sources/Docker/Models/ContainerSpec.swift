/// What `POST /containers/create` is given. Only the fields hbdeck sets; nil fields are left out.
public struct ContainerSpec: Sendable, Encodable, Equatable {
    public struct HostConfig: Sendable, Encodable, Equatable {
        public var binds: [String]?
        public var networkMode: String?
        public var restartPolicy: RestartPolicy?
        public var memory: Int64?
        public var nanoCpus: Int64?
        public var pidsLimit: Int64?
        public var logConfig: LogConfig?
        /// `"1883/tcp"` → the host addresses and ports it is published on.
        public var portBindings: [String: [PortBinding]]?

        public init(
            binds: [String]? = nil, networkMode: String? = nil, restartPolicy: RestartPolicy? = nil,
            memory: Int64? = nil, nanoCpus: Int64? = nil, pidsLimit: Int64? = nil, logConfig: LogConfig? = nil
        ) {
            self.binds = binds
            self.networkMode = networkMode
            self.restartPolicy = restartPolicy
            self.memory = memory
            self.nanoCpus = nanoCpus
            self.pidsLimit = pidsLimit
            self.logConfig = logConfig
        }

        enum CodingKeys: String, CodingKey {
            case binds = "Binds", networkMode = "NetworkMode", restartPolicy = "RestartPolicy", memory = "Memory"
            case nanoCpus = "NanoCpus", pidsLimit = "PidsLimit", logConfig = "LogConfig", portBindings = "PortBindings"
        }
    }

    /// A published port: the host address (`127.0.0.1` keeps it off the network) and port.
    public struct PortBinding: Sendable, Encodable, Equatable {
        public var hostIP: String
        public var hostPort: String

        public init(hostIP: String, hostPort: String) {
            self.hostIP = hostIP
            self.hostPort = hostPort
        }

        enum CodingKeys: String, CodingKey { case hostIP = "HostIp", hostPort = "HostPort" }
    }

    /// The engine's own health check of the container.
    public struct Healthcheck: Sendable, Encodable, Equatable {
        /// `["CMD", …]` or `["CMD-SHELL", "…"]`.
        public var test: [String]
        /// Nanoseconds, as the engine takes them.
        public var interval: Int64
        public var timeout: Int64
        public var retries: Int

        public init(test: [String], intervalSeconds: Double = 5, timeoutSeconds: Double = 5, retries: Int = 3) {
            self.test = test
            interval = Int64(intervalSeconds * 1e9)
            timeout = Int64(timeoutSeconds * 1e9)
            self.retries = retries
        }

        enum CodingKeys: String, CodingKey {
            case test = "Test", interval = "Interval", timeout = "Timeout", retries = "Retries"
        }
    }

    public var image: String
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var env: [String]?
    public var labels: [String: String]?
    public var workingDir: String?
    public var user: String?
    public var tty: Bool?
    public var openStdin: Bool?
    public var hostConfig: HostConfig?
    public var healthcheck: Healthcheck?
    /// `"1883/tcp"` → `{}`: the ports the container listens on, for publishing.
    public var exposedPorts: [String: [String: String]]?

    public init(
        image: String, cmd: [String]? = nil, entrypoint: [String]? = nil, env: [String]? = nil,
        labels: [String: String]? = nil, workingDir: String? = nil, user: String? = nil,
        tty: Bool? = nil, openStdin: Bool? = nil, hostConfig: HostConfig? = nil
    ) {
        self.image = image
        self.cmd = cmd
        self.entrypoint = entrypoint
        self.env = env
        self.labels = labels
        self.workingDir = workingDir
        self.user = user
        self.tty = tty
        self.openStdin = openStdin
        self.hostConfig = hostConfig
    }

    enum CodingKeys: String, CodingKey {
        case image = "Image", cmd = "Cmd", entrypoint = "Entrypoint", env = "Env", labels = "Labels"
        case workingDir = "WorkingDir", user = "User", tty = "Tty", openStdin = "OpenStdin", hostConfig = "HostConfig"
        case healthcheck = "Healthcheck", exposedPorts = "ExposedPorts"
    }
}
