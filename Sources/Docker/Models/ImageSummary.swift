/// One row of `/images/json`.
public struct ImageSummary: Sendable, Decodable, Equatable {
    public let id: String
    public let repoTags: [String]
    public let created: Int
    public let size: Int64

    enum CodingKeys: String, CodingKey { case id = "Id", repoTags = "RepoTags", created = "Created", size = "Size" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        repoTags = try c.decodeIfPresent([String].self, forKey: .repoTags) ?? []
        created = try c.decodeIfPresent(Int.self, forKey: .created) ?? 0
        size = try c.decodeIfPresent(Int64.self, forKey: .size) ?? 0
    }
}
