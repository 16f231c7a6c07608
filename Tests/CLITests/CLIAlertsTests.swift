import Foundation
import HBTestSupport
import Testing

/// `hbdeck record` sends alerts to a webhook (a server of the test's own) and mail (msmtp into an SMTP sink), each
/// condition once and its end once, never twice across a restart, never with a secret.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLIAlertsTests {
    /// The webhook's address holds a token, as Slack's and Telegram's do.
    static let token = "T0K3N-\(UUID().uuidString.prefix(8))"

    func record(_ config: URL, hook: WebhookSink, fleet: TestFleet) throws -> Recorder {
        try fleet.startRecorder(
            config: config, environment: ["HBDECK_ALERT_URL_HOOK": "http://127.0.0.1:\(hook.port)/hook/\(Self.token)"])
    }

    /// The plain format's posts about `subject`, as `kind rule`.
    func said(_ hook: WebhookSink, about subject: String) -> [String] {
        hook.posts.compactMap { post in
            guard let data = post.body.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                object["subject"] as? String == subject
            else { return nil }
            return "\(object["kind"] as? String ?? "?") \(object["rule"] as? String ?? "?")"
        }
    }

    @Test func anOOMKillACrashLoopAndASilentBotAreEachAlertedOnceAndResolved() async throws {
        let fleet = try TestFleet("alerts")
        defer { fleet.remove() }
        let hook = try WebhookSink()
        defer { hook.close() }
        let mailbox = fleet.root.appendingPathComponent("maildir")
        let smtpPort = Int.random(in: 41_000...49_000)
        let smtp = Process()
        smtp.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        smtp.arguments = [
            "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(smtpPort)", "-c", "aiosmtpd.handlers.Mailbox", mailbox.path,
        ]
        smtp.standardOutput = FileHandle.nullDevice
        smtp.standardError = FileHandle.nullDevice
        try smtp.run()
        defer { smtp.terminate() }

        let config = try fleet.recorderConfig(
            """
            liveness_timeout: 12
            alert_targets: hook=plain, desk=mail:ops@localhost
            alert_sendmail: /usr/bin/msmtp --host=127.0.0.1 --port=\(smtpPort) --from=hbdeck@localhost --auth=off --tls=off
            alert_unresponsive_after: 3
            alert_crash_loop: 2/600
            alert_rate_limit: 1000/60

            """)

        // The recorder first, so that it sees every restart of the crashing bot.
        var recorder = try record(config, hook: hook, fleet: fleet)
        defer { recorder.stop() }
        let started = try await eventually(within: 60) {
            recorder.said.contains("alerts go to hook (plain), desk (mail)")
        }
        #expect(started)

        let wake = ["HBDECK_BOT_CONNECT_DELAY": "0"]
        let quiet = try fleet.startBot(TestEngine.uniqueName("quiet"), environment: wake)
        let hungry = try fleet.startBot(
            TestEngine.uniqueName("hungry"), environment: wake.merging(["HBDECK_BOT_GROW_MB": "16"]) { $1 })
        try fleet.docker(["update", "--memory", "96m", "--memory-swap", "96m", hungry])
        let crashy = try fleet.startBot(
            TestEngine.uniqueName("crashy"), environment: wake.merging(["HBDECK_BOT_CRASH_AFTER": "1"]) { $1 })
        try fleet.docker(["update", "--restart", "on-failure:4", crashy])

        /// Two heartbeats of the quiet bot heard by a listener that came after the recorder: the recorder has
        /// heard it too, so once paused it is unresponsive, not unknown.
        func heardTwice() throws -> Bool {
            let listener = try MQTTListener(["-p", String(fleet.port), "-t", "hbot/\(quiet)/hb"])
            defer { listener.stop() }
            return try eventuallySync(within: 90) { listener.lines.count >= 2 }
        }
        #expect(try heardTwice(), "the quiet bot sends heartbeats")
        try fleet.docker(["pause", quiet])

        let alerted = try await eventually(within: 180) {
            said(hook, about: hungry).contains("fired oom") && said(hook, about: crashy).contains("fired crash_loop")
                && said(hook, about: quiet).contains("fired unresponsive")
        }
        #expect(alerted, "\(hook.posts.map(\.body)) \(recorder.said)")

        try fleet.docker(["unpause", quiet])
        let resolved = try await eventually(within: 60) { said(hook, about: quiet).contains("resolved unresponsive") }
        #expect(resolved, "\(said(hook, about: quiet))")

        // A recorder started again keeps what was sent: the same conditions are not said again. It has looked at
        // the fleet by the time it says the quiet bot is silent once more.
        recorder.stop()
        recorder = try record(config, hook: hook, fleet: fleet)
        #expect(try heardTwice())
        try fleet.docker(["pause", quiet])
        let again = try await eventually(within: 90) {
            said(hook, about: quiet).filter { $0 == "fired unresponsive" }.count == 2
        }
        #expect(again, "\(said(hook, about: quiet))")
        try fleet.docker(["unpause", quiet])

        #expect(said(hook, about: hungry).filter { $0 == "fired oom" }.count == 1, "\(said(hook, about: hungry))")
        #expect(
            said(hook, about: crashy).filter { $0 == "fired crash_loop" }.count == 1, "\(said(hook, about: crashy))")
        #expect(!said(hook, about: crashy).contains("fired error"), "a crash loop is not also said as an error")
        #expect(!said(hook, about: hungry).contains("fired error"), "an OOM kill is not also said as an error")
        for post in hook.posts {
            #expect(!post.body.contains(TestFleet.password), "no secret in an alert")
            #expect(!post.body.contains(Self.token), "the webhook's address is not in what it gets")
            #expect(post.path.hasSuffix(Self.token))
        }

        // The same alerts reached the mailbox through the host's sendmail interface.
        let mailed = try await eventually(within: 60) {
            let files =
                (try? FileManager.default.contentsOfDirectory(atPath: mailbox.appendingPathComponent("new").path)) ?? []
            let mails = files.compactMap {
                try? String(contentsOfFile: mailbox.appendingPathComponent("new/\($0)").path, encoding: .utf8)
            }
            return mails.contains { $0.contains("Subject: [ALERT] \(hungry): OOM kill") }
                && mails.contains { $0.contains("Subject: [RESOLVED] resolved · \(quiet): bot unresponsive") }
                && !mails.contains { $0.contains(TestFleet.password) }
        }
        #expect(mailed)

        // Every alert is in the audit log, naming its target, never its address.
        let audit = try String(
            contentsOf: fleet.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)
        #expect(audit.contains("\"action\":\"alert fired\"") && audit.contains("oom → hook (plain): sent"))
        #expect(audit.contains("→ desk (mail): sent"))
        #expect(!audit.contains(Self.token))
    }

    @Test func aTestMessageSaysHowEachTargetWent() throws {
        let fleet = try TestFleet("alerts-test", startingBroker: false)
        defer { fleet.remove() }
        let hook = try WebhookSink()
        defer { hook.close() }
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nalert_targets: hook=slack, nowhere=discord\n".write(
            to: config, atomically: true, encoding: .utf8)
        let urls = [
            "HBDECK_ALERT_URL_HOOK": "http://127.0.0.1:\(hook.port)/\(Self.token)",
            "HBDECK_ALERT_URL_NOWHERE": "http://127.0.0.1:9/\(Self.token)",
        ]
        let result = try HBDeckProcess.run(
            ["alerts", "test", "--config", config.path], environment: urls, seconds: 60)
        #expect(result.status == 1, "one target did not take it")
        #expect(result.stdout.contains("hook (slack): sent"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("nowhere (discord): failed: "), "\(result.stdout)")
        #expect(!result.stdout.contains(Self.token) && !result.stderr.contains(Self.token))
        #expect(
            hook.posts.first?.body.hasPrefix("{\"text\":\"[TEST] test from hbdeck · alerts reach this target") == true)

        let none = try HBDeckProcess.run(
            ["alerts", "test", "--config", config.path, "--target", "pager"], environment: urls, seconds: 30)
        #expect(none.status == 1 && none.stderr.contains("no alert target named pager"), "\(none.stderr)")
    }
}
