import Console
import Foundation
import HBModel

/// A fixed fleet for render tests: every state, a bot unresponsive, an error with its reason.
enum FleetFixture {
    static let now = 1_795_600_000.0

    /// The golden screens show clock times in UTC, whatever the machine's zone: every fixture sets it
    /// (once, before any screen is composed).
    static let inUTC: Void = {
        setenv("TZ", "UTC", 1)
        tzset()
    }()

    static var snapshot: FleetSnapshot {
        _ = inUTC
        var history = MetricHistory()
        for i in 0..<40 {
            history.append(
                cpu: Double(i % 7), memory: Double(200 + i), networkRate: Double(i * 100 % 900), pnl: Double(i) * 3.1)
        }
        var instances = [
            InstanceSnapshot(
                name: "btc_mm_binance_01", containerID: "a1", image: "hummingbot/hummingbot:latest", state: .running,
                health: .online, startedAt: now - 273_600, strategy: "v2_with_controllers.yml", pnl: 124.31,
                trades: 412,
                volume: 81_200, openOrders: 4, errors: 0,
                resources: ResourceFigures(
                    cpuPercent: 2.1, memoryUsed: 212 << 20, memoryLimit: 1 << 30, networkRx: 12 << 20,
                    networkTx: 3 << 20, source: .cgroups)),
            InstanceSnapshot(
                name: "eth_grid_kucoin_02", containerID: "a2", image: "hummingbot/hummingbot:latest", state: .running,
                health: .unresponsive, startedAt: now - 93_600, strategy: "grid_eth.yml", pnl: -12.08, trades: 88,
                volume: 10_400,
                openOrders: 6, errors: 2, resources: ResourceFigures(cpuPercent: 0.4, memoryUsed: 188 << 20)),
            InstanceSnapshot(
                name: "sol_arb_01", containerID: "a3", image: "hummingbot/hummingbot:latest", state: .error,
                reason: "OOM-killed (limit 512.0MiB) · last: MemoryError in arb_sol.py:88", strategy: "arb_sol.py",
                errors: 1),
            InstanceSnapshot(
                name: "avax_pmm_02", containerID: "a4", image: "hummingbot/hummingbot:latest", state: .stopped,
                strategy: "pmm_avax.yml", pnl: 40.02, trades: 51, volume: 9_900, openOrders: 0, errors: 0),
            InstanceSnapshot(name: "new_bot_in_folder", state: .notDeployed),
        ]
        instances[0].controllers = [
            ControllerFigures(
                name: "pmm_simple_btc", pnl: 101.2, pnlPercent: 1.01, realized: 90.5, unrealized: 10.7, volume: 61_000),
            ControllerFigures(
                name: "dman_maker_v2", pnl: 23.11, pnlPercent: 0.46, realized: 25, unrealized: -1.89, volume: 20_200),
        ]
        instances[0].performanceAt = now - 2
        instances[0].volumeSource = .performanceReport
        instances[0].tradesFromDatabase = true
        instances[0].databaseReadAt = now - 4
        instances[0].orders = [
            OrderFigures(
                id: "buy-BTC-USDT-1732538458123", exchange: "binance", tradingPair: "BTC-USDT", side: "BUY",
                price: 97_120, amount: 0.01, createdAt: now - 42),
            OrderFigures(
                id: "sell-BTC-USDT-1732538458124", exchange: "binance", tradingPair: "BTC-USDT", side: "SELL",
                price: 97_310, amount: 0.01, filled: 0.004, createdAt: now - 600),
        ]
        instances[0].mounts = [
            "/srv/bots/instances/btc_mm_binance_01/conf → /home/hummingbot/conf",
            "/srv/bots/instances/btc_mm_binance_01/logs → /home/hummingbot/logs",
            "/srv/bots/credentials/master_account → /home/hummingbot/conf/credentials (read-only)",
        ]
        let broker = BrokerSnapshot(
            containerName: "hummingbot-broker", state: .running, health: "healthy", image: "emqx:5",
            startedAt: now - 518_400,
            address: "127.0.0.1:1883", botsHeard: 2, resources: ResourceFigures(cpuPercent: 0.8, memoryUsed: 180 << 20),
            link: .connected(since: now - 7200))
        return FleetSnapshot(
            takenAt: now, endpoint: "unix:///var/run/docker.sock", engine: .live, instances: instances, broker: broker,
            history: ["btc_mm_binance_01": history])
    }

    static var logLines: [LogLine] {
        _ = inUTC
        return [
            LogLine.parse(
                "2026-11-25 12:40:58,123 - 10 - hummingbot.strategy_v2_base - INFO - Created BUY order 0.01 BTC @ 97,120",
                source: .container),
            LogLine.parse(
                "2026-11-25 12:41:01,000 - 10 - hummingbot.connector - ERROR - Order rejected: insufficient balance",
                source: .container),
            LogLine.parse(
                "2026-11-25 12:41:03,500 - 10 - hummingbot.strategy_v2_base - INFO - Created SELL order 0.01 BTC @ 97,310",
                source: .container),
            LogLine.parse("Invalid password.", source: .errorsFile),
        ]
    }
}

extension FleetFixture {
    /// The fixture's bots spread over three engines, the third not answering since a minute.
    static var hosts: FleetSnapshot {
        var snapshot = FleetFixture.snapshot
        let placed = ["hosta", "hosta", "hostb", "hostb", "hostc"]
        for index in snapshot.instances.indices {
            let host = placed[min(index, placed.count - 1)]
            snapshot.instances[index].host = host
            snapshot.instances[index].name = "\(host)/\(snapshot.instances[index].name)"
        }
        snapshot.history = Dictionary(uniqueKeysWithValues: snapshot.history.map { ("hosta/\($0.key)", $0.value) })
        var remote = snapshot.broker
        remote.address = "hostc 127.0.0.1:1883 via ssh"
        remote.image = "hbdeck-test/mosquitto:2"
        snapshot.hosts = [
            HostSnapshot(
                name: "hosta", endpoint: "unix:///var/run/docker.sock", engine: .live, broker: snapshot.broker),
            HostSnapshot(name: "hostb", endpoint: "tcp+tls://10.0.0.2:2376", engine: .live, broker: snapshot.broker),
            HostSnapshot(
                name: "hostc", endpoint: "ssh://ops@bots-c",
                engine: .offline(reason: "ssh: connection refused", lastGood: now - 60), broker: remote),
        ]
        return snapshot
    }
}
