import BotLink
import Foundation
import HBModel
import HBTestSupport
import Testing

@testable import Monitor

/// Every trade kept: fills heard over MQTT and fills in the bot's own database, each once, the database the
/// source wherever it can be read.
@Suite struct HistoryFillsTests {
    func heard(_ trade: String, order: String, at time: Double, price: Double, amount: Double) -> TradeFill {
        TradeFill(
            time: time, tradeID: trade, orderID: order, pair: "TEST-USDT", side: "BUY", price: price, amount: amount,
            feeQuote: 0.05)
    }

    func fleet(at time: Double, fills: [TradeFill], folder: String? = nil) -> FleetSnapshot {
        var bot = InstanceSnapshot(
            name: "bot_1", image: "hummingbot/hummingbot:latest", state: .running, startedAt: 900, strategy: "pmm.yml")
        bot.fillsHeard = fills
        bot.orders = [OrderFigures(id: "o5", exchange: "kucoin_paper_trade", tradingPair: "TEST-USDT", createdAt: 0)]
        return FleetSnapshot(
            takenAt: time, endpoint: "unix:///x", engine: .live, instances: [bot],
            broker: BrokerSnapshot(containerName: "b", address: "a"), botsFolder: folder)
    }

    @Test func heardFillsAndTheDatabasesAreKeptOnceEachWithTheirSource() async throws {
        let root = NSTemporaryDirectory() + "hbdeck-fills-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = root + "/bots/instances/bot_1/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let store = try HistoryStore(path: root + "/history.sqlite")

        // t1 is heard and later found in the database; t9 is only ever heard.
        let first = [heard("t1", order: "o1", at: 1000, price: 100, amount: 0.5)]
        try await store.record(fleet(at: 1001, fills: first))
        let both = first + [heard("t9", order: "o9", at: 1005, price: 99, amount: 2)]
        try await store.record(fleet(at: 1010, fills: both))
        try await store.record(fleet(at: 1020, fills: both))
        #expect(try await store.fills().map(\.fill.tradeID) == ["t1", "t9"], "a fill heard twice is kept once")
        #expect(try await store.fills().map(\.fill.exchange) == ["kucoin_paper_trade", "kucoin_paper_trade"])

        let sql = """
            CREATE TABLE "TradeFill" (config_file_path TEXT NOT NULL, strategy TEXT NOT NULL, market TEXT NOT NULL, symbol TEXT NOT NULL,
            base_asset TEXT NOT NULL, quote_asset TEXT NOT NULL, timestamp BIGINT NOT NULL, order_id TEXT NOT NULL, trade_type TEXT NOT NULL,
            order_type TEXT NOT NULL, price BIGINT NOT NULL, amount BIGINT NOT NULL, leverage INTEGER NOT NULL, trade_fee JSON NOT NULL,
            trade_fee_in_quote BIGINT, exchange_trade_id TEXT NOT NULL, position TEXT);
            INSERT INTO TradeFill VALUES ('pmm.yml','s','binance_paper_trade','TEST-USDT','TEST','USDT',1000000,'o1','BUY','LIMIT',100000000,500000,1,'{}',50000,'t1','NIL');
            INSERT INTO TradeFill VALUES ('pmm.yml','s','binance_paper_trade','TEST-USDT','TEST','USDT',1002000,'o2','SELL','LIMIT',101000000,1000000,1,'{}',101000,'t2','NIL');
            """
        #expect(try Subprocess.run(["sqlite3", data + "/pmm.sqlite", sql], timeout: 30).status == 0)
        try await store.keepFromDatabases(fleet(at: 1030, fills: both, folder: root + "/bots"))
        try await store.keepFromDatabases(fleet(at: 1040, fills: both, folder: root + "/bots"))
        let kept = try await store.fills()
        #expect(kept.map(\.fill.tradeID) == ["t1", "t2", "t9"])
        #expect(
            kept.map(\.source) == [.database, .database, .mqtt], "the database is the source where it has the fill")
        #expect(kept[0].fill.exchange == "binance_paper_trade" && kept[1].fill.price == 101 && kept[1].fill.amount == 1)
        #expect(kept[1].fill.feeQuote == 0.101)
        #expect(try await store.fills(from: 1001, to: 1003).map(\.fill.tradeID) == ["t2"])

        // Heard again after the database gave it: the database's row stays.
        try await store.record(
            fleet(at: 1050, fills: both + [heard("t1", order: "o1", at: 1000, price: 100, amount: 0.5)]))
        #expect(try await store.fills().map(\.source) == [.database, .database, .mqtt])
    }

    @Test func aFillEventBecomesATradeFillWithItsFee() throws {
        var activity = BotActivity()
        let payload = #"""
            {"timestamp":1796000000,"type":"OrderFilled","data":{"order_id":"o1","trading_pair":"TEST-USDT","trade_type":"TradeType.BUY","order_type":"OrderType.LIMIT","price":100.0,"amount":2.0,"trade_fee":{"percent":0.001,"flat_fees":[{"token":"USDT","amount":0.05},{"token":"BNB","amount":1}]},"exchange_trade_id":"T77"}}
            """#
        let message = MQTTMessage(topic: "hbot/bot_1/events", payload: Array(payload.utf8))
        guard case .success(let decoded)? = TelemetryDecoder.decode(message, namespace: "hbot") else {
            Issue.record("the fill did not decode")
            return
        }
        activity.apply(decoded.telemetry, receivedAt: 1_796_000_003)
        let fill = try #require(activity.fills.elements.first)
        #expect(fill.tradeID == "T77" && fill.orderID == "o1" && fill.side == "BUY" && fill.time == 1_796_000_000)
        #expect(abs((fill.feeQuote ?? 0) - 0.25) < 1e-9, "0.1 % of 200 and the flat fee in USDT, not the BNB one")
    }
}
