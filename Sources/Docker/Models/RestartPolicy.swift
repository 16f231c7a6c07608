/// What the engine does when a container's main process ends.
public struct RestartPolicy: Sendable, Codable, Equatable {
    public var name: String
    public var maximumRetryCount: Int

    public static let no = RestartPolicy(name: "no", maximumRetryCount: 0)
    public static let unlessStopped = RestartPolicy(name: "unless-stopped", maximumRetryCount: 0)
    public static func onFailure(maxRetries: Int) -> RestartPolicy {
        RestartPolicy(name: "on-failure", maximumRetryCount: maxRetries)
    }

    public init(name: String, maximumRetryCount: Int) {
        self.name = name
        self.maximumRetryCount = maximumRetryCount
    }

    enum CodingKeys: String, CodingKey { case name = "Name", maximumRetryCount = "MaximumRetryCount" }
}
