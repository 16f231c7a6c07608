import Foundation
import HBTestSupport
import Testing

/// The command line against the private engine, with a container of the test bot image.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLIEngineTests {
    static let botImage = TestEngine.botImage

    /// A bot-image container that prints a line every 200 ms, removed afterwards.
    func withBot(_ body: (String) throws -> Void) throws {
        let name = "hbt-cli-\(UInt32.random(in: 0...UInt32.max))"
        try TestEngine.docker([
            "run", "-d", "--name", name, "--network", "none", "-e", "CONFIG_PASSWORD=do-not-show-me", "--label",
            "hbdeck.test=1",
            Self.botImage, "bash", "-c", "for i in $(seq 1 1000); do echo line-$i; echo oops-$i >&2; sleep 0.2; done",
        ])
        defer { _ = try? TestEngine.docker(["rm", "-f", name]) }
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
            #expect(stop.stdout.hasPrefix("\(name): stopped · "), "\(stop.stdout)")
            #expect(try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", name]) == "false")
            #expect(try HBDeckProcess.run(["start", name]).status == 0)
            #expect(try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", name]) == "true")
            #expect(try HBDeckProcess.run(["restart", "-t", "1", name]).stdout == "\(name): restarted\n")

            let unknown = try HBDeckProcess.run(["stop", name, "no-such-bot"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "hbdeck: no such instance: no-such-bot\n")
            #expect(
                try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", name]) == "true",
                "nothing is done when a name is wrong")

            let invalid = try HBDeckProcess.run(["start", "bad.name"])
            #expect(invalid.status == 1)
            #expect(invalid.stderr.contains("invalid instance name \"bad.name\""))

            let removeUnknown = try HBDeckProcess.run(["rm", "--skip-bot-stop", "no-such-bot"])
            #expect(removeUnknown.status == 1)
            #expect(removeUnknown.stderr.contains("no-such-bot: no such instance"), "\(removeUnknown.stderr)")
        }
    }

    @Test func logsKeepStdoutAndStderrApartAndFollow() throws {
        try withBot { name in
            var tail = try HBDeckProcess.run(["logs", "--tail", "2", name])
            let deadline = Date().addingTimeInterval(30)
            while tail.stdout.split(separator: "\n").count < 2 || tail.stderr.split(separator: "\n").count < 2,
                Date() < deadline
            {
                tail = try HBDeckProcess.run(["logs", "--tail", "2", name])
            }
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
        let output = "/tmp/hbdeck-events-\(UInt32.random(in: 0...UInt32.max)).jsonl"
        defer { try? FileManager.default.removeItem(atPath: output) }
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = HBDeckProcess.testHost
        let events = try Subprocess.spawn(
            [HBDeckProcess.binary.path, "events", "--json"], environment: env, stdout: output)
        defer {
            kill(events, SIGTERM)
            Subprocess.wait(events)
        }
        func printed() -> [[String: Any]] {
            ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        // Ready when a probe container's creation is printed: the stream is open.
        var ready = false
        for attempt in 0..<60 where !ready {
            let probe = "hbt-ev-probe-\(attempt)-\(UInt32.random(in: 0...UInt32.max))"
            try TestEngine.docker([
                "create", "--name", probe, "--network", "none", "--label", "hbdeck.test=1", Self.botImage, "true",
            ])
            try TestEngine.docker(["rm", probe])
            for _ in 0..<10 where !ready {
                ready = printed().contains { $0["name"] as? String == probe }
                if !ready { Thread.sleep(forTimeInterval: 0.1) }
            }
        }
        #expect(ready, "hbdeck events printed nothing")
        let name = "hbt-ev-\(UInt32.random(in: 0...UInt32.max))"
        try TestEngine.docker(["run", "--name", name, "--network", "none", Self.botImage, "true"])
        try TestEngine.docker(["rm", name])
        var actions: [String] = []
        for _ in 0..<100 where actions.last != "destroy" {
            actions = printed().filter { $0["name"] as? String == name }.compactMap { $0["action"] as? String }
                .filter { ["create", "start", "die", "destroy"].contains($0) }
            if actions.last != "destroy" { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(actions == ["create", "start", "die", "destroy"])
    }
}

/// `hbdeck bot …` and `hbdeck watch` against a test broker and a test bot.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"))
struct CLIBotTests {
    @Test func botCommandsPrintRepliesAndFailClearly() throws {
        let fleet = try TestFleet("clibot")
        defer { fleet.remove() }
        let bot = try fleet.startBot(TestEngine.uniqueName("clibot"))
        let port = String(fleet.port)
        // The bot needs a few seconds to connect; then it answers.
        var history = try HBDeckProcess.run(["bot", "history", "--mqtt-port", port, bot])
        let deadline = Date().addingTimeInterval(60)
        while history.status != 0, Date() < deadline {
            history = try HBDeckProcess.run(["bot", "history", "--mqtt-port", port, "--reply-timeout", "2", bot])
        }
        #expect(history.status == 0)

        // This client release answers status and start with an upstream bug: the bot's message is shown.
        let status = try HBDeckProcess.run(["bot", "status", "--mqtt-port", port, bot])
        #expect(status.status == 1)
        #expect(
            status.stderr == "hbdeck: \(bot) answered 400: 'HummingbotApplication' object has no attribute 'strategy'\n"
        )

        let start = try HBDeckProcess.run(["bot", "start", "--mqtt-port", port, bot])
        #expect(start.status == 1)
        #expect(
            start.stderr == "hbdeck: \(bot) answered 400: 'HummingbotApplication' object has no attribute 'strategy'\n")

        // 200 with an empty message: hbdeck says what was done.
        let balance = try HBDeckProcess.run([
            "bot", "balance", "--mqtt-port", port, "--asset", "USDT", "--amount", "100", bot,
        ])
        #expect(balance.status == 0)
        #expect(balance.stdout == "\(bot): paper balance for USDT set to 100.0 (the bot answered 200)\n")

        let silent = try HBDeckProcess.run([
            "bot", "status", "--mqtt-port", port, "--reply-timeout", "1", "nobody_here",
        ])
        #expect(silent.status == 1)
        #expect(silent.stderr == "hbdeck: no reply from nobody_here to status within 1 s\n")

        let noBroker = try HBDeckProcess.run(["bot", "status", "--mqtt-port", "1", "--connect-timeout", "1", bot])
        #expect(noBroker.status == 1)
        #expect(noBroker.stderr.hasPrefix("hbdeck: cannot reach the MQTT broker at 127.0.0.1:1 ("))

        // watch prints until it is ended: read what it printed until a log line and a performance report are there.
        let printed = NSTemporaryDirectory() + "hbdeck-watch-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { try? FileManager.default.removeItem(atPath: printed) }
        let watch = try Subprocess.spawn(
            [HBDeckProcess.binary.path, "watch", "--json", "--mqtt-port", port, bot], stdout: printed)
        defer {
            kill(watch, SIGKILL)
            Subprocess.wait(watch)
        }
        var lines: [[String: Any]] = []
        for _ in 0..<600 where !Set(lines.compactMap { $0["type"] as? String }).isSuperset(of: ["log", "performance"]) {
            Thread.sleep(forTimeInterval: 0.1)
            let text = (try? String(contentsOfFile: printed, encoding: .utf8)) ?? ""
            lines = text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0["instance"] as? String == bot })
        #expect(Set(lines.compactMap { $0["type"] as? String }).isSuperset(of: ["log", "performance"]), "\(lines)")
    }
}

