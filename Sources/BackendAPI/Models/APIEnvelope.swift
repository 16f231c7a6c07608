/// `{"status": "success", "data": …}`, the API's reply to its reads.
public struct APIEnvelope<Payload: Decodable & Sendable>: Decodable, Sendable {
    public let status: String
    public let data: Payload
}

/// `{"status": "success", "response": {"success": true}}`, the reply to start-bot and stop-bot. `success` is
/// whether the command went out on the broker, not whether the bot did it.
public struct APIActionEnvelope: Decodable, Sendable {
    public struct Response: Decodable, Sendable {
        public let success: Bool
        public let message: String?
    }

    public let status: String
    public let response: Response

    func check() throws {
        guard status == "success", response.success else {
            throw APIError.refused(response.message ?? "the command was not sent")
        }
    }
}

/// `{"message": "…"}`, the reply to a config upload.
public struct APIMessage: Decodable, Sendable {
    public let message: String
}

/// The reply to stop-and-archive: `{"status": "success"|"error", "message": …}`.
public struct APIArchiveReply: Decodable, Sendable {
    public let status: String
    public let message: String
}
