/// A container as `/docker/active-containers` and `/docker/exited-containers` list it.
public struct APIContainer: Decodable, Sendable, Equatable {
    public let id: String
    public let name: String
    /// The engine's word: `running`, `exited`, `created`, `restarting`, `paused`, `dead`.
    public let status: String
    /// Its first tag, or `sha256:` and the start of its ID when untagged.
    public let image: String

    public init(id: String, name: String, status: String, image: String) {
        self.id = id
        self.name = name
        self.status = status
        self.image = image
    }
}
