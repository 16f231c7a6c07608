import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// Reaches an engine over ssh the way the Docker CLI does: every connection is `ssh … HOST docker system
/// dial-stdio`, whose stdin and stdout carry the engine's HTTP. AsyncHTTPClient talks to a unix socket of ours in
/// a folder only this user can open; each connection to it starts one ssh. The operator's own ssh config and agent
/// apply; `BatchMode` keeps ssh from asking for a password on the console's terminal. Each ssh runs under
/// swift-subprocess in a task of its own; closing the dialer cancels them, which ends their ssh.
public final class SSHDialer: Sendable {
    /// Where AsyncHTTPClient connects.
    public let socketPath: String
    private let folder: String
    private let listener: Int32
    private let command: [String]
    private let state = Mutex(State())

    private struct State {
        var closed = false
        var lastError: String?
        var connections: [Int: Task<Void, Never>] = [:]
        var lastConnection = 0
        /// Connections accepted whose ssh has not yet ended and had its stderr read.
        var unsettled = 0
    }

    /// Extra arguments for ssh, before the host (`HBDECK_SSH_OPTS`, split on spaces), as in `-F FILE`.
    public static func options(_ env: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        SSHCommand.options(env)
    }

    public init(user: String?, host: String, port: Int?, options: [String] = SSHDialer.options()) throws {
        command =
            SSHCommand.arguments(user: user, port: port, options: options) + [
                "--", host, "docker", "system", "dial-stdio",
            ]
        var template = Array((NSTemporaryDirectory() + "hbdeck-ssh-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw DockerError.unreachable(endpoint: "ssh://\(host)", reason: "cannot make a folder for its socket")
        }
        folder = String(cString: made)
        socketPath = folder + "/engine.sock"
        listener = try Self.listen(at: socketPath)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "hbdeck-ssh-accept"
        thread.start()
    }

    /// What ssh last said on stderr (a refused login, an unknown host), for the error the operator sees.
    public var lastError: String? { state.withLock { $0.lastError } }

    /// What ssh said once its failed runs have ended: a connection reset can reach the HTTP client before the
    /// ssh that caused it has been reaped and its stderr read. Waits until ssh has said something or none is
    /// left running, at most `limit`.
    public func errorOnceEnded(within limit: Duration = .seconds(3)) async -> String? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let (said, unsettled) = state.withLock { ($0.lastError, $0.unsettled) }
            if said != nil || unsettled == 0 { return said }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return lastError
    }

    /// Stops accepting, ends every ssh and removes the socket.
    public func close() {
        let connections = state.withLock { state -> [Task<Void, Never>] in
            state.closed = true
            return Array(state.connections.values)
        }
        shutdown(listener, Int32(SHUT_RDWR))
        Foundation.close(listener)
        connections.forEach { $0.cancel() }
        unlink(socketPath)
        rmdir(folder)
    }

    deinit { close() }

    private static func listen(at path: String) throws -> Int32 {
        // Close-on-exec: the ssh children get only their own connection.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard fd >= 0, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw DockerError.unreachable(endpoint: path, reason: "cannot make a socket for ssh")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, Foundation.listen(fd, 16) == 0 else {
            Foundation.close(fd)
            throw DockerError.unreachable(
                endpoint: path, reason: "cannot listen for ssh: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            if state.withLock({ $0.closed }) {
                Foundation.close(client)
                return
            }
            connect(client)
        }
    }

    /// One ssh for one connection: the accepted socket is its stdin and stdout, so the engine's bytes go
    /// straight through and the connection ends when either side closes.
    private func connect(_ client: Int32) {
        let (command, output) = (command, dup(client))
        // Kept under the lock it is made in: its own removal, which takes the lock, always comes after.
        state.withLock { state in
            state.unsettled += 1
            state.lastConnection += 1
            let id = state.lastConnection
            state.connections[id] = Task { [self] in
                var said: String?
                do {
                    // ssh gets the connection twice, as stdin and as stdout; both copies are closed here once it runs.
                    let result = try await run(
                        .name(command[0]), arguments: Arguments(Array(command.dropFirst())),
                        input: .fileDescriptor(FileDescriptor(rawValue: client), closeAfterSpawningProcess: true),
                        output: .fileDescriptor(FileDescriptor(rawValue: output), closeAfterSpawningProcess: true),
                        error: .string(limit: 1 << 20))
                    if !result.terminationStatus.isSuccess {
                        said = SSHCommand.lastLine(of: result.standardError)
                    }
                } catch {
                    if !Task.isCancelled { said = "cannot run ssh: \(error)" }
                }
                self.state.withLock {
                    if let said { $0.lastError = said }
                    $0.connections[id] = nil
                    $0.unsettled -= 1
                }
            }
        }
    }
}
