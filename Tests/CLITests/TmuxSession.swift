import Foundation
import HBTestSupport

/// A terminal for end-to-end tests: the console runs in a detached tmux session; keys go in with
/// `send-keys` and the screen comes back with `capture-pane`, as a person would see it.
struct TmuxSession {
    let name: String

    init(width: Int, height: Int, command: String) throws {
        name = "hbdeck-e2e-\(UInt32.random(in: 0...UInt32.max))"
        // The first client forks the tmux server, which keeps its descriptors: give it none of ours.
        // In a folder of its own: what the console saves (S) never lands in the repository.
        let folder = "/tmp/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.tmux(
            ["new-session", "-d", "-s", name, "-c", folder, "-x", String(width), "-y", String(height), command],
            capture: false)
        try Self.tmux(["set-option", "-t", name, "window-size", "manual"])
    }

    func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    /// Types text literally, character by character.
    func type(_ text: String) throws {
        try Self.tmux(["send-keys", "-t", name, "-l", text])
    }

    func screen() throws -> String {
        try Self.tmux(["capture-pane", "-p", "-t", name])
    }

    /// A tmux format about the pane, such as `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try Self.tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `condition` holds; returns the last screen either way.
    func waitFor(seconds: Double, _ condition: (String) -> Bool) throws -> (Bool, String) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        repeat {
            last = try screen()
            if condition(last) { return (true, last) }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return (condition(last), last)
    }

    func kill() {
        _ = try? Self.tmux(["kill-session", "-t", name])
        try? FileManager.default.removeItem(atPath: "/tmp/\(name)")
    }

    @discardableResult
    static func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        try Subprocess.run(["tmux"] + arguments).stdout
    }
}

/// A unix-socket forwarder in front of the test engine, so a test can make "the engine" vanish and come back.
final class EngineProxy {
    let path = "/tmp/hbdeck-proxy-\(UInt32.random(in: 0...UInt32.max)).sock"
    private var pid: pid_t?
    private let target: String

    init(target: String) {
        self.target = target.hasPrefix("unix://") ? String(target.dropFirst(7)) : target
    }

    var dockerHost: String { "unix://" + path }

    func start() throws {
        try? FileManager.default.removeItem(atPath: path)
        pid = try Subprocess.spawn(["socat", "UNIX-LISTEN:\(path),fork", "UNIX-CONNECT:\(target)"])
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: path) { Thread.sleep(forTimeInterval: 0.05) }
    }

    func stop() {
        if let pid {
            kill(pid, SIGKILL)
            Subprocess.wait(pid)
        }
        // socat's forked children carry the open connections: end them too, as a dead engine would.
        _ = try? TmuxSession.shell("pkill -KILL -f 'UNIX-LISTEN:\(path)' || true")
        try? FileManager.default.removeItem(atPath: path)
        pid = nil
    }
}

extension TmuxSession {
    static func shell(_ command: String) throws -> String {
        try Subprocess.run(["/bin/sh", "-c", command]).stdout
    }
}
