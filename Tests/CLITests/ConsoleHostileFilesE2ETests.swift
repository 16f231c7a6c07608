import Foundation
import HBTestSupport
import Testing

/// A bot's strategy code can put anything in its own folders. Done from inside a bot as its code could.
extension ConsoleE2ETests {
    /// FIFOs where the bot's log, errors.log and trade database were: the console goes on showing the other
    /// bot's figures and stops it on a key, as if nothing were there.
    @Test func aFIFOInABotsFolderFreezesNothing() throws {
        let fleet = try TestFleet("e2e-fifo")
        defer { fleet.remove() }
        let hostile = try fleet.startBot(
            TestEngine.uniqueName("e2e-fifo-a"), environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        let calm = try fleet.startBot(
            TestEngine.uniqueName("e2e-fifo-b"), environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        let database = fleet.root.appendingPathComponent("instances/\(hostile)/data/\(hostile).sqlite").path
        #expect(
            try eventuallySync(within: 90) { FileManager.default.fileExists(atPath: database) },
            "the bot made its trade database")
        try TestEngine.docker([
            "exec", hostile, "sh", "-c",
            "cd /home/hummingbot && for f in logs/logs_\(hostile).log logs/errors.log data/\(hostile).sqlite; do rm -f $f; mkfifo $f; done",
        ])
        #expect(
            try Subprocess.run(["test", "-p", database], timeout: 10).status == 0, "a FIFO is where the database was")

        let tmux = try console(for: fleet, width: 160, height: 36, showing: "hbt-e2e-fifo-")
        defer { tmux.kill() }
        func row(_ screen: String, _ name: String) -> String {
            screen.split(separator: "\n").first { $0.contains(String(name.prefix(20))) }.map(String.init) ?? ""
        }
        var (ok, screen) = try tmux.waitFor(seconds: 60) {
            row($0, calm).contains(" online ") && !row($0, hostile).isEmpty
        }
        #expect(ok, "\(screen)")
        // The calm bot's row goes on changing (its uptime, figures) while the hostile one's files are FIFOs.
        let before = row(screen, calm)
        (ok, screen) = try tmux.waitFor(seconds: 30) { row($0, calm) != before && row($0, calm).contains(" online ") }
        #expect(ok, "the other bot's row froze:\n\(screen)")

        try tmux.send("j", "x")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Stop \(calm)?") }
        #expect(ok, "no confirmation for the other bot:\n\(screen)")
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 60) { row($0, calm).contains("● Stopped") }
        #expect(ok, "the other bot's stop did not complete:\n\(screen)")
        #expect(screen.contains("cannot read data/\(hostile).sqlite: not a regular file"), "\(screen)")
        // The hostile bot is still listed, in whatever state its own code left it (the test bot ends when it
        // cannot write its log).
        #expect(!row(screen, hostile).isEmpty, "\(screen)")
    }

    /// A symlink from the bot's errors.log to a host file: nothing of the host file reaches the screen.
    @Test func aSymlinkInABotsFolderShowsNothingOfTheHost() throws {
        let fleet = try TestFleet("e2e-link")
        defer { fleet.remove() }
        let secret = "hbdeck-host-only-\(UInt32.random(in: 0...UInt32.max))"
        let hostFile = fleet.root.appendingPathComponent("host-only.txt")
        try "Traceback (most recent call last):\nRuntimeError: \(secret)\n".write(
            to: hostFile, atomically: true, encoding: .utf8)
        let name = try fleet.startBot(TestEngine.uniqueName("e2e-link"), environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        // Links made only once the bot has its log files open: the bot writes on through them, as the real client
        // would, instead of ending when it cannot open a path that is only on the host.
        let botLog = fleet.root.appendingPathComponent("instances/\(name)/logs/logs_\(name).log").path
        #expect(
            try eventuallySync(within: 90) { FileManager.default.fileExists(atPath: botLog) }, "the bot opened its log")
        // The bot's logs folder is bound from the host: a link there is resolved by whoever reads it on the host.
        try TestEngine.docker([
            "exec", name, "sh", "-c",
            "cd /home/hummingbot/logs && ln -sfn \(hostFile.path) errors.log && ln -sfn \(hostFile.path) logs_\(name).log",
        ])

        let tmux = try console(for: fleet, width: 160, height: 36, showing: name)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 60) {
            $0.split(separator: "\n").contains { $0.contains(String(name.prefix(20))) && $0.contains(" online ") }
        }
        #expect(ok, "\(screen)")
        // What was not read is said under the bot's row, with why.
        (ok, screen) = try tmux.waitFor(seconds: 60) {
            $0.contains("cannot read logs/logs_") && $0.contains("logs/errors.log: a symbolic link, not followed")
        }
        #expect(ok, "\(screen)")
        try tmux.send("E")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Errors") }
        #expect(!screen.contains(secret), "\(screen)")
        try tmux.send("Escape", "Enter")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains(String(name.prefix(20))) }
        #expect(!screen.contains(secret), "\(screen)")
    }
}
