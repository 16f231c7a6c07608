/// One network of `/networks`.
public struct NetworkSummary: Sendable, Decodable, Equatable {
    public let id: String
    public let name: String
    public let driver: String
    public let isInternal: Bool
    public let labels: [String: String]
    /// Attached containers by id, for `/networks/{id}` answers.
    public let containerIDs: [String]

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", driver = "Driver", isInternal = "Internal", labels = "Labels", containers =
            "Containers"
    }

    private struct Attachment: Decodable {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        driver = try c.decodeIfPresent(String.self, forKey: .driver) ?? ""
        isInternal = try c.decodeIfPresent(Bool.self, forKey: .isInternal) ?? false
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        containerIDs = (try c.decodeIfPresent([String: Attachment].self, forKey: .containers) ?? [:]).keys.sorted()
    }
}
