import Foundation
import Testing

/// The command line against the private engine, with a container of the test bot image.
@Suite(.enabled(if: HBDeckProcess.testHost != nil, "needs the private test engine (make test)"), .serialized)
struct CLIEngineTests {
    static let botImage = "hbdeck-test/hummingbot:latest"

    /// A bot-image container that prints a line every 200 ms, removed afterwards.
    func withBot(_ body: (String) throws -> Void) throws {
        let name = "hbt-cli-\(UInt32.random(in: 0...UInt32.max))"
        try HBDeckProcess.docker([
            "run", "-d", "--name", name, "--network", "none", "-e", "CONFIG_PASSWORD=do-not-show-me", "--label", "hbdeck.test=1",
            Self.botImage, "bash", "-c", "for i in $(seq 1 1000); do echo line-$i; echo oops-$i >&2; sleep 0.2; done",
        ])
        defer { try? HBDeckProcess.docker(["rm", "-f", name]) }
        try body(name)
    }

    @Test func lsListsBotsAsTableAndJSON() throws {
        try withBot { name in
            let table = try HBDeckProcess.run(["ls"])
            #expect(table.status == 0)
            #expect(table.stdout.hasPrefix("NAME"))
            #expect(table.stdout.contains(name))

            let json = try HBDeckProcess.run(["ls", "--json"])
            let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            let row = try #require(rows?.first { $0["name"] as? String == name })
            #expect(row["state"] as? String == "running")
            #expect(row["image"] as? String == Self.botImage)
        }
    }

    @Test func inspectMasksSecrets() throws {
        try withBot { name in
            let result = try HBDeckProcess.run(["inspect", name])
            #expect(result.status == 0)
            #expect(result.stdout.contains("CONFIG_PASSWORD=••••"))
            #expect(!result.stdout.contains("do-not-show-me"))
        }
    }

    @Test func stopStartRestartAndUnknownNames() throws {
        try withBot { name in
            let stop = try HBDeckProcess.run(["stop", "-t", "1", name])
            #expect(stop.stdout == "\(name): stopped\n")
            #expect(try HBDeckProcess.docker(["inspect", "-f", "{{.State.Running}}", name]) == "false")
            #expect(try HBDeckProcess.run(["start", name]).status == 0)
            #expect(try HBDeckProcess.docker(["inspect", "-f", "{{.State.Running}}", name]) == "true")
            #expect(try HBDeckProcess.run(["restart", "-t", "1", name]).stdout == "\(name): restarted\n")

            let unknown = try HBDeckProcess.run(["stop", name, "no-such-bot"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "hbdeck: no such instance: no-such-bot\n")
            #expect(try HBDeckProcess.docker(["inspect", "-f", "{{.State.Running}}", name]) == "true", "nothing is done when a name is wrong")

            let invalid = try HBDeckProcess.run(["start", "bad.name"])
            #expect(invalid.status == 1)
            #expect(invalid.stderr.contains("invalid instance name \"bad.name\""))

            let removeRunning = try HBDeckProcess.run(["rm", name])
            #expect(removeRunning.status == 1)
            #expect(removeRunning.stderr.contains(name))
        }
    }

    @Test func logsKeepStdoutAndStderrApartAndFollow() throws {
        try withBot { name in
            Thread.sleep(forTimeInterval: 1)
            let tail = try HBDeckProcess.run(["logs", "--tail", "2", name])
            #expect(tail.status == 0)
            #expect(tail.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("line-") })
            #expect(tail.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("oops-") })

            // Follow for 1.5 s: new lines keep arriving until the process is stopped.
            let follow = try HBDeckProcess.run(["logs", "-f", "--tail", "0", name], seconds: 1.5)
            #expect(follow.stdout.split(separator: "\n").count >= 4)

            let badSince = try HBDeckProcess.run(["logs", "--since", "yesterday", name])
            #expect(badSince.status != 0)
            #expect(badSince.stderr.contains("--since"))
        }
    }

    @Test func statsNoStreamAsJSON() throws {
        try withBot { name in
            let result = try HBDeckProcess.run(["stats", "--no-stream", "--json", name])
            #expect(result.status == 0)
            let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            let row = try #require(rows?.first)
            #expect(row["name"] as? String == name)
            let usage = try #require(row["usage"] as? [String: Any])
            #expect((usage["memoryUsed"] as? Int ?? 0) > 0)
            #expect((usage["pids"] as? Int ?? 0) >= 2)
        }
    }

    @Test func eventsPrintsABotsLifecycle() throws {
        let name = "hbt-ev-\(UInt32.random(in: 0...UInt32.max))"
        let group = DispatchGroup()
        // Written once by the worker before leave(), read only after wait(): the group orders the two.
        nonisolated(unsafe) var result: HBDeckProcess.Result?
        group.enter()
        DispatchQueue.global().async {
            result = try? HBDeckProcess.run(["events", "--json"], seconds: 4)
            group.leave()
        }
        Thread.sleep(forTimeInterval: 1)
        try HBDeckProcess.docker(["run", "--name", name, "--network", "none", Self.botImage, "true"])
        try HBDeckProcess.docker(["rm", name])
        group.wait()
        let lines = (result?.stdout ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["name"] as? String == name }
        #expect(lines.compactMap { $0["action"] as? String }.filter { ["create", "start", "die", "destroy"].contains($0) } == ["create", "start", "die", "destroy"])
    }
}
