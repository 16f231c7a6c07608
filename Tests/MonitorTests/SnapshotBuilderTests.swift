import Foundation
import HBModel
import HBTestSupport
import Testing

@testable import BotLink
@testable import Docker
@testable import Monitor

@Suite struct SnapshotBuilderTests {
    static func summary(state: String, status: String = "") throws -> ContainerSummary {
        let json =
            #"{"Id":"abc","Names":["/bot_1"],"Image":"hummingbot/hummingbot:latest","State":"\#(state)","Status":"\#(status)","Created":1}"#
        return try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
    }

    static func record(_ lines: [(Double, Int, String)]) -> BotRecord {
        var record = BotRecord(instanceID: "bot_1")
        for (time, level, message) in lines {
            record.activity.apply(
                .log(
                    BotLogRecord(
                        timestamp: time, message: message, levelNumber: level,
                        levelName: level >= 50 ? "CRITICAL" : "INFO", logger: "x")), receivedAt: time)
        }
        return record
    }

    func build(_ summary: ContainerSummary, bot: BotRecord?) -> InstanceSnapshot {
        SnapshotBuilder.instance(
            summary: summary, details: nil, pending: nil, bot: bot, linkEnabled: true, figures: nil, errorsLine: nil,
            now: 1000, livenessTimeout: 30)
    }

    @Test func aFatalLineMakesARunningBotAnErrorWithTheLine() throws {
        let built = build(
            try Self.summary(state: "running"),
            bot: Self.record([(10, 20, "fine"), (20, 50, "Cannot connect to exchange: invalid API key")]))
        #expect(built.state == .error)
        #expect(built.reason == "fatal error in the bot's log: Cannot connect to exchange: invalid API key")
        #expect(built.errors == 1)
    }

    @Test func aBotWhoseContainerEndedIsNotOnlineWhateverItsLastHeartbeat() throws {
        var record = BotRecord(instanceID: "bot_1")
        record.liveness.record(.heartbeat(at: 995), receivedAt: 995)  // 5 s ago, inside the 30 s timeout
        #expect(build(try Self.summary(state: "running"), bot: record).health == .online)
        let ended = build(try Self.summary(state: "exited", status: "Exited (1) 2 seconds ago"), bot: record)
        #expect(ended.health == .unresponsive, "its container ended")
        let fleet = FleetSnapshot(
            takenAt: 1000, endpoint: "unix:///x", engine: .live, instances: [ended],
            broker: BrokerSnapshot(containerName: "b", address: "a", link: .disabled))
        #expect(fleet.botsOnline == 0, "the header does not count it online")
    }

    @Test func errCountsAtLeastTheErrorsTheLogFilesHold() throws {
        var built = build(try Self.summary(state: "exited", status: "Exited (1) 2 seconds ago"), bot: nil)
        #expect(built.errors == nil)
        SnapshotBuilder.apply(
            fileProblems: [
                ProblemRecord(time: 990, level: "ERROR", logger: "x", message: "Simulated crash"),
                ProblemRecord(time: 991, level: "WARNING", logger: "x", message: "Rate limit near"),
                ProblemRecord(
                    time: 992, level: "ERROR", logger: "errors.log",
                    message: "RuntimeError: simulated crash\nTraceback (most recent call last):"),
            ], to: &built)
        #expect(built.problems.count == 3 && built.errors == 2, "warnings are listed, not counted")
        var counted = build(
            try Self.summary(state: "running"), bot: Self.record([(10, 40, "a"), (11, 40, "b"), (12, 40, "c")]))
        SnapshotBuilder.apply(
            fileProblems: [ProblemRecord(time: 10, level: "ERROR", logger: "x", message: "a")], to: &counted)
        #expect(counted.errors == 3, "a higher MQTT count stays")
    }

    @Test func plainErrorsAreCountedButDoNotChangeTheState() throws {
        let built = build(try Self.summary(state: "running"), bot: Self.record([(10, 40, "Order rejected")]))
        #expect(built.state == .running)
        #expect(built.errors == 1)
    }

