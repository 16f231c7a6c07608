extension DockerClient {
    public func listImages() async throws -> [ImageSummary] {
        try await requester.decode(.GET, "/images/json", timeout: defaultTimeout, operation: "image list")
    }

    /// Whether the engine has `reference` locally (no pull is tried).
    public func hasImage(_ reference: String) async throws -> Bool {
        try await imageID(reference) != nil
    }

    /// The local image's ID, nil when the engine does not have it.
    public func imageID(_ reference: String) async throws -> String? {
        struct Inspected: Decodable { let Id: String }
        do {
            let found: Inspected = try await requester.decode(
                .GET, "/images/\(Self.pathComponent(reference))/json", timeout: defaultTimeout,
                operation: "inspect image \(reference)")
            return found.Id
        } catch DockerError.notFound {
            return nil
        }
    }
}
