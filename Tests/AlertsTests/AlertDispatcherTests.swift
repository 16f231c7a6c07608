import Foundation
import HBTestSupport
import Synchronization
import Testing

@testable import Alerts

/// A transport that fails as told, then takes: what it took, in order.
final class FakeTransport: AlertTransport {
    let failures: Mutex<[String: [AlertDeliveryFailure]]>
    let taken = Mutex<[String]>([])
    let gate: Mutex<Bool>

    init(failing: [String: [AlertDeliveryFailure]] = [:]) {
        failures = Mutex(failing)
        gate = Mutex(true)
    }

    func deliver(_ notice: AlertNotice, to target: AlertTarget, heldBack: Int) async throws(AlertDeliveryFailure) {
        if let failure = failures.withLock({ $0[target.name]?.isEmpty == false ? $0[target.name]!.removeFirst() : nil })
        {
            throw failure
        }
        taken.withLock { $0.append("\(target.name): \(notice.subject)" + (heldBack > 0 ? " +\(heldBack)" : "")) }
    }
}

struct AlertDispatcherTests {
    let ops = AlertTarget(name: "ops", format: .plain, url: "http://127.0.0.1:9/x")
    let mail = AlertTarget(name: "mail", format: .mail, address: "a@b.c")

    func notice(_ subject: String) -> AlertNotice {
        AlertNotice(kind: .fired, rule: .error, subject: subject, detail: "exited with code 1", time: 0)
    }

    @Test func aTargetThatIsDownIsTriedAgainWithBackoffAndTheOtherIsNotHeldUp() async throws {
        let clock = ManualClock()
        let transport = FakeTransport(failing: ["ops": [AlertDeliveryFailure("connection refused")]])
        let said = Mutex<[String]>([])
        let dispatcher = AlertDispatcher(
            targets: [ops, mail], transport: transport, policy: AlertPolicy(), clock: clock, now: { 0 },
            record: { outcome in
                said.withLock { $0.append("\(outcome.target.name) \(outcome.notice.subject): \(outcome.said)") }
            })
        await dispatcher.post([notice("a"), notice("b")])
        // The mail goes at once; ops waits out its backoff, then sends both in order.
        let delivered = try await clock.advance(
            by: .seconds(1), until: { transport.taken.withLock { $0.count } == 4 }, atMost: .seconds(60))
        #expect(delivered)
        await dispatcher.untilIdle()
        #expect(transport.taken.withLock { $0.filter { $0.hasPrefix("ops") } } == ["ops: a", "ops: b"])
        #expect(said.withLock { $0 }.contains("ops a: retrying: connection refused"))
        #expect(said.withLock { $0.filter { $0.hasSuffix("sent") }.count } == 4)
    }

    @Test func aRefusalIsNotRetried() async {
        let transport = FakeTransport(failing: ["ops": [AlertDeliveryFailure("HTTP 404", permanent: true)]])
        let said = Mutex<[String]>([])
        let dispatcher = AlertDispatcher(
            targets: [ops], transport: transport, policy: AlertPolicy(), clock: ManualClock(), now: { 0 },
            record: { outcome in said.withLock { $0.append(outcome.said) } })
        await dispatcher.post([notice("a"), notice("b")])
        await dispatcher.untilIdle()
        #expect(said.withLock { $0 } == ["failed: HTTP 404", "sent"])
    }

    @Test func theRateLimitHoldsBackAndTheNextMessageSaysHowMany() async throws {
        var policy = AlertPolicy()
        _ = try policy.set("alert_rate_limit", to: "2/60")
        let time = Mutex(0.0)
        let transport = FakeTransport()
        let dispatcher = AlertDispatcher(
            targets: [ops], transport: transport, policy: policy, clock: ManualClock(), now: { time.withLock { $0 } },
            record: { _ in })
        await dispatcher.post(["a", "b", "c", "d"].map(notice))
        await dispatcher.untilIdle()
        time.withLock { $0 = 61 }
        await dispatcher.post([notice("e")])
        await dispatcher.untilIdle()
        #expect(transport.taken.withLock { $0 } == ["ops: a", "ops: b", "ops: e +2"])
    }

    @Test func postingNeverWaitsForATarget() async {
        let clock = ManualClock()
        let transport = FakeTransport(failing: ["ops": Array(repeating: AlertDeliveryFailure("timed out"), count: 7)])
        let dispatcher = AlertDispatcher(
            targets: [ops], transport: transport, policy: AlertPolicy(), clock: clock, now: { 0 },
            record: { _ in })
        // The target is down for minutes of backoff; each post returns while it is.
        for index in 0..<100 { await dispatcher.post([notice("n\(index)")]) }
        #expect(transport.taken.withLock { $0.isEmpty })
    }
}
