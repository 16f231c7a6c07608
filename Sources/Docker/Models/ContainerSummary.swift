/// One row of `/containers/json`.
public struct ContainerSummary: Sendable, Decodable, Equatable {
    public let id: String
    public let names: [String]
    /// The image name the container was created from; an image ID when that tag has since moved
    /// (see `DockerClient.resolvingImageNames`).
    public internal(set) var image: String
    public let imageID: String?
    public let command: String?
    public let created: Int
    public internal(set) var state: String
    public internal(set) var status: String

    /// The exit code the list's status text gives (`Exited (137) 2 hours ago` → 137), nil when it gives none.
    public var listedExitCode: Int? {
        guard status.hasPrefix("Exited ("), let close = status.firstIndex(of: ")") else { return nil }
        return Int(status[status.index(status.startIndex, offsetBy: 8)..<close])
    }
    public let labels: [String: String]
    /// The networks it is attached to, by name.
    public let networks: [String]

    /// True when `image` is an image ID rather than a name: the tag moved after the container was made.
    public var imageIsID: Bool {
        let hex = image.hasPrefix("sha256:") ? image.dropFirst(7) : Substring(image)
        return hex.count >= 12 && hex.allSatisfy(\.isHexDigit)
    }

    /// The first name without Docker's leading slash.
    public var name: String {
        let first = names.first ?? String(id.prefix(12))
        return first.hasPrefix("/") ? String(first.dropFirst()) : first
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", imageID = "ImageID", command = "Command"
        case created = "Created", state = "State", status = "Status", labels = "Labels", networkSettings =
            "NetworkSettings"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        names = try c.decodeIfPresent([String].self, forKey: .names) ?? []
        image = try c.decodeIfPresent(String.self, forKey: .image) ?? ""
        imageID = try c.decodeIfPresent(String.self, forKey: .imageID)
        command = try c.decodeIfPresent(String.self, forKey: .command)
        created = try c.decodeIfPresent(Int.self, forKey: .created) ?? 0
        state = try c.decodeIfPresent(String.self, forKey: .state) ?? ""
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        networks = (try? c.decodeIfPresent(AttachedNetworks.self, forKey: .networkSettings))?.names ?? []
    }
}
