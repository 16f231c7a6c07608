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
            case nanoCpus = "NanoCpus", pidsLimit = "PidsLimit", logConfig = "LogConfig"
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
    }
}
