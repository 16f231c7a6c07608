import Foundation

extension DockerClient {
    /// Runs a command in a running container (`docker exec`) to its end: its output (up to `maxBytes` of
    /// each stream) and exit code. Environment entries are `KEY=VALUE`; nothing is attached to its stdin.
    public func exec(
        _ idOrName: String, command: [String], environment: [String] = [], timeout: Double = 60, maxBytes: Int = 1 << 20
    ) async throws -> ExecResult {
        struct Created: Decodable { let Id: String }
        struct Inspected: Decodable {
            let Running: Bool
            let ExitCode: Int?
        }
        struct Request: Encodable {
            let AttachStdout = true
            let AttachStderr = true
            let Cmd: [String]
            let Env: [String]
        }
        let created: Created = try await requester.decode(
            .POST, "/containers/\(Self.pathComponent(idOrName))/exec",
            json: try JSONEncoder().encode(Request(Cmd: command, Env: environment)), timeout: defaultTimeout,
            operation: "exec in \(idOrName)")
        let operation = "\(command.first ?? "exec") in \(idOrName)"
        // Without a TTY the engine answers with the same multiplexed frames as a log, until the command ends.
        let body = try await requester.open(
            .POST, "/exec/\(created.Id)/start", json: Data(#"{"Detach":false,"Tty":false}"#.utf8), timeout: timeout,
            operation: operation)
        let stream = DockerStream(body: body, decoder: LogDecoder(tty: false), endpoint: endpoint.description)
        let output = try await requester.withDeadline(timeout, operation: operation) {
            var output = BoundedOutput(maxBytes: maxBytes)
            for try await chunk in stream { output.take(chunk) }
            return output
        }
        let inspected: Inspected = try await requester.decode(
            .GET, "/exec/\(created.Id)/json", timeout: defaultTimeout, operation: operation)
        return output.result(exitCode: inspected.ExitCode ?? -1)
    }
}
