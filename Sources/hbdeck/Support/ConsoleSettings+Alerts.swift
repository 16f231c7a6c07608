import Alerts
import Deploy
import Foundation
import Monitor

extension ConsoleSettings {
    /// Where the alert book and the sending lease are kept: beside the history store.
    var alertFolder: URL {
        URL(fileURLWithPath: HistoryStore.location(botsFolder: botsFolder)).deletingLastPathComponent()
    }

    /// Sends to the configured targets, each outcome written to the audit log (`alert fired`, `alert resolved`,
    /// `alert test`); nil when no target is configured.
    func alertDispatcher(
        via: String, attempts: Int = 8, also: @escaping @Sendable (AlertDispatcher.Outcome) -> Void = { _ in }
    ) -> AlertDispatcher? {
        guard !alertTargets.isEmpty else { return nil }
        let log = AuditLog.location(botsFolder: botsFolder)
        let transport = LiveAlertTransport(host: Self.machineName, sendmail: alertSendmail)
        return AlertDispatcher(
            targets: alertTargets, transport: transport, policy: alertPolicy, attempts: attempts,
            now: { Date().timeIntervalSince1970 },
            record: { outcome in
                let notice = outcome.notice
                try? log.append(
                    .now(
                        via: via, action: "alert \(notice.kind.rawValue)", target: notice.subject,
                        outcome:
                            "\(notice.rule.rawValue) → \(outcome.target.shown): \(outcome.said) · \(notice.detail)"))
                also(outcome)
            })
    }

    /// Watches the fleet's snapshots for alerts until cancelled; nil when no target is configured.
    func watchAlerts(_ fleet: FleetGroup, via: String, said: @escaping @Sendable (String) -> Void) -> Task<Void, Never>?
    {
        guard let dispatcher = alertDispatcher(via: via) else { return nil }
        let evaluator = AlertEvaluator(policy: alertPolicy)
        let folder = alertFolder
        let interval = refreshInterval
        return Task {
            await AlertWatch.run(
                fleet.snapshots, evaluator: evaluator, dispatcher: dispatcher, folder: folder, interval: interval,
                said: said)
        }
    }

    /// This machine's name, said in every alert.
    static var machineName: String {
        var bytes = [CChar](repeating: 0, count: 256)
        guard gethostname(&bytes, bytes.count - 1) == 0 else { return "this host" }
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
