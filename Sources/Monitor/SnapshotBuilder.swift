import BotLink
import Docker
import Foundation
import HBModel

/// Merges what the engine, the cgroups and the bot link say about one instance into what the screen shows.
enum SnapshotBuilder {
    static func instance(
        summary: ContainerSummary, details: ContainerDetails?, pending: PendingAction?, bot: BotRecord?,
        linkEnabled: Bool, listeningSince: Double? = nil, figures: ResourceFigures?, errorsLine: String?,
        statusFile: StatusFileReader.Reading? = nil, stoppedHere: String? = nil, now: Double,
        livenessTimeout: Double, restartAfter: Double = 7 * 86_400
    ) -> InstanceSnapshot {
        let startedAt = details.flatMap { parseTime($0.state.startedAt) }
        let condition = ContainerCondition(
            status: details?.state.status ?? summary.state,
            exitCode: details?.state.exitCode ?? summary.listedExitCode ?? 0,
            oomKilled: details?.state.oomKilled ?? false, restartCount: details?.restartCount ?? 0,
            memoryLimit: details?.hostConfig.memory ?? 0, engineError: details?.state.error ?? "",
            uptime: startedAt.map { now - $0 },
            restartLimit: details?.hostConfig.restartPolicy.flatMap {
                $0.name == "on-failure" ? $0.maximumRetryCount : nil
            })
        let (state, reason) = InstanceStateRule.derive(condition, pending: pending, lastErrorLine: errorsLine)
        var snapshot = InstanceSnapshot(
            name: summary.name, containerID: summary.id, image: summary.image, state: state, reason: reason,
            startedAt: startedAt, strategy: details.flatMap(strategy),
            resources: state == .running || state == .stopping ? figures ?? ResourceFigures() : ResourceFigures(),
            networkMode: details?.hostConfig.networkMode ?? "")
        if state == .stopped, let stoppedHere, [130, 137, 143].contains(condition.exitCode), errorsLine == nil {
            snapshot.reason = "\(stoppedHere) (exit \(condition.exitCode))"
        }
        if let finished = details.flatMap({ parseTime($0.state.finishedAt) }), finished >= (startedAt ?? 0),
            state != .running
        {
            snapshot.finishedAt = finished
        }
        snapshot.restarts = details?.restartCount
        snapshot.oomKilled = condition.oomKilled
        snapshot.runningTooLong = state == .running && (startedAt.map { now - $0 > restartAfter } ?? false)
        if let details {
            let policy =
                details.hostConfig.restartPolicy.map {
                    $0.name == "on-failure" ? "on-failure:\($0.maximumRetryCount)" : $0.name
                } ?? "no"
            snapshot.supervision =
                "restart \(policy.isEmpty ? "no" : policy) · \(details.restartCount) restart\(details.restartCount == 1 ? "" : "s")"
                + (details.state.running ? "" : " · last exit \(details.state.exitCode)")
        }
        snapshot.mounts = (details?.mounts ?? []).map {
            "\($0.source) → \($0.destination)\($0.rw == false ? " (read-only)" : "")"
        }
        if linkEnabled {
            let heard = bot?.liveness.health(now: now, timeout: livenessTimeout) ?? .unknown
            // A bot whose container has ended is not online, however recent its last heartbeat.
            snapshot.health = heard == .online && condition.status != "running" ? .unresponsive : heard
        }
        if let details, BotEngine.of(command: details.config.cmd) == .hbot {
            // The client's CLI runs this bot: its own status file says whether it works, MQTT or not.
            snapshot.engine = .hbot
            snapshot.strategy = statusFile?.meta?.file ?? BotEngine.config(in: details.config.cmd) ?? snapshot.strategy
            snapshot.health = nil
            if state == .running || state == .stopping {
                snapshot.health = .unknown
                if let status = statusFile?.status {
                    let age = max(0, now - (statusFile?.writtenAt ?? status.updatedAt))
                    snapshot.statusFileAge = age
                    snapshot.formatStatus = status.formatStatus
                    snapshot.health = status.running && age <= StatusFileReader.staleAfter ? .online : .unresponsive
                }
                // Heartbeats heard this run are a second witness; when they say otherwise the screen says so.
                if linkEnabled, let heard = bot?.liveness.health(now: now, timeout: livenessTimeout), heard != .unknown,
                    heard != snapshot.health
                {
                    snapshot.mqttDisagrees = heard
                }
            }
        }
        if let bot {
            let totals = bot.activity.totals
            snapshot.pnl = totals?.globalPnlQuote
            snapshot.volume = totals?.volumeTraded ?? (bot.activity.tradeCount > 0 ? bot.activity.tradedVolume : nil)
            snapshot.volumeSource =
                totals?.volumeTraded != nil ? .performanceReport : snapshot.volume != nil ? .eventsHeard : nil
            snapshot.performanceAt = bot.activity.performanceAt
            snapshot.trades = bot.activity.tradeCount
            snapshot.openOrders = bot.activity.openOrders.count
            snapshot.errors = bot.activity.errorCount
            snapshot.problems = bot.activity.problems.elements
            snapshot.fillsHeard = bot.activity.fills.elements
            snapshot.countsAreLowerBounds =
                (listeningSince ?? .infinity) > (snapshot.startedAt ?? 0) || bot.activity.heardBeforeRunKnown
            snapshot.controllers = bot.activity.controllers.sorted { $0.key < $1.key }.map { name, figures in
                ControllerFigures(
                    name: name, pnl: figures.globalPnlQuote, pnlPercent: figures.globalPnlPct,
                    realized: figures.realizedPnlQuote,
                    unrealized: figures.unrealizedPnlQuote, volume: figures.volumeTraded)
            }
            snapshot.orders = bot.activity.openOrders.values.sorted {
                ($0.createdAt, $0.orderID) > ($1.createdAt, $1.orderID)
            }.map {
                OrderFigures(
                    id: $0.orderID, tradingPair: $0.tradingPair, side: $0.side, price: $0.price, amount: $0.amount,
                    filled: $0.filledAmount, createdAt: $0.createdAt, uncertain: $0.uncertainSince != nil)
            }
            // A fatal line of this run (the record starts over with each run) makes a running bot an Error,
            // with the line as the reason.
            if snapshot.state == .running, let fatal = bot.activity.lastFatal {
                snapshot.state = .error
                snapshot.reason = "fatal error in the bot's log: \(fatal.message)"
            }
        }
        // The client's own count for bots it runs: errors in the last 600 lines of its log, as `hbot status` says.
        if snapshot.engine == .hbot, let recent = statusFile?.recentErrors { snapshot.errors = recent }
        return snapshot
    }

