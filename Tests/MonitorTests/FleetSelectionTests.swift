import HBModel
import Testing

@testable import Operations

/// Which bots a fleet-wide stop takes, and what it says is at stake.
struct FleetSelectionTests {
    func bot(_ name: String, strategy: String? = "pmm.yml", orders: [OrderFigures] = [], openOrders: Int? = nil)
        -> InstanceSnapshot
    {
        var instance = InstanceSnapshot(name: name, state: .running, reason: nil)
        instance.strategy = strategy
        instance.orders = orders
        instance.openOrders = openOrders ?? (orders.isEmpty ? nil : orders.count)
        return instance
    }

    func order(_ id: String, on exchange: String?, price: Double?, amount: Double?, filled: Double = 0) -> OrderFigures
    {
        OrderFigures(
            id: id, exchange: exchange, tradingPair: "BTC-USDT", price: price, amount: amount, filled: filled,
            createdAt: 0)
    }

    @Test func anExchangeTakesTheBotsItsConfigsOrItsOrdersNameThere() {
        let binance = FleetSelection.exchange("binance")
        #expect(binance.takes(bot("a"), host: "here", connectors: ["binance"]))
        #expect(binance.takes(bot("b"), host: "here", connectors: ["binance_paper_trade"]))
        #expect(binance.takes(bot("c"), host: "here", connectors: ["binance_perpetual"]))
        #expect(!binance.takes(bot("d"), host: "here", connectors: ["binanceus", "kucoin"]), "another exchange")
        #expect(
            binance.takes(
                bot("e", orders: [order("1", on: "Binance_Paper_Trade", price: 1, amount: 1)]), host: "far",
                connectors: []), "its orders say so where its configs are not here")
        #expect(!binance.takes(bot("f"), host: "here", connectors: []))
    }

    @Test func aHostAStrategyOrAll() {
        #expect(FleetSelection.host("hostb").takes(bot("a"), host: "hostb", connectors: []))
        #expect(!FleetSelection.host("hostb").takes(bot("a"), host: "default", connectors: []))
        #expect(FleetSelection.strategy("pmm").takes(bot("a"), host: "x", connectors: []))
        #expect(FleetSelection.strategy("pmm.yml").takes(bot("a"), host: "x", connectors: []))
        #expect(!FleetSelection.strategy("grid").takes(bot("a"), host: "x", connectors: []))
        #expect(!FleetSelection.strategy("pmm").takes(bot("b", strategy: nil), host: "x", connectors: []))
        #expect(FleetSelection.all.takes(bot("a"), host: "x", connectors: []))
    }

    @Test func ordersAtStakeAreCountedAndValuedByExchange() {
        let stake = OrdersAtStake(
            [
                bot(
                    "a",
                    orders: [
                        order("1", on: "binance", price: 100, amount: 2, filled: 0.5),
                        order("2", on: "binance", price: nil, amount: 1),
                    ]),
                bot("b", orders: [order("3", on: nil, price: 10, amount: 3)]),
                bot("c", openOrders: 4),
                bot("d", openOrders: 0),
            ], connectors: ["b": ["kucoin"], "c": ["okx", "kucoin"]])
        #expect(stake.orders == 7)
        #expect(
            stake.said == [
                "unknown exchange: 4 open orders", "binance: 2 open orders, 150.00 notional (1 without a price)",
                "kucoin: 1 open order, 30.00 notional",
            ])
        #expect(OrdersAtStake([bot("e")], connectors: [:]).said == ["no open orders recorded"])
        var viaAPI = bot("f")
        viaAPI.throughAPI = "http://api:8000"
        #expect(
            OrdersAtStake([bot("e"), viaAPI], connectors: [:]).said == [
                "1 bot of hummingbot-api: open orders not given by the API"
            ])
    }

    @Test func aRowSaysWhetherTheBotWasAskedAndWhatItDid() {
        func row(asked: Bool, accepted: Bool, woundDown: Bool, step: String?) -> FleetStopRow {
            FleetStopRow(
                bot: "a",
                stopped: StopResult(
                    name: "a", procedure: .mqttFirst, botStep: step, asked: asked, accepted: accepted,
                    woundDown: woundDown, containerSeconds: 1.04, exitCode: nil),
                problem: nil, ordersBefore: 2, ordersCancelled: asked ? 2 : nil, seconds: 2.3)
        }
        let answered = row(asked: true, accepted: true, woundDown: true, step: "bot stopped (200)")
        #expect(
            answered.text
                == "a  accepted · 2 orders cancelled · wound down · container stopped in 1.0 s · 2 open orders before · 2.3 s"
        )
        #expect(answered.json["orders_cancelled"] == .number(2))
        let unlinked = row(asked: false, accepted: false, woundDown: false, step: "no MQTT link: bot stop not sent")
        #expect(!unlinked.asked)
        #expect(
            unlinked.text.hasPrefix(
                "a  no MQTT link: bot stop not sent · did not wind down: container stopped with its grace"))
        #expect(unlinked.json["asked"] == .flag(false))
        let refused = FleetStopRow(
            bot: "b", stopped: nil, problem: "b is busy", ordersBefore: nil, ordersCancelled: nil, seconds: 0)
        #expect(refused.text == "b  not stopped: b is busy")
        #expect(refused.json["container_stopped"] == .flag(false))
    }
}
