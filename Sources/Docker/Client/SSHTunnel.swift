import Foundation
import Subprocess
import Synchronization

/// A port on this machine's 127.0.0.1 that leads to a port on a remote host's own 127.0.0.1, through ssh
/// (`ssh -N -L`): how the console reaches the broker of a host it reaches the engine of by ssh, which Hummingbot
/// binds to that host's loopback. ssh is started again when it ends, after a pause that grows to 30 s. It
/// runs under swift-subprocess in a task that `close` cancels, which ends the ssh running.
public final class SSHTunnel: Sendable {
    public let localPort: Int
    public let remotePort: Int
    private let command: [String]
    private let state = Mutex(State())

    private struct State {
        var closed = false
        var keeper: Task<Void, Never>?
        var lastError: String?
    }

    public init(user: String?, host: String, port: Int?, remotePort: Int, options: [String] = SSHDialer.options())
        throws
    {
        localPort = try Self.freePort()
        self.remotePort = remotePort
        command =
            SSHCommand.arguments(
                user: user, port: port,
                extra: ["-N", "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=15"], options: options)
            + ["-L", "127.0.0.1:\(localPort):127.0.0.1:\(remotePort)", "--", host]
        state.withLock { state in state.keeper = Task { [self] in await keepOpen() } }
    }

    /// What ssh last said when it ended.
    public var lastError: String? { state.withLock { $0.lastError } }

    public func close() {
        state.withLock { state in
            state.closed = true
            return state.keeper
        }?.cancel()
    }

    deinit { close() }

    private func keepOpen() async {
        var pause = 1.0
        while !Task.isCancelled {
            let started = ContinuousClock.now
            do {
                let result = try await run(
                    .name(command[0]), arguments: Arguments(Array(command.dropFirst())), input: .none,
                    output: .discarded, error: .string(limit: 1 << 20))
                let line = SSHCommand.lastLine(of: result.standardError)
                state.withLock { $0.lastError = line ?? "ssh ended: \(result.terminationStatus)" }
            } catch {
                if !Task.isCancelled { state.withLock { $0.lastError = "cannot run ssh: \(error)" } }
            }
            // A tunnel that held a while starts again at once; one that keeps failing, less and less often.
            pause = started.duration(to: .now) > .seconds(60) ? 1 : min(30, pause * 2)
            try? await Task.sleep(for: .seconds(pause))
        }
    }

    /// A port nothing listens on now (the kernel's choice); ssh binds it a moment later.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Foundation.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            throw DockerError.unreachable(endpoint: "127.0.0.1", reason: "no free port for an ssh tunnel")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
