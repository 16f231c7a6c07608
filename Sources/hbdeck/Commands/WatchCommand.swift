import ArgumentParser
import BotLink
import Foundation
import HBModel

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Print bots' decoded MQTT telemetry as it arrives.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var broker: BrokerOptions { fleet.broker }
    @Flag(help: "Print one JSON object a line.") var json = false
    @Flag(help: "Also print heartbeats.") var heartbeats = false
    @Flag(help: "Print bots' text as sent, control characters included, even on a terminal.") var raw = false
    @Argument(help: "Instance names (default: every bot heard).") var names: [String] = []

    func run() async throws {
        let wanted = Set(names)
        try await broker.withTelemetry { _, arriving in
            StandardOutput.error("watching \(broker.namespace)/+/… on \(broker.settings.address)")
            for await (instance, telemetry) in arriving {
                guard wanted.isEmpty || wanted.contains(instance) else { continue }
                if case .heartbeat = telemetry, !heartbeats, !json { continue }
                let text = json ? TelemetryText.json(instance, telemetry) : TelemetryText.line(instance, telemetry)
                StandardOutput.line(text, sanitized: !raw && !json)
            }
        }
    }
}

/// How `watch` shows one message, for people and for scripts.
enum TelemetryText {
    static func line(_ instance: String, _ telemetry: BotTelemetry) -> String {
        let time = Date().formatted(.iso8601.time(includingFractionalSeconds: false))
        return "\(time) \(instance)  " + summary(telemetry)
    }

    static func summary(_ telemetry: BotTelemetry) -> String {
        switch telemetry {
        case .heartbeat(let at):
            return "heartbeat " + (at.map { Formatting.fixed($0, decimals: 1) } ?? Formatting.unknown)
        case .availability(let online, _): return online ? "online" : "offline"
        case .log(let record): return "log \(record.levelName) \(record.logger): \(record.message)"
        case .notification(let note): return "notify \(note.message)"
        case .event(let event):
            let what = [event.side, event.amount.map { String($0) }, event.price.map { "@ \($0)" }].compactMap { $0 }
                .joined(separator: " ")
            return "event \(event.kind) \(event.orderID ?? "") \(what)".trimmingTrailingSpaces()
        case .performance(let controllers):
            if controllers.isEmpty { return "performance (strategy stopped)" }
            return "performance "
                + controllers.keys.sorted().map { id in
                    let p = controllers[id]!
                    return
                        "\(id): pnl \(p.globalPnlQuote.map { String(format: "%+.4f", $0) } ?? Formatting.unknown) volume \(p.volumeTraded.map { String(format: "%.2f", $0) } ?? Formatting.unknown)"
                }.joined(separator: "; ")
        }
    }

    static func json(_ instance: String, _ telemetry: BotTelemetry) -> String {
        var o: [String: JSONValue] = ["instance": .string(instance)]
        switch telemetry {
        case .heartbeat(let at):
            o["type"] = .string("heartbeat")
            o["at"] = at.map(JSONValue.number) ?? .null
        case .availability(let online, let at):
            o["type"] = .string("availability")
            o["online"] = .bool(online)
            o["at"] = at.map(JSONValue.number) ?? .null
        case .log(let r):
            o["type"] = .string("log")
            o["at"] = r.timestamp.map(JSONValue.number) ?? .null
            o["level"] = .string(r.levelName)
            o["logger"] = .string(r.logger)
            o["msg"] = .string(r.message)
        case .notification(let n):
            o["type"] = .string("notify")
            o["at"] = n.timestamp.map(JSONValue.number) ?? .null
            o["msg"] = .string(n.message)
        case .event(let e):
            o["type"] = .string("event")
            o["at"] = e.timestamp.map(JSONValue.number) ?? .null
            o["kind"] = .string(e.kind)
            o["data"] = e.data
        case .performance(let controllers):
            o["type"] = .string("performance")
            o["controllers"] = .object(
                controllers.mapValues { p in
                    .object([
                        "global_pnl_quote": p.globalPnlQuote.map(JSONValue.number) ?? .null,
                        "realized_pnl_quote": p.realizedPnlQuote.map(JSONValue.number) ?? .null,
                        "unrealized_pnl_quote": p.unrealizedPnlQuote.map(JSONValue.number) ?? .null,
                        "volume_traded": p.volumeTraded.map(JSONValue.number) ?? .null,
                    ])
                })
        }
        return (try? JSONOutput.encode(JSONValue.object(o), pretty: false)) ?? "{}"
    }
}
