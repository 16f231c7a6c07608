import Foundation
import Synchronization

/// Reaches an engine over ssh the way the Docker CLI does: every connection is `ssh … HOST docker system
/// dial-stdio`, whose stdin and stdout carry the engine's HTTP. AsyncHTTPClient talks to a unix socket of ours in
/// a folder only this user can open; each connection to it starts one ssh. The operator's own ssh config and agent
/// apply; `BatchMode` keeps ssh from asking for a password on the console's terminal.
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
        var processes: [Int32: Process] = [:]
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
        let processes = state.withLock { state -> [Process] in
            state.closed = true
            return Array(state.processes.values)
        }
        shutdown(listener, Int32(SHUT_RDWR))
        Foundation.close(listener)
        processes.forEach { if $0.isRunning { $0.terminate() } }
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let connection = FileHandle(fileDescriptor: client, closeOnDealloc: false)
        let errors = Pipe()
        process.standardInput = connection
        process.standardOutput = connection
        process.standardError = errors
        state.withLock { $0.unsettled += 1 }
        do {
            try process.run()
        } catch {
            state.withLock {
                $0.lastError = "cannot run ssh: \(error.localizedDescription)"
                $0.unsettled -= 1
            }
            Foundation.close(client)
            return
        }
        Foundation.close(client)  // ssh has its own copy
        let pid = process.processIdentifier
        state.withLock { $0.processes[pid] = process }
        Thread.detachNewThread { [self] in
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let line = said.split(whereSeparator: \.isNewline).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            state.withLock {
                if let line, process.terminationStatus != 0 { $0.lastError = String(line) }
                _ = $0.processes.removeValue(forKey: pid)
                $0.unsettled -= 1
            }
        }
    }
}
