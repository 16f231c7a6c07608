/// The engine's answer to `/version`.
public struct VersionInfo: Sendable, Decodable, Equatable {
    public let version: String
    public let apiVersion: String
    public let minAPIVersion: String?
    public let os: String?
    public let arch: String?
    public let kernelVersion: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version", apiVersion = "ApiVersion", minAPIVersion = "MinAPIVersion"
        case os = "Os", arch = "Arch", kernelVersion = "KernelVersion"
    }
}
