import Deploy
import Foundation
import Testing

/// The audit log: whole JSON lines, several writers at once, nothing secret.
struct AuditLogTests {
    func temporaryLog() -> AuditLog {
        AuditLog(
            file: URL(
                fileURLWithPath: NSTemporaryDirectory() + "hbdeck-audit-\(UInt32.random(in: 0...UInt32.max))/audit.log")
        )
    }

    /// Root appends to the audit log: never through a link someone put in its place, never into a FIFO.
    @Test func aLinkOrFIFOInPlaceOfTheLogIsNotWrittenThrough() throws {
        let log = temporaryLog()
        let folder = log.file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("host-file")
        try "untouched\n".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: log.file, withDestinationURL: target)
        #expect(throws: (any Error).self) {
            try log.append(.now(via: "cli", action: "stop", target: "bot_1", outcome: "ok"))
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "untouched\n")
        try FileManager.default.removeItem(at: log.file)
        #expect(mkfifo(log.file.path, 0o600) == 0)
        #expect(throws: (any Error).self) {
            try log.append(.now(via: "cli", action: "stop", target: "bot_1", outcome: "ok"))
        }
    }

    @Test func entriesComeBackAsWrittenWithWhoAndWhence() throws {
        let log = temporaryLog()
        defer { try? FileManager.default.removeItem(at: log.file.deletingLastPathComponent()) }
        let environment = ["USER": "ops", "SSH_CLIENT": "203.0.113.7 52144 22"]
        try log.append(.now(via: "cli", action: "stop", target: "bot_1", outcome: "ok", environment: environment))
        try log.append(
            .now(
                via: "console", action: "create", target: "bot_2", outcome: "failed: password: Invalid password.",
                environment: ["USER": "ops"]))
        let entries = try log.entries()
        #expect(entries.map(\.action) == ["stop", "create"])
        #expect(entries[0].user == "ops" && entries[0].from == "203.0.113.7" && entries[1].from == nil)
        #expect(entries[1].outcome == "failed: password: Invalid password.")
        let mode = try FileManager.default.attributesOfItem(atPath: log.file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "only its owner reads it")
        #expect(try log.entries(since: Date().addingTimeInterval(60)).isEmpty)
    }

    @Test func credentialsInAnOutcomeAreMaskedAndControlsShownNotObeyed() throws {
        let log = temporaryLog()
        defer { try? FileManager.default.removeItem(at: log.file.deletingLastPathComponent()) }
        try log.append(
            .now(
                via: "cli", action: "broker start", target: "mqtt://hbdeck:hunter2@127.0.0.1:1883",
                outcome: "no route to postgres://u:s3cret@db\u{1B}[2J"))
        let text = try String(contentsOf: log.file, encoding: .utf8)
        #expect(!text.contains("hunter2") && !text.contains("s3cret"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.split(separator: "\n").count == 1)
    }

    @Test func manyWritersAtOnceLeaveOnlyWholeLines() async throws {
        let log = temporaryLog()
        defer { try? FileManager.default.removeItem(at: log.file.deletingLastPathComponent()) }
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<100 {
                        try? log.append(
                            .now(
                                via: "cli", action: "set", target: "w\(writer)",
                                outcome: String(repeating: "x", count: index * 7)))
                    }
                }
            }
        }
        let lines = try String(contentsOf: log.file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 800)
        #expect(try log.entries().count == 800, "every line parses")
    }
}