/// Operators complain that deployed bots vanish from lists after a new image is pulled.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"))
struct MovedImageTagTests {
    @Test func aBotWhoseImageTagMovedIsStillListed() throws {
        let tag = "hbdeck-test/moved/hummingbot:\(UInt32.random(in: 0...UInt32.max))"
        let name = TestEngine.uniqueName("moved")
        try TestEngine.docker(["tag", TestEngine.baseImage, tag])
        try TestEngine.docker(["create", "--name", name, "--network", "none", tag, "true"])
        defer {
            _ = try? TestEngine.docker(["rm", "-f", name])
            _ = try? TestEngine.docker(["rmi", tag])
        }
        // A newer image takes the tag: the container now shows an image ID.
        try TestEngine.docker(["tag", TestEngine.brokerImage, tag])
        let shown = try TestEngine.docker(["inspect", "-f", "{{.Image}}", name])
        #expect(shown.hasPrefix("sha256:"))
        let listed = try HBDeckProcess.run(["ls"])
        #expect(listed.stdout.contains(name))
        #expect(listed.stdout.contains(tag))
    }
}

extension CLIEngineTests {
    /// Limits change in place: the same container, still running since the same moment, with the new limits.
    @Test func limitsChangeInPlaceWithoutARestart() throws {
        try withBot { name in
            let started = try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}} {{.Id}}", name])
            let result = try HBDeckProcess.run(["update", name, "--cpus", "0.5", "--memory", "300m", "--pids", "256"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "\(name): CPUs 0.50 · memory 300 MiB · pids 256\n")
            #expect(
                try TestEngine.docker([
                    "inspect", "-f", "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}", name,
                ])
                    == "500000000 314572800 256")
            #expect(
                try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}} {{.Id}}", name]) == started,
                "not restarted, not recreated")
            #expect(
                try HBDeckProcess.run(["update", name, "--memory", "300m"]).status == 0, "a second change works too")

            let tooSmall = try HBDeckProcess.run(["update", name, "--memory", "1m"])
            #expect(tooSmall.status == 1)
            #expect(tooSmall.stderr.contains("at least 64m"))
            let nothing = try HBDeckProcess.run(["update", name])
            #expect(nothing.stderr.contains("give --cpus, --memory or --pids"))
        }
    }
}
