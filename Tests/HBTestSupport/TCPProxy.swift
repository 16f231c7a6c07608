import Foundation

/// A TCP relay on 127.0.0.1 (socat, in a process group of its own), to take an engine away from hbdeck and give
/// it back without touching the engine itself.
public final class TCPProxy {
    public let port: Int
    private let target: String
    private var group: Int32?

    public init(to target: String) throws {
        port = Int.random(in: 40_000...50_000)
        self.target = target
        try start()
    }

    /// Listens again on the same port, once it takes connections.
    public func start() throws {
        let started = try Subprocess.run(
            [
                "sh", "-c",
                "setsid socat TCP-LISTEN:\(port),bind=127.0.0.1,reuseaddr,fork TCP:\(target) </dev/null >/dev/null 2>&1 & echo $!",
            ],
            timeout: 10)
        group = Int32(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline,
            (try? Subprocess.run(["socat", "-u", "OPEN:/dev/null", "TCP:127.0.0.1:\(port)"], timeout: 5).status) != 0
        {
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Ends the relay and every connection through it, as an engine going away does.
    public func stop() {
        guard let group else { return }
        kill(-group, SIGKILL)
        self.group = nil
    }

    deinit { stop() }
}
