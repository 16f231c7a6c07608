extension DockerClient {
    public func listImages() async throws -> [ImageSummary] {
        try await requester.decode(.GET, "/images/json", timeout: defaultTimeout, operation: "image list")
    }

    /// Whether the engine has `reference` locally (no pull is tried).
    public func hasImage(_ reference: String) async throws -> Bool {
        do {
            _ = try await requester.send(
                .GET, "/images/\(Self.pathComponent(reference))/json", timeout: defaultTimeout, operation: "inspect image \(reference)")
            return true
        } catch DockerError.notFound {
            return false
        }
    }
}
