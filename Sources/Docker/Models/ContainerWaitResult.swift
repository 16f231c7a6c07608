/// The engine's answer to `/containers/{id}/wait`.
public struct ContainerWaitResult: Sendable, Decodable, Equatable {
    public let statusCode: Int
    public let errorMessage: String?

    enum CodingKeys: String, CodingKey { case statusCode = "StatusCode", error = "Error" }
    enum ErrorKeys: String, CodingKey { case message = "Message" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = try c.decode(Int.self, forKey: .statusCode)
        if c.contains(.error), try !c.decodeNil(forKey: .error) {
            let e = try c.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
            errorMessage = try e.decodeIfPresent(String.self, forKey: .message)
        } else {
            errorMessage = nil
        }
    }
}
