extension DockerClient {
    /// `/_ping`: true when the engine answers.
    public func ping(timeout: Double? = nil) async throws {
        _ = try await requester.send(.GET, "/_ping", timeout: timeout ?? defaultTimeout, operation: "ping")
    }

    public func version() async throws -> VersionInfo {
        try await requester.decode(.GET, "/version", timeout: defaultTimeout, operation: "version")
    }
}