    @Test func controllersAndOpenOrdersAreCarriedForTheDetailsScreen() throws {
        var record = BotRecord(instanceID: "bot_1")
        record.activity.apply(
            .performance([
                "b_ctrl": ControllerPerformance(
                    realizedPnlQuote: 1, unrealizedPnlQuote: -0.5, globalPnlQuote: 0.5, globalPnlPct: 0.1,
                    volumeTraded: 100),
                "a_ctrl": ControllerPerformance(globalPnlQuote: 2, volumeTraded: 50),
            ]), receivedAt: 40)
        func event(_ kind: String, _ id: String, at time: Double, amount: Double = 1) -> BotTelemetry {
            .event(
                OrderEvent(
                    timestamp: time, kind: kind, orderID: id, tradingPair: "TEST-USDT", side: "BUY", orderType: "LIMIT",
                    price: 99.5, amount: amount, data: .null))
        }
        for telemetry in [
            event("BuyOrderCreated", "o1", at: 10), event("BuyOrderCreated", "o2", at: 20),
            event("BuyOrderCreated", "o3", at: 30),
            event("OrderFilled", "o1", at: 31, amount: 0.25), event("OrderCancelled", "o2", at: 32),
        ] {
            record.activity.apply(telemetry, receivedAt: 40)
        }
        let built = build(try Self.summary(state: "running"), bot: record)
        #expect(built.controllers.map(\.name) == ["a_ctrl", "b_ctrl"])
        #expect(
            built.controllers[1]
                == ControllerFigures(
                    name: "b_ctrl", pnl: 0.5, pnlPercent: 0.1, realized: 1, unrealized: -0.5, volume: 100))
        #expect(built.orders.map(\.id) == ["o3", "o1"], "open ones only, newest first")
        #expect(built.orders[1].filled == 0.25)
        #expect(built.openOrders == 2)
        #expect(built.pnl == 2.5)
    }

    @Test func countsAreLowerBoundsWhenTheConsoleListenedOnlyAfterTheBotStarted() throws {
        let json = #"""
            {"Id":"abc","Name":"/bot_1","State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,
             "OOMKilled":false,"Dead":false,"Pid":42,"ExitCode":0,"Error":"","StartedAt":"2026-11-25T10:00:00Z",
             "FinishedAt":"0001-01-01T00:00:00Z"},"Config":{},"HostConfig":{}}
            """#
        let details = try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8))
        let started = try #require(SnapshotBuilder.parseTime(details.state.startedAt))
        func built(listeningSince: Double?) throws -> InstanceSnapshot {
            SnapshotBuilder.instance(
                summary: try Self.summary(state: "running"), details: details, pending: nil,
                bot: Self.record([(10, 20, "fine")]),
                linkEnabled: true, listeningSince: listeningSince, figures: nil, errorsLine: nil, now: started + 60,
                livenessTimeout: 30)
        }
        #expect(
            try built(listeningSince: started - 5).countsAreLowerBounds == false,
            "heard from before its start: all counted")
        #expect(try built(listeningSince: started + 5).countsAreLowerBounds, "the console came (or reconnected) later")
        #expect(try built(listeningSince: nil).countsAreLowerBounds, "no link now: whatever happens is missed")
    }

    /// The first frame comes before the inspects: how a container exited is read from the list's status.
    @Test func theListAloneTellsStoppedFromError() throws {
        #expect(build(try Self.summary(state: "exited", status: "Exited (1) 2 minutes ago"), bot: nil).state == .error)
        #expect(
            build(try Self.summary(state: "exited", status: "Exited (1) 2 minutes ago"), bot: nil).reason
                == "exited with code 1")
        #expect(build(try Self.summary(state: "exited", status: "Exited (0) 3 hours ago"), bot: nil).state == .stopped)
        #expect(try Self.summary(state: "exited", status: "Exited (137) 5 seconds ago").listedExitCode == 137)
        #expect(try Self.summary(state: "running", status: "Up 3 hours").listedExitCode == nil)
    }

    @Test func unknownFiguresStayUnknown() throws {
        let built = build(try Self.summary(state: "exited"), bot: nil)
        #expect(built.state == .stopped)
        #expect(built.pnl == nil && built.trades == nil && built.openOrders == nil)
        #expect(built.health == .unknown)
    }

    @Test func stateRulesExplainHowABotEnded() {
        #expect(
            InstanceStateRule.derive(
                ContainerCondition(status: "exited", exitCode: 0), lastErrorLine: "Invalid password.")
                == (.stopped, "exited 0 · errors.log: Invalid password."))
        #expect(
            InstanceStateRule.derive(
                ContainerCondition(status: "exited", exitCode: 137, oomKilled: true, memoryLimit: 512 << 20)
            ).0 == .error)
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 137)) == (.stopped, "exited 137"))
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 2)) == (
                .error, "exited with code 2"
            ))
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "restarting", restartCount: 3)) == (
                .error, "restarting in a loop (3 restarts)"
            ))
        #expect(InstanceStateRule.derive(ContainerCondition(status: "running"), pending: .stopping).0 == .stopping)
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "running", restartCount: 4, uptime: 1.5)) == (
                .error, "restarting in a loop (4 restarts)"
            ),
            "between two crashes of a loop the container runs for a moment: still Error")
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "running", restartCount: 4, uptime: 60)) == (
                .running, nil
            ), "it settled")
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "running", restartCount: 0, uptime: 1)) == (
                .running, nil
            ))
        #expect(
            InstanceStateRule.derive(ContainerCondition(status: "running", restartCount: 4, uptime: -5)) == (
                .running, nil
            ),
            "an engine clock ahead of ours is no crash loop")
    }
}

/// Bots the client's `hbot` CLI runs: their own status file says whether they work.
@Suite struct HbotSnapshotTests {
    static func details(command: [String], state: String = "running") throws -> ContainerDetails {
        let cmd = String(decoding: try JSONEncoder().encode(command), as: UTF8.self)
        let json = #"""
            {"Id":"abc","Name":"/bot_1","RestartCount":0,"State":{"Status":"\#(state)","Running":\#(state == "running"),"Paused":false,
             "Restarting":false,"OOMKilled":false,"Dead":false,"Pid":1,"ExitCode":0,"Error":"","StartedAt":"2026-11-26T00:00:00Z",
             "FinishedAt":"0001-01-01T00:00:00Z"},"Config":{"Cmd":\#(cmd)},"HostConfig":{}}
            """#
        return try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8))
    }

    func build(_ details: ContainerDetails, status: BotStatusFile?, writtenAt: Double? = nil) throws -> InstanceSnapshot
    {
        SnapshotBuilder.instance(
            summary: try SnapshotBuilderTests.summary(state: details.state.status), details: details, pending: nil,
            bot: nil, linkEnabled: false,
            figures: nil, errorsLine: nil,
            statusFile: StatusFileReader.Reading(status: status, meta: nil, writtenAt: writtenAt),
            now: 1_795_700_000, livenessTimeout: 30)
    }

    /// An hbot bot that also talks MQTT: when its heartbeats stopped but its own file says it runs, the file
    /// is believed and the disagreement kept for the screen to say.
    @Test func whenHeartbeatsDisagreeTheFileIsBelievedAndTheScreenSaysSo() throws {
        let hbot = try Self.details(command: ["hbot", "start", "pmm.yml", "--foreground"])
        var record = BotRecord(instanceID: "bot_1")
        // 100 s ago, past the 30 s timeout.
        record.liveness.record(.heartbeat(at: 1_795_699_900), receivedAt: 1_795_699_900)
        func build(_ bot: BotRecord) throws -> InstanceSnapshot {
            SnapshotBuilder.instance(
                summary: try SnapshotBuilderTests.summary(state: "running"), details: hbot, pending: nil, bot: bot,
                linkEnabled: true,
                figures: nil, errorsLine: nil,
                statusFile: StatusFileReader.Reading(
                    status: BotStatusFile(running: true, updatedAt: 1_795_699_995), meta: nil, writtenAt: nil),
                now: 1_795_700_000, livenessTimeout: 30)
        }
        let stale = try build(record)
        #expect(stale.health == .online && stale.mqttDisagrees == .unresponsive)
        record.liveness.record(.heartbeat(at: 1_795_699_998), receivedAt: 1_795_699_998)
        let agreeing = try build(record)
        #expect(agreeing.health == .online && agreeing.mqttDisagrees == nil)
    }

    @Test func theStatusFileDecidesWithoutAnyBroker() throws {
        let hbot = try Self.details(command: ["hbot", "start", "pmm.yml", "--foreground"])
        let fresh = try build(
            hbot, status: BotStatusFile(running: true, updatedAt: 1_795_699_995, formatStatus: "2 open orders"))
        #expect(
            fresh.engine == .hbot && fresh.health == .online && fresh.statusFileAge == 5 && fresh.strategy == "pmm.yml")
        #expect(fresh.formatStatus == "2 open orders")
        // Older than 15 s while the container runs: as a missed heartbeat is.
        #expect(try build(hbot, status: BotStatusFile(running: true, updatedAt: 1_795_699_980)).health == .unresponsive)
        // The file's own time is not believed when this machine's clock says it was written long ago.
        #expect(
            try build(hbot, status: BotStatusFile(running: true, updatedAt: 1_795_700_000), writtenAt: 1_795_699_900)
                .health == .unresponsive)
        #expect(
            try build(hbot, status: BotStatusFile(running: false, updatedAt: 1_795_699_999)).health == .unresponsive)
        #expect(try build(hbot, status: nil).health == .unknown)
        #expect(
            try build(
                try Self.details(command: ["hbot", "start", "pmm.yml", "--foreground"], state: "exited"), status: nil
            ).health == nil)
    }

    @Test func theCommandSaysWhichEngineRunsTheBot() {
        #expect(BotEngine.of(command: ["hbot", "start", "a.yml", "--foreground"]) == .hbot)
        #expect(BotEngine.of(command: ["/usr/local/bin/hbot", "deploy", "a.yml", "--foreground"]) == .hbot)
        #expect(
            BotEngine.of(command: ["hbot", "start", "a.yml"]) == .quickstart,
            "not in the foreground: not the container's bot")
        #expect(
            BotEngine.of(command: ["/bin/bash", "-lc", "conda activate hummingbot && ./bin/hummingbot_quickstart.py"])
                == .quickstart)
        #expect(BotEngine.of(listedCommand: "hbot start pmm.yml --foreground") == .hbot)
        #expect(BotEngine.of(listedCommand: nil) == .quickstart)
    }

    @Test func aStatusFileIsReadWithTheTelemetryChecks() {
        let good = BotStatusFile(
            bytes: Array(
                #"{"running": true, "updated_at": 1795699995.5, "engine": {"strategy_running": true}, "format_status": "ok"}"#
                    .utf8))
        #expect(
            good == BotStatusFile(running: true, updatedAt: 1_795_699_995.5, strategyRunning: true, formatStatus: "ok"))
        for bad in [
            #"{"running": true, "updated_at": 1e300}"#, #"{"running": "yes", "updated_at": 1795699995}"#, "[]", "{",
            #"{"updated_at": -5}"#,
        ] {
            #expect(BotStatusFile(bytes: Array(bad.utf8)) == nil, "\(bad)")
        }
    }
}

/// The errors an hbot bot's log holds, counted as the client's `hbot status` counts them.
@Suite struct HbotLogErrorTests {
    @Test func onlyErrorsAmongTheLastSixHundredLinesCount() throws {
        var lines = (0..<150).map { "2026-11-26 08:00:00,000 - 1 - hummingbot.connector - ERROR - old failure \($0)" }
        lines += (0..<597).map { "2026-11-26 08:01:00,000 - 1 - hummingbot.strategy - INFO - tick \($0)" }
        lines += [
            "2026-11-26 08:02:00,000 - 1 - hummingbot.connector - ERROR - Order rejected",
            "2026-11-26 08:02:01,000 - 1 - hummingbot.core - CRITICAL - Kill switch",
            "2026-11-26 08:02:02,000 - 1 - hummingbot.strategy - INFO - the word ERROR in a message is not a level",
        ]
        let folder = NSTemporaryDirectory() + "hbdeck-logs-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: folder + "/logs_pmm.log", atomically: true, encoding: .utf8)
        var first = StatusFileReader.Reading()
        StatusFileReader.countErrors(in: "logs_pmm.log", beneath: folder, into: &first, previous: nil)
        #expect(first.recentErrors == 2)
        // Unchanged since: the count is kept, not read again.
        var again = StatusFileReader.Reading()
        var remembered = first
        remembered.recentErrors = 99
        StatusFileReader.countErrors(in: "logs_pmm.log", beneath: folder, into: &again, previous: remembered)
        #expect(again.recentErrors == 99)
        var missing = StatusFileReader.Reading()
        StatusFileReader.countErrors(in: "logs_gone.log", beneath: folder, into: &missing, previous: nil)
        #expect(missing.recentErrors == nil)
    }
}

/// The disk an instance's data/ and logs/ take, watched against a quota.
@Suite struct InstanceDiskTests {
    @Test func usageIsSummedAndWalkedAtMostOnceAMinute() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "hbdeck-disk-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("instances/bot_1/data")
        let logs = root.appendingPathComponent("instances/bot_1/logs")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try Data(count: 100_000).write(to: data.appendingPathComponent("bot_1.sqlite"))
        try Data(count: 50_000).write(to: logs.appendingPathComponent("logs_bot_1.log"))
        var usage = InstanceDiskUsage()
        let first = try #require(usage.usage(of: ["bot_1"], in: root.path, now: 1000)["bot_1"])
        #expect(first >= 150_000)
        try Data(count: 500_000).write(to: logs.appendingPathComponent("logs_bot_1.log.2026-11-20"))
        #expect(
            usage.usage(of: ["bot_1"], in: root.path, now: 1030)["bot_1"] == first, "not walked again within a minute")
        #expect((usage.usage(of: ["bot_1"], in: root.path, now: 1061)["bot_1"] ?? 0) >= 650_000)
    }

    @Test func pastNinetyPercentOfTheQuotaAWarningSaysWhatToDo() {
        var instance = InstanceSnapshot(name: "bot_1", state: .running)
        instance.diskQuota = 1_000_000
        instance.diskUsed = 950_000
        #expect(instance.diskWarning?.hasSuffix("quota · hbdeck clean-logs bot_1") == true)
        instance.diskUsed = 500_000
        #expect(instance.diskWarning == nil)
    }
}

/// A bot's own trade database, read as Hummingbot writes it.
@Suite struct TradeDatabaseTests {
    @Test func fillsOfTheCurrentRunAreCountedExactly() throws {
        let folder = NSTemporaryDirectory() + "hbdeck-trades-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try #require(TradeDatabase.path(dataFolder: folder, config: "pmm.yml"))
        #expect(path == folder + "/pmm.sqlite")
        #expect(TradeDatabase.path(dataFolder: folder, config: "../x.yml") == nil)
        #expect(TradeDatabase.figures(at: path, since: 0) == nil, "no database yet")
        // As the test bot writes it: price and amount in millionths, timestamp in milliseconds.
        let sql = """
            CREATE TABLE "TradeFill" (config_file_path TEXT NOT NULL, strategy TEXT NOT NULL, market TEXT NOT NULL, symbol TEXT NOT NULL,
            base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL, timestamp BIGINT NOT NULL, order_id TEXT NOT NULL, trade_type TEXT NOT NULL,
            order_type TEXT NOT NULL, price BIGINT NOT NULL, amount BIGINT NOT NULL, leverage INTEGER NOT NULL, trade_fee JSON NOT NULL,
            trade_fee_in_quote BIGINT, exchange_trade_id TEXT NOT NULL, position TEXT);
            INSERT INTO TradeFill VALUES ('pmm.yml','s','m','TEST-USDT','TEST','USDT',1000000,'o1','BUY','LIMIT',100000000,500000,1,'{}',0,'t1','NIL');
            INSERT INTO TradeFill VALUES ('pmm.yml','s','m','TEST-USDT','TEST','USDT',2000000,'o2','SELL','LIMIT',101000000,1000000,1,'{}',0,'t2','NIL');
            INSERT INTO TradeFill VALUES ('pmm.yml','s','m','TEST-USDT','TEST','USDT',3000000,'o3','BUY','LIMIT',99000000,2000000,1,'{}',0,'t3','NIL');
            """
        let created = try Subprocess.run(["sqlite3", path, sql], timeout: 30)
        #expect(created.status == 0, "\(created.stderr)")
        let all = try #require(TradeDatabase.figures(at: path, since: 0))
        #expect(all.trades == 3)
        #expect(abs(all.volume - (100 * 0.5 + 101 * 1 + 99 * 2)) < 1e-9)
        #expect(TradeDatabase.figures(at: path, since: 1500)?.trades == 2, "only fills of the run that began at 1500 s")
        var snapshot = InstanceSnapshot(name: "pmm", state: .running)
        snapshot.countsAreLowerBounds = true
        SnapshotBuilder.apply(all, to: &snapshot)
        #expect(snapshot.trades == 3 && snapshot.tradesFromDatabase)
        #expect(
            snapshot.volumeSource == .tradeDatabase && snapshot.volume == all.volume,
            "no performance report: the fills' volume")
        var reported = InstanceSnapshot(name: "pmm", state: .running, volume: 7)
        reported.volumeSource = .performanceReport
        SnapshotBuilder.apply(all, to: &reported)
        #expect(reported.volume == 7 && reported.volumeSource == .performanceReport, "the bot's own report stands")
        #expect(all.openOrders == nil, "no Order table: MQTT's orders stand")
        #expect(snapshot.orders.isEmpty && !snapshot.ordersFromDatabase)
    }

    /// MarketsRecorder's `Order` rows: open while their last status is a creation or a fill; the side is the
    /// creation's event, the filled amount the sum of the order's fills.
    @Test func openOrdersOfTheRunAreReadFromTheOrderTable() throws {
        let folder = NSTemporaryDirectory() + "hbdeck-orders-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/pmm.sqlite"
        func order(_ id: String, created: Int, price: Int, amount: Int, statuses: [String]) -> String {
            var sql = """
                INSERT INTO "Order" VALUES ('\(id)','pmm.yml','s','binance_paper_trade','TEST-USDT','TEST','USDT',\(created),'LIMIT',\(amount),1,\(price),'\(statuses.last!)',\(created),'EX\(id)','NIL');
                """
            for (offset, status) in statuses.enumerated() {
                sql +=
                    "INSERT INTO OrderStatus (order_id, timestamp, status) VALUES ('\(id)', \(created + offset), '\(status)');"
            }
            return sql
        }
        let sql = """
            CREATE TABLE "TradeFill" (config_file_path TEXT NOT NULL, strategy TEXT NOT NULL, market TEXT NOT NULL, symbol TEXT NOT NULL,
            base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL, timestamp BIGINT NOT NULL, order_id TEXT NOT NULL, trade_type TEXT NOT NULL,
            order_type TEXT NOT NULL, price BIGINT NOT NULL, amount BIGINT NOT NULL, leverage INTEGER NOT NULL, trade_fee JSON NOT NULL,
            trade_fee_in_quote BIGINT, exchange_trade_id TEXT NOT NULL, position TEXT);
            CREATE TABLE "Order" (id TEXT NOT NULL, config_file_path TEXT NOT NULL, strategy TEXT NOT NULL, market TEXT NOT NULL,
            symbol TEXT NOT NULL, base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL, creation_timestamp BIGINT NOT NULL,
            order_type TEXT NOT NULL, amount BIGINT NOT NULL, leverage INTEGER NOT NULL, price BIGINT NOT NULL, last_status TEXT NOT NULL,
            last_update_timestamp BIGINT NOT NULL, exchange_order_id TEXT, position TEXT, PRIMARY KEY (id));
            CREATE TABLE "OrderStatus" (id INTEGER NOT NULL, order_id TEXT NOT NULL, timestamp BIGINT NOT NULL, status TEXT NOT NULL, PRIMARY KEY (id));
            \(order("old", created: 500_000, price: 100_000_000, amount: 1_000_000, statuses: ["BuyOrderCreated"]))
            \(order("done", created: 1_000_000, price: 100_000_000, amount: 500_000, statuses: ["BuyOrderCreated", "OrderFilled", "BuyOrderCompleted"]))
            \(order("gone", created: 1_100_000, price: 102_000_000, amount: 500_000, statuses: ["SellOrderCreated", "OrderCancelled"]))
            \(order("half", created: 1_200_000, price: 99_000_000, amount: 2_000_000, statuses: ["BuyOrderCreated", "OrderFilled"]))
            \(order("ask", created: 1_300_000, price: 101_500_000, amount: 750_000, statuses: ["SellOrderCreated"]))
            INSERT INTO TradeFill VALUES ('pmm.yml','s','binance_paper_trade','TEST-USDT','TEST','USDT',1000001,'done','BUY','LIMIT',100000000,500000,1,'{}',0,'t1','NIL');
            INSERT INTO TradeFill VALUES ('pmm.yml','s','binance_paper_trade','TEST-USDT','TEST','USDT',1200001,'half','BUY','LIMIT',99000000,800000,1,'{}',0,'t2','NIL');
            """
        let created = try Subprocess.run(["sqlite3", path, sql], timeout: 30)
        #expect(created.status == 0, "\(created.stderr)")
        let figures = try #require(TradeDatabase.figures(at: path, since: 900, now: 1_400))
        let open = try #require(figures.openOrders)
        #expect(
            open.map(\.id) == ["ask", "half"], "newest first; completed, cancelled and earlier runs' orders left out")
        #expect(
            open[0]
                == OrderFigures(
                    id: "ask", exchange: "binance_paper_trade", tradingPair: "TEST-USDT", side: "SELL", price: 101.5,
                    amount: 0.75, createdAt: 1_300))
        #expect(open[1].side == "BUY" && open[1].filled == 0.8 && open[1].amount == 2)
        #expect(figures.readAt == 1_400)
        #expect(TradeDatabase.figures(at: path, since: 900, openOrders: false)?.openOrders == nil, "not asked for")

        // A table a bot's code filled with open orders: read no further than the bound, and not used.
        let flood = (0..<TradeDatabase.maxOpenOrders).map {
            "('f\($0)', 'pmm.yml', 's', 'x', 'A-B', 'A', 'B', \(1_300_001 + $0), 'LIMIT', 1, 1, 1, 'BuyOrderCreated', 0, NULL, NULL)"
        }
        let filled = try Subprocess.run(
            ["sqlite3", path, "INSERT INTO \"Order\" VALUES " + flood.joined(separator: ", ") + ";"], timeout: 30)
        #expect(filled.status == 0, "\(filled.stderr)")
        let flooded = try #require(TradeDatabase.figures(at: path, since: 900, now: 1_400))
        #expect(flooded.openOrders == nil, "\(TradeDatabase.maxOpenOrders + 2) open orders: the record is not used")

        // A console that came late knew of none of them: the record is the truth, exact.
        var late = InstanceSnapshot(name: "pmm", state: .running)
        late.countsAreLowerBounds = true
        SnapshotBuilder.apply(figures, to: &late)
        #expect(late.openOrders == 2 && late.ordersFromDatabase && !late.ordersAreLowerBound)
        // A console that heard the whole run keeps MQTT's orders: as exact, and newer.
        var whole = InstanceSnapshot(name: "pmm", state: .running)
        whole.orders = [OrderFigures(id: "ask", createdAt: 1_300)]
        whole.openOrders = 1
        SnapshotBuilder.apply(figures, to: &whole)
        #expect(whole.openOrders == 1 && !whole.ordersFromDatabase)
    }

    /// What MQTT heard since the record was read is added; what it holds from before and the record does not
    /// (closed in a gap) is dropped; fills heard since count.
    @Test func theRecordAndWhatWasHeardSinceMerge() {
        let recorded = [
            OrderFigures(
                id: "b", exchange: "kucoin", tradingPair: "ETH-USDT", side: "SELL", filled: 0.1, createdAt: 900),
            OrderFigures(id: "a", exchange: "kucoin", tradingPair: "ETH-USDT", side: "BUY", createdAt: 800),
        ]
        let heard = [
            OrderFigures(id: "new", tradingPair: "ETH-USDT", side: "BUY", createdAt: 1_001),
            OrderFigures(id: "otherPair", tradingPair: "SOL-USDT", side: "BUY", createdAt: 1_002),
            OrderFigures(id: "b", side: "SELL", filled: 0.3, createdAt: 900, uncertain: true),
            OrderFigures(id: "closedInAGap", side: "BUY", createdAt: 700, uncertain: true),
        ]
        let merged = OpenOrdersRecord.merge(recorded: recorded, readAt: 1_000, heard: heard)
        #expect(merged.map(\.id) == ["otherPair", "new", "b", "a"])
        #expect(merged[2].filled == 0.3 && !merged[2].uncertain && merged[2].exchange == "kucoin")
        #expect(
            merged[1].exchange == "kucoin" && merged[0].exchange == nil,
            "the record's exchange for the pair, none for a pair it has not")
        // Heard closed after the read: the record is older than that.
        #expect(
            OpenOrdersRecord.merge(recorded: recorded, readAt: 1_000, heard: heard, closed: ["a": 1_004]).map(\.id) == [
                "otherPair", "new", "b",
            ])
    }
}
