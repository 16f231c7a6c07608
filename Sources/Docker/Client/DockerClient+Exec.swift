import Foundation

extension DockerClient {
    /// Runs a command in a running container (`docker exec`) to its end: its output (up to `maxBytes` of
    /// each stream) and exit code. Environment entries are `KEY=VALUE`; nothing is attached to its stdin.
    public func exec(
        _ idOrName: String, command: [String], environment: [String] = [], timeout: Double = 60, maxBytes: Int = 1 << 20
    ) async throws -> ExecResult {
        struct Created: Decodable { let Id: String }
        struct Inspected: Decodable { let Running: Bool; let ExitCode: Int? }
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
            .POST, "/exec/\(created.Id)/start", json: Data(#"{"Detach":false,"Tty":false}"#.utf8), timeout: timeout, operation: operation)
        let stream = DockerStream(body: body, decoder: LogDecoder(tty: false), endpoint: endpoint.description)
        let (out, err, truncated) = try await requester.withDeadline(timeout, operation: operation) {
            var out: [UInt8] = []
            var err: [UInt8] = []
            var truncated = false
            for try await chunk in stream {
                if chunk.source == .stderr {
                    err += chunk.bytes.prefix(max(0, maxBytes - err.count))
                    truncated = truncated || err.count >= maxBytes
                } else {
                    out += chunk.bytes.prefix(max(0, maxBytes - out.count))
                    truncated = truncated || out.count >= maxBytes
                }
            }
            return (out, err, truncated)
        }
        let inspected: Inspected = try await requester.decode(
            .GET, "/exec/\(created.Id)/json", timeout: defaultTimeout, operation: operation)
        return ExecResult(
            exitCode: inspected.ExitCode ?? -1, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            truncated: truncated)
    }
}
