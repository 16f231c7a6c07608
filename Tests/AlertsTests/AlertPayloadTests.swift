import Foundation
import Testing

@testable import Alerts

/// What each format puts on the wire, and what it never does.
struct AlertPayloadTests {
    let notice = AlertNotice(
        kind: .fired, rule: .error, subject: "mm_01",
        detail: "exited with code 1 · last: login CONFIG_PASSWORD=hunter2 to postgres://bot:s3cret@db/x",
        time: 1_796_000_000)

    func json(_ format: AlertTarget.Format, address: String? = nil) throws -> [String: Any] {
        let target = AlertTarget(
            name: "ops", format: format, url: "https://hooks.example/T0K3N", address: address)
        let body = AlertPayload.body(notice, for: target, host: "bothost", heldBack: 2)
        let text = String(decoding: body, as: UTF8.self)
        #expect(!text.contains("T0K3N"), "the webhook's address is never in what is sent")
        return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    @Test func secretsInABotsReasonAreMasked() {
        #expect(!notice.detail.contains("hunter2"))
        #expect(!notice.detail.contains("s3cret"))
        #expect(notice.detail.contains("CONFIG_PASSWORD=••••"))
        #expect(notice.detail.contains("postgres://bot:••••@db/x"))
    }

    @Test func slackDiscordAndTelegramGetTheirOwnShapes() throws {
        let text =
            "[ALERT] mm_01: bot in Error · \(notice.detail) · hbdeck on bothost (+2 alerts not sent: rate limit)"
        #expect(try json(.slack) as? [String: String] == ["text": text])
        let discord = try json(.discord)
        #expect(discord["content"] as? String == text)
        #expect(discord["username"] as? String == "hbdeck")
        let telegram = try json(.telegram, address: "-1001234")
        #expect(telegram["chat_id"] as? String == "-1001234")
        #expect(telegram["text"] as? String == text)
    }

    @Test func thePlainFormatCarriesEachField() throws {
        let plain = try json(.plain)
        #expect(plain["kind"] as? String == "fired")
        #expect(plain["rule"] as? String == "error")
        #expect(plain["subject"] as? String == "mm_01")
        #expect(plain["host"] as? String == "bothost")
        #expect(plain["time"] as? String == "2026-11-30T00:53:20Z")
        #expect(plain["held_back"] as? Int == 2)
    }

    @Test func aMailHasItsHeadersThenTheText() {
        let mail = AlertPayload.mail(
            AlertNotice(kind: .resolved, rule: .oom, subject: "mm", detail: "running again", time: 0),
            to: "ops@example.com;me@example.com", host: "bothost")
        let lines = mail.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "To: ops@example.com, me@example.com")
        #expect(lines[1] == "Subject: [RESOLVED] resolved · mm: OOM kill · running again · hbdeck on bothost")
        #expect(lines.contains("rule: oom"))
    }

    @Test func aDetailFromABotCannotBreakAHeaderOrTheScreen() {
        let hostile = AlertNotice(kind: .fired, rule: .error, subject: "x", detail: "a\nBcc: evil@x\u{1B}[2J", time: 0)
        #expect(!hostile.detail.contains("\n"))
        #expect(!hostile.detail.contains("\u{1B}"))
    }

    @Test func targetsAreReadWithTheirAddressesFromElsewhere() throws {
        let urls = ["ops": "https://hooks.slack.com/services/T/B/x", "tg": "https://api.telegram.org/botX/sendMessage"]
        let targets = try AlertTarget.parse("ops=slack, tg=telegram:-100, desk=mail:a@b.c;d@e.f") { urls[$0] }
        #expect(targets.map(\.shown) == ["ops (slack)", "tg (telegram)", "desk (mail)"])
        #expect(targets[1].address == "-100")
        #expect(targets[2].address == "a@b.c;d@e.f")
        let unaddressed = try AlertTarget.parse("ops=slack") { _ in nil }
        #expect(
            unaddressed.first?.missingAddress
                == "no webhook address for ops: put it in HBDECK_ALERT_URL_OPS or in the file alerts/ops.url beside the config file"
        )
        #expect(throws: AlertSettingProblem.self) { try AlertTarget.parse("ops=slack") { _ in "ftp://x" } }
        #expect(throws: AlertSettingProblem.self) { try AlertTarget.parse("ops=pager") { urls[$0] } }
        #expect(throws: AlertSettingProblem.self) { try AlertTarget.parse("tg=telegram") { urls[$0] } }
        #expect(throws: AlertSettingProblem.self) { try AlertTarget.parse("m=mail") { _ in nil } }
        #expect(throws: AlertSettingProblem.self) { try AlertTarget.parse("ops=slack,ops=plain") { urls[$0] } }
    }

    @Test func thresholdsAreReadAndBadOnesRefusedWithTheirName() throws {
        var policy = AlertPolicy()
        #expect(try policy.set("alert_crash_loop", to: "5/300"))
        #expect(policy.crashLoopRestarts == 5 && policy.crashLoopWindow == 300)
        #expect(try policy.set("alert_rate_limit", to: "3/60"))
        #expect(policy.rateLimit == 3)
        #expect(try !policy.set("theme", to: "dark"))
        #expect(throws: AlertSettingProblem.self) { try policy.set("alert_memory_percent", to: "lots") }
        #expect(throws: AlertSettingProblem.self) { try policy.set("alert_rules", to: "oom, weather") }
        #expect(throws: AlertSettingProblem.self) { try policy.set("alert_crash_loop", to: "5") }
    }
}
