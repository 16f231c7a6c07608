extension DockerClient {
    public func listImages() async throws -> [ImageSummary] {
        try await requester.decode(.GET, "/images/json", timeout: defaultTimeout, operation: "image list")
    }
}
