import ArgumentParser
import BackendAPI
import Docker
import Foundation
import HBModel

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List bot instances, running or not.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }

    @Flag(help: "Print JSON for scripts.")
    var json = false

    struct Row: Encodable {
        /// The engine's name (its Docker context), or the API's, also when there is one.
        let host: String
        let name: String
        let id: String
        let image: String
        let state: String
        let status: String
        /// Unix seconds; absent for a bot of hummingbot-api, which does not say.
        let created: Int?
        /// `engine` or `api`.
        let source: String
        /// What the API holds of the bot: its link (`online`, `unresponsive`), P&L and volume in the quote.
        var bot: String? = nil
        var pnl: Double? = nil
        var volume: Double? = nil
    }

    func run() async throws {
        let settings = try fleet.settings()
        var failed = false
        var apiRows: [Row] = []
        if let access = try APIFleetAccess.open(fleet) {
            for client in access.clients {
                do {
                    apiRows += try await Self.rows(of: client)
                } catch {
                    failed = true
                    StandardOutput.error("hbdeck: \(describe(error))")
                }
            }
            await access.close()
        }
        if settings.noEngine {
            if !(failed && apiRows.isEmpty) { print(apiRows, several: settings.apis.count > 1) }
            if failed { throw ExitCode.failure }
            return
        }
        try await engine.withEngines { engines in
            var rows: [Row] = []
            for engine in engines.connected {
                rows += try await Fleet(client: engine.client).bots().map {
                    Row(
                        host: engine.name, name: $0.name, id: $0.id, image: $0.image, state: $0.state,
                        status: $0.status, created: $0.created, source: "engine")
                }
            }
            print(rows + apiRows, several: engines.several || !settings.apis.isEmpty)
        }
        if failed { throw ExitCode.failure }
    }

    /// The bots of one API, with the figures it holds.
    static func rows(of client: BackendAPIClient) async throws -> [Row] {
        let reading = try await APIFleetReading.read(from: client)
        let now = Date().timeIntervalSince1970
        let containers = reading.containersByName
        return APIFleetView.instances(reading, server: client.server, now: now).map { instance in
            let container = containers[instance.name]
            let bot = instance.health.map { $0 == .online ? "online" : "unresponsive" }
            var status = [bot.map { "bot \($0)" }, instance.pnl.map { "P&L \(NumberFormat.signed($0))" }]
            status.append(instance.volume.map { "volume \(NumberFormat.plain($0))" })
            return Row(
                host: client.server.name, name: instance.name, id: instance.containerID ?? "",
                image: instance.image, state: container?.status ?? instance.state.rawValue.lowercased(),
                status: status.compactMap { $0 }.joined(separator: " · "), created: nil, source: "api", bot: bot,
                pnl: instance.pnl, volume: instance.volume)
        }
    }

    private func print(_ rows: [Row], several: Bool) {
        if json {
            do {
                StandardOutput.line(try JSONOutput.encode(rows))
            } catch {
                StandardOutput.error("hbdeck: \(describe(error))")
            }
            return
        }
        // The host is shown where there are several engines or APIs.
        var table =
            several
            ? TextTable("HOST", "NAME", "STATE", "STATUS", "IMAGE", "ID")
            : TextTable("NAME", "STATE", "STATUS", "IMAGE", "ID")
        for row in rows {
            let fields = [
                TerminalSafeText.sanitize(row.name), row.state, TerminalSafeText.sanitize(row.status),
                TerminalSafeText.sanitize(row.image), String(row.id.prefix(12)),
            ]
            table.add(several ? [row.host] + fields : fields)
        }
        StandardOutput.line(table.render())
    }
}

/// Figures as `hbdeck ls` prints them: plain, with the sign for P&L.
enum NumberFormat {
    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + plain(value)
    }

    static func plain(_ value: Double) -> String {
        String(format: abs(value) >= 100 ? "%.1f" : "%.4f", value)
    }
}
