import Foundation
import HBModel

/// One message to the operator: a condition that began, one that ended, or a test.
public struct AlertNotice: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case fired, resolved, test
    }

    public var kind: Kind
    public var rule: AlertRule
    /// The bot (`NAME`, `HOST/NAME` on several engines), the engine or the broker it is about.
    public var subject: String
    /// What is true now, in one sentence: `OOM-killed (limit 256 MiB)`. Never holds a secret.
    public var detail: String
    /// Seconds since 1970.
    public var time: Double

    public init(kind: Kind, rule: AlertRule, subject: String, detail: String, time: Double) {
        self.kind = kind
        self.rule = rule
        self.subject = subject
        self.detail = Self.clean(detail)
        self.time = time
    }

    /// `🔴 demo_mm_01: OOM kill · OOM-killed (limit 256 MiB)`, the words every format carries.
    public var headline: String {
        switch kind {
        case .fired: "\(subject): \(rule.title) · \(detail)"
        case .resolved: "resolved · \(subject): \(rule.title) · \(detail)"
        case .test: "test from hbdeck · \(detail)"
        }
    }

    /// On one line, control characters shown, URL credentials and `KEY=value` secrets masked, and cut to 1,000 characters: a
    /// reason comes from a bot's own output.
    static func clean(_ text: String) -> String {
        // One line: a traceback's lines joined, and no line break to forge a mail header with.
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        let words = TerminalSafeText.sanitize(SecretMask.maskURLCredentials(line)).split(separator: " ").map {
            $0.contains("=") ? SecretMask.maskEnvironmentEntry(String($0)) : String($0)
        }
        let joined = words.joined(separator: " ")
        return joined.count > 1000 ? String(joined.prefix(999)) + "…" : joined
    }
}
