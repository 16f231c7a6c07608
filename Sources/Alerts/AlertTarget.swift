/// Where alerts go: a webhook in one of the formats chat services take, or mail through the host's MTA.
public struct AlertTarget: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        /// hbdeck's own JSON: kind, rule, subject, detail, time, text.
        case plain
        case slack, discord, telegram
        /// A message handed to the `sendmail` program.
        case mail
    }

    public var name: String
    public var format: Format
    /// Where a webhook is posted. A secret (Slack's, Discord's and Telegram's hold their token): never shown,
    /// logged or audited; the target is named by `name`.
    public var url: String?
    /// Telegram's `chat_id`; mail's recipients.
    public var address: String?

    public init(name: String, format: Format, url: String? = nil, address: String? = nil) {
        self.name = name
        self.format = format
        self.url = url
        self.address = address
    }

    /// Why nothing can be sent to it, when a webhook has no address.
    public var missingAddress: String? {
        guard format != .mail, url == nil else { return nil }
        let variable = "HBDECK_ALERT_URL_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        return
            "no webhook address for \(name): put it in \(variable) or in the file alerts/\(name).url beside the config file"
    }

    /// `ops (slack)`: how messages and the audit log name it.
    public var shown: String { "\(name) (\(format.rawValue))" }

    /// `alert_targets: ops=slack, chat=telegram:-1001234, desk=plain, oncall=mail:ops@example.com;me@example.com`:
    /// each target's name and format, with Telegram's chat id or mail's recipients after a colon. The webhooks'
    /// addresses are not in it: `url(NAME)` gives each (from the environment or a file).
    public static func parse(_ list: String, url: (String) -> String?) throws(AlertSettingProblem) -> [AlertTarget] {
        var targets: [AlertTarget] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let formats = Format.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
                !parts[0].isEmpty
            else {
                throw AlertSettingProblem(
                    "alert_targets takes NAME=FORMAT items (formats: \(formats)), not \"\(item)\"")
            }
            let spec = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
            guard let format = spec.first.flatMap(Format.init(rawValue:)) else {
                throw AlertSettingProblem("alert_targets: \(parts[0]) has no format hbdeck knows (formats: \(formats))")
            }
            let address = spec.count > 1 ? spec[1] : nil
            var target = AlertTarget(name: parts[0], format: format, address: address)
            switch format {
            case .mail:
                guard let address, !address.isEmpty else {
                    throw AlertSettingProblem("alert_targets: \(parts[0])=mail:ADDRESS names who gets the mail")
                }
                guard address.allSatisfy({ !$0.isWhitespace && !$0.isNewline && $0 != "\"" }) else {
                    throw AlertSettingProblem("alert_targets: \(parts[0]) has a recipient that is not an address")
                }
            case .telegram, .slack, .discord, .plain:
                if format == .telegram, address?.isEmpty ?? true {
                    throw AlertSettingProblem("alert_targets: \(parts[0])=telegram:CHAT_ID names the chat")
                }
                // A missing address is said where alerts are sent (a console opened without the recorder's
                // environment still opens); one that is not a web address is refused here.
                if let found = url(parts[0]) {
                    guard found.hasPrefix("http://") || found.hasPrefix("https://") else {
                        throw AlertSettingProblem("alert_targets: \(parts[0])'s webhook address is not an http(s) URL")
                    }
                    target.url = found
                }
            }
            guard !targets.contains(where: { $0.name == target.name }) else {
                throw AlertSettingProblem("alert_targets: \(target.name) is named twice")
            }
            targets.append(target)
        }
        return targets
    }
}