    /// The bot's own record of its fills: the trade count is then exact, whenever the console started.
    /// Adds the records read from the bot's own log files to those MQTT carried (each once); ERR is then
    /// never fewer than the errors the E view lists for this run, as MQTT may have missed some.
    static func apply(fileProblems files: [ProblemRecord], to snapshot: inout InstanceSnapshot) {
        guard !files.isEmpty else { return }
        snapshot.problems = LogFileProblems.merge(mqtt: snapshot.problems, files: files)
        let listed = snapshot.problems.filter { $0.level != "WARNING" }.count
        if listed > (snapshot.errors ?? 0) { snapshot.errors = listed }
    }

    static func apply(
        _ trades: TradeDatabase.Figures, closedOrders: [String: Double] = [:], to snapshot: inout InstanceSnapshot
    ) {
        snapshot.trades = trades.trades
        snapshot.tradesFromDatabase = true
        snapshot.databaseReadAt = trades.readAt
        if snapshot.volumeSource != .performanceReport {
            snapshot.volume = trades.volume
            snapshot.volumeSource = .tradeDatabase
        }
        // MQTT alone is exact and newer when the console heard the whole run; otherwise (or when it has heard
        // nothing of the bot yet) the bot's record decides.
        guard let recorded = trades.openOrders, snapshot.state == .running,
            snapshot.countsAreLowerBounds || snapshot.hasUncertainOrders || snapshot.openOrders == nil
        else { return }
        snapshot.orders = OpenOrdersRecord.merge(
            recorded: recorded, readAt: trades.readAt, heard: snapshot.orders, closed: closedOrders)
        snapshot.openOrders = snapshot.orders.count
        snapshot.ordersFromDatabase = true
    }

    /// The instance's script config (`SCRIPT_CONFIG`) or V1 strategy file (`CONFIG_FILE_NAME`).
    static func strategy(_ details: ContainerDetails) -> String? {
        for key in ["SCRIPT_CONFIG=", "CONFIG_FILE_NAME="] {
            if let entry = details.config.env.first(where: { $0.hasPrefix(key) }) {
                let value = String(entry.dropFirst(key.count))
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// The engine's start time; `0001-01-01…` means never started.
    static func parseTime(_ text: String) -> Double? {
        text.hasPrefix("0001") ? nil : Timestamp.parse(text, utc: true)
    }

    /// The logs folder of an instance on the host, from its bind mounts.
    static func logsFolder(_ details: ContainerDetails) -> String? {
        details.mounts.first { $0.destination == "/home/hummingbot/logs" }?.source
    }
}
