/// One line of an image pull's progress stream: a status, per layer when `layer` is set.
public struct PullProgress: Sendable, Decodable, Equatable {
    public let status: String?
    public let layer: String?
    public let current: Int64?
    public let total: Int64?
    public let error: String?

    enum CodingKeys: String, CodingKey {
        case status, layer = "id", progressDetail, error, errorDetail
    }
    enum DetailKeys: String, CodingKey { case current, total, message }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        layer = try c.decodeIfPresent(String.self, forKey: .layer)
        if let detail = try? c.nestedContainer(keyedBy: DetailKeys.self, forKey: .progressDetail) {
            current = try detail.decodeIfPresent(Int64.self, forKey: .current)
            total = try detail.decodeIfPresent(Int64.self, forKey: .total)
        } else {
            current = nil
            total = nil
        }
        var message = try c.decodeIfPresent(String.self, forKey: .error)
        if message == nil, let detail = try? c.nestedContainer(keyedBy: DetailKeys.self, forKey: .errorDetail) {
            message = try detail.decodeIfPresent(String.self, forKey: .message)
        }
        error = message
    }
}
