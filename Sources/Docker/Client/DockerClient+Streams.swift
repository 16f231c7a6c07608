import Foundation

extension DockerClient {
    /// A container's log, decoded per stream. Reads `Config.Tty` first unless `tty` is given.
    public func logs(_ idOrName: String, options: LogOptions, tty: Bool? = nil) async throws -> DockerStream<LogDecoder>
    {
        let isTTY: Bool
        if let tty {
            isTTY = tty
        } else {
            isTTY = try await inspectContainer(idOrName).config.tty
        }
        let body = try await requester.open(
            .GET, "/containers/\(Self.pathComponent(idOrName))/logs", query: options.query,
            timeout: defaultTimeout, operation: "logs of \(idOrName)")
        return DockerStream(body: body, decoder: LogDecoder(tty: isTTY), endpoint: endpoint.description)
    }

    /// The engine's event stream from now on (or from `since`, unix seconds), filtered.
    public func events(filters: DockerFilters = DockerFilters(), since: Double? = nil) async throws -> DockerStream<
        JSONLinesDecoder<DockerEvent>
    > {
        var query = filters.query()
        if let since { query.append(("since", String(format: "%.9f", since))) }
        let body = try await requester.open(.GET, "/events", query: query, timeout: defaultTimeout, operation: "events")
        return DockerStream(body: body, decoder: JSONLinesDecoder(), endpoint: endpoint.description)
    }

    /// One stats sample. The engine waits for its next stats tick (about a second) to fill in `precpu`.
    public func stats(_ idOrName: String) async throws -> StatsSample {
        try await requester.decode(
            .GET, "/containers/\(Self.pathComponent(idOrName))/stats", query: [("stream", "false")],
            timeout: defaultTimeout, operation: "stats of \(idOrName)")
    }

    /// A sample about every second until cancelled. Keep one open per container at most, and only on demand.
    public func statsStream(_ idOrName: String) async throws -> DockerStream<JSONLinesDecoder<StatsSample>> {
        let body = try await requester.open(
            .GET, "/containers/\(Self.pathComponent(idOrName))/stats", query: [("stream", "true")],
            timeout: defaultTimeout, operation: "stats of \(idOrName)")
        return DockerStream(body: body, decoder: JSONLinesDecoder(), endpoint: endpoint.description)
    }

    /// Pulls an image, reporting each progress line to `progress`. Throws `pullFailed` with the engine's reason.
    public func pullImage(
        _ reference: String, timeout: Double = 600, progress: @Sendable (PullProgress) -> Void = { _ in }
    ) async throws {
        let (name, tag) = Self.splitReference(reference)
        let body: DockerStream<JSONLinesDecoder<PullProgress>>
        do {
            let raw = try await requester.open(
                .POST, "/images/create", query: [("fromImage", name), ("tag", tag)], timeout: timeout,
                operation: "pull \(reference)")
            body = DockerStream(body: raw, decoder: JSONLinesDecoder(), endpoint: endpoint.description)
        } catch let error as DockerError {
            switch error {
            case .notFound(let message), .server(_, let message), .badRequest(let message), .conflict(let message):
                throw DockerError.pullFailed(image: reference, message: message)
            default:
                throw error
            }
        }
        for try await line in body {
            if let message = line.error { throw DockerError.pullFailed(image: reference, message: message) }
            progress(line)
        }
    }

    static func splitReference(_ reference: String) -> (String, String) {
        if reference.contains("@") { return (reference, "") }
        if let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, "latest")
    }
}
