import Foundation

/// What goes over the wire to a target: a webhook's JSON body, or the mail handed to `sendmail`.
public enum AlertPayload {
    /// `[ALERT] demo_mm_01: OOM kill · OOM-killed (limit 256 MiB) · hbdeck on bothost`, with how many were
    /// held back by the rate limit before it.
    public static func text(_ notice: AlertNotice, host: String, heldBack: Int = 0) -> String {
        let tag =
            switch notice.kind {
            case .fired: "[ALERT]"
            case .resolved: "[RESOLVED]"
            case .test: "[TEST]"
            }
        let held = heldBack > 0 ? " (+\(heldBack) alert\(heldBack == 1 ? "" : "s") not sent: rate limit)" : ""
        return "\(tag) \(notice.headline) · hbdeck on \(host)\(held)"
    }

    /// The body of a webhook post in the target's format.
    public static func body(_ notice: AlertNotice, for target: AlertTarget, host: String, heldBack: Int = 0) -> Data {
        let text = text(notice, host: host, heldBack: heldBack)
        let object: [String: any Sendable]
        switch target.format {
        case .slack: object = ["text": text]
        case .discord: object = ["content": String(text.prefix(2000)), "username": "hbdeck"]
        case .telegram:
            object = [
                "chat_id": target.address ?? "", "text": String(text.prefix(4096)), "disable_web_page_preview": true,
            ]
        case .plain, .mail:
            object = [
                "source": "hbdeck", "host": host, "kind": notice.kind.rawValue, "rule": notice.rule.rawValue,
                "subject": notice.subject, "detail": notice.detail, "time": iso(notice.time), "text": text,
                "held_back": heldBack,
            ]
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }

    /// The mail `sendmail -t` reads: its headers, then the text.
    public static func mail(_ notice: AlertNotice, to recipients: String, host: String, heldBack: Int = 0) -> String {
        let text = text(notice, host: host, heldBack: heldBack)
        let subject = String(text.prefix(200)).replacingOccurrences(of: "\n", with: " ")
        let to = recipients.split(separator: ";").joined(separator: ", ")
        return """
            To: \(to)
            Subject: \(subject)
            Content-Type: text/plain; charset=utf-8
            X-Mailer: hbdeck

            \(text)

            kind: \(notice.kind.rawValue)
            rule: \(notice.rule.rawValue)
            subject: \(notice.subject)
            time: \(iso(notice.time))

            """
    }

    /// `2026-12-05T05:40:12Z`.
    static func iso(_ time: Double) -> String {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime]
        return format.string(from: Date(timeIntervalSince1970: time))
    }
}
