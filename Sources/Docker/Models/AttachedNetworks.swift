/// `NetworkSettings.Networks` of a container, as the list and inspect give it: the names of the networks
/// it is attached to, sorted.
struct AttachedNetworks: Decodable {
    let names: [String]

    private struct Attachment: Decodable {}
    private enum CodingKeys: String, CodingKey { case networks = "Networks" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        names = (try c.decodeIfPresent([String: Attachment].self, forKey: .networks) ?? [:]).keys.sorted()
    }
}
