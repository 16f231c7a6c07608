/// What went wrong talking to a Docker engine, with the engine's own message where it gave one.
public enum DockerError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidEndpoint(String, reason: String)
    case unreachable(endpoint: String, reason: String)
    case timedOut(endpoint: String, operation: String, seconds: Double)
    case unsupportedVersion(endpoint: String, apiVersion: String)
    case notFound(message: String)
    case conflict(message: String)
    case notModified
    case badRequest(message: String)
    case server(status: Int, message: String)
    case pullFailed(image: String, message: String)
    case invalidResponse(String)
    case tls(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let value, let reason):
            return "invalid Docker endpoint \"\(value)\": \(reason)"
        case .unreachable(let endpoint, let reason):
            return
                "cannot reach the Docker engine at \(endpoint) (\(reason)); set DOCKER_HOST, or pass --host or --context, to choose another"
        case .timedOut(let endpoint, let operation, let seconds):
            return "the Docker engine at \(endpoint) did not answer \(operation) within \(formatSeconds(seconds))"
        case .unsupportedVersion(let endpoint, let version):
            return
                "the Docker engine at \(endpoint) speaks API \(version); hbdeck needs \(DockerAPIVersion.minimum) or later"
        case .notFound(let message): return message
        case .conflict(let message): return message
        case .notModified: return "nothing to do: the container is already in that state"
        case .badRequest(let message): return message
        case .server(let status, let message): return "Docker engine error \(status): \(message)"
        case .pullFailed(let image, let message): return "cannot pull \(image): \(message)"
        case .invalidResponse(let what): return "unexpected answer from the Docker engine: \(what)"
        case .tls(let what): return "TLS setup failed: \(what)"
        }
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}
