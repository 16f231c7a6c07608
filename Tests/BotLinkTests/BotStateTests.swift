import HBModel
import Testing

@testable import BotLink

@Suite struct BotStateTests {
    /// Replays the recorded session and checks the reducer against what the events themselves say.
    @Test func openOrdersAndTradesFollowTheRecordedEvents() async throws {
        let hub = TelemetryHub()
        var created = Set<String>()
        var closed = Set<String>()
        var fills = 0
        for message in try RecordedTelemetry.messages() {
            guard let (_, telemetry) = await hub.ingest(message, receivedAt: 1000) else { continue }
            guard case .event(let event) = telemetry, let id = event.orderID else { continue }
            switch event.kind {
            case "BuyOrderCreated", "SellOrderCreated": created.insert(id)
            case "OrderFilled": fills += 1
            case "BuyOrderCompleted", "SellOrderCompleted", "OrderCancelled": closed.insert(id)
            default: break
            }
        }
        let record = try #require(await hub.record("demo_mm_01"))
        #expect(Set(record.activity.openOrders.keys) == created.subtracting(closed))
        #expect(record.activity.tradeCount == fills)
        #expect(fills > 0)
        #expect(record.activity.totals?.volumeTraded != nil)
        #expect(record.decodeFailures == 0)
        #expect(record.liveness.health(now: 1005, timeout: 30) == .online)
    }

    @Test func partialFillsStayOpenUntilCompleted() {
        var activity = BotActivity()
        func event(_ kind: String, _ amount: Double) -> BotTelemetry {
            .event(
                OrderEvent(
                    timestamp: 1, kind: kind, orderID: "o1", tradingPair: "X-Y", side: "BUY", orderType: "LIMIT",
                    price: 10, amount: amount, data: .object([:])))
        }
        activity.apply(event("BuyOrderCreated", 2), receivedAt: 1)
        activity.apply(event("OrderFilled", 0.5), receivedAt: 1)
        #expect(activity.openOrders["o1"]?.filledAmount == 0.5)
        activity.apply(event("OrderFilled", 1.5), receivedAt: 1)
        #expect(activity.openOrders["o1"]?.filledAmount == 2)
        activity.apply(event("BuyOrderCompleted", 2), receivedAt: 1)
        #expect(activity.openOrders.isEmpty)
        #expect(activity.tradeCount == 2)
        #expect(activity.tradedVolume == 20)
    }

    @Test func performanceSumsControllersAndSurvivesAStop() {
        var activity = BotActivity()
        #expect(activity.totals == nil)
        activity.apply(
            .performance([
                "a": ControllerPerformance(
                    realizedPnlQuote: 1, globalPnlQuote: 2, volumeTraded: 100,
                    closeTypeCounts: ["CloseType.TAKE_PROFIT": 3]),
                "b": ControllerPerformance(
                    realizedPnlQuote: -0.5, globalPnlQuote: -1, volumeTraded: 50,
                    closeTypeCounts: ["CloseType.TAKE_PROFIT": 1]),
            ]), receivedAt: 1)
        #expect(activity.totals?.globalPnlQuote == 1)
        #expect(activity.totals?.volumeTraded == 150)
        #expect(activity.totals?.closeTypeCounts["CloseType.TAKE_PROFIT"] == 4)
        #expect(activity.totals?.unrealizedPnlQuote == nil)
        activity.apply(.performance([:]), receivedAt: 2)
        #expect(activity.totals?.globalPnlQuote == 1)
    }

    @Test func errorsAreCountedAndOnlyConsistentCriticalLinesAreFatal() {
        var activity = BotActivity()
        for i in 0..<10 {
            activity.apply(
                .log(
                    BotLogRecord(
                        timestamp: Double(i), message: "m\(i)", levelNumber: i == 7 ? 40 : 20,
                        levelName: i == 7 ? "ERROR" : "INFO", logger: "x")), receivedAt: Double(i))
        }
        #expect(activity.errorCount == 1)
        #expect(activity.lastError?.message == "m7")
        activity.apply(
            .log(BotLogRecord(timestamp: 1e12, message: "spoof", levelNumber: 50, levelName: "INFO", logger: "x")),
            receivedAt: 20)
        #expect(activity.lastFatal == nil, "level fields that disagree are not critical")
        activity.apply(
            .log(BotLogRecord(timestamp: nil, message: "boom", levelNumber: 50, levelName: "CRITICAL", logger: "x")),
            receivedAt: 21)
        #expect(activity.lastFatal?.message == "boom")
    }

    @Test func aNewRunStartsTheFiguresOver() {
        func created(_ id: String) -> BotTelemetry {
            .event(
                OrderEvent(
                    timestamp: nil, kind: "BuyOrderCreated", orderID: id, tradingPair: "X-Y", side: "BUY",
                    orderType: "LIMIT", price: 10, amount: 1, data: .null))
        }
        func filled(_ id: String) -> BotTelemetry {
            .event(
                OrderEvent(
                    timestamp: nil, kind: "OrderFilled", orderID: id, tradingPair: "X-Y", side: "BUY",
                    orderType: "LIMIT", price: 10, amount: 1, data: .null))
        }
        var record = BotRecord(instanceID: "b")
        record.startRun(at: 100)
        for (i, telemetry) in [
            created("o1"), filled("o1"), created("o2"), .heartbeat(at: nil),
            .log(BotLogRecord(timestamp: nil, message: "dead", levelNumber: 50, levelName: "CRITICAL", logger: "x")),
        ].enumerated() {
            record.liveness.record(telemetry, receivedAt: 110 + Double(i))
            record.activity.apply(telemetry, receivedAt: 110 + Double(i))
        }
        #expect(
            record.activity.tradeCount == 1 && record.activity.openOrders.count == 2 && record.activity.lastFatal != nil
        )
        record.startRun(at: 100)
        #expect(record.activity.tradeCount == 1, "the same run again changes nothing")
        record.startRun(at: 200)
        #expect(record.activity.tradeCount == 0)
        #expect(record.activity.openOrders.isEmpty)
        #expect(record.activity.lastFatal == nil, "a fatal line belongs to the run it came from")
        #expect(record.activity.heardBeforeRunKnown == false)
        #expect(
            record.liveness.health(now: 201, timeout: 30) == .unknown, "heartbeats of the previous run do not count")
        record.liveness.record(.heartbeat(at: nil), receivedAt: 207)
        #expect(record.liveness.health(now: 208, timeout: 30) == .online)
    }

    @Test func whatWasHeardOfANewRunBeforeItWasKnownMakesCountsLowerBounds() {
        var record = BotRecord(instanceID: "b")
        record.startRun(at: 100)
        record.activity.apply(.heartbeat(at: nil), receivedAt: 150)
        record.activity.apply(.heartbeat(at: nil), receivedAt: 205)
        record.startRun(at: 200)
        #expect(record.activity.heardBeforeRunKnown)
    }

    @Test func theFirstRunLearnedKeepsWhatWasHeardSinceItStarted() {
        var activity = BotActivity()
        activity.apply(
            .event(
                OrderEvent(
                    timestamp: nil, kind: "OrderFilled", orderID: "o", tradingPair: nil, side: nil, orderType: nil,
                    price: 1, amount: 1, data: .null)), receivedAt: 150)
        activity.startRun(at: 100)
        #expect(activity.tradeCount == 1)
        #expect(activity.heardBeforeRunKnown == false)
    }

    @Test func livenessFromHeartbeats() {
        var liveness = BotLiveness()
        #expect(liveness.health(now: 0, timeout: 30) == .unknown)
        let log = BotTelemetry.log(
            BotLogRecord(timestamp: 0, message: "", levelNumber: 20, levelName: "INFO", logger: ""))
        liveness.record(log, receivedAt: 100)
        #expect(liveness.health(now: 101, timeout: 30) == .online, "heard talking; its heartbeat is not due yet")
        liveness.record(log, receivedAt: 125)
        #expect(liveness.health(now: 130.5, timeout: 30) == .unresponsive, "talking, but no heartbeat in 30 s")
        liveness.record(.availability(online: true, at: 0), receivedAt: 135)
        #expect(liveness.health(now: 136, timeout: 30) == .online)
        liveness.record(.heartbeat(at: 0), receivedAt: 140)
        #expect(liveness.health(now: 170, timeout: 30) == .online)
        #expect(liveness.health(now: 170.5, timeout: 30) == .unresponsive)
    }

    @Test func ringBufferKeepsTheNewest() {
        var ring = RingBuffer<Int>(capacity: 4)
        for i in 1...10 { ring.append(i) }
        #expect(ring.elements == [7, 8, 9, 10])
        #expect(ring.last == 10)
        #expect(ring.count == 4)
    }
}

@Suite struct LinkGapTests {
    static func event(_ kind: String, _ id: String) -> BotTelemetry {
        .event(
            OrderEvent(
                timestamp: nil, kind: kind, orderID: id, tradingPair: "X-Y", side: "BUY", orderType: "LIMIT", price: 1,
                amount: 1, data: .null))
    }

    @Test func ordersHeardBeforeAGapAreUncertainUntilHeardOfAgain() {
        var activity = BotActivity()
        for id in ["o1", "o2", "o3"] { activity.apply(Self.event("BuyOrderCreated", id), receivedAt: 10) }
        activity.linkGap(from: 20)
        #expect(activity.uncertainOrders == 3)
        activity.apply(Self.event("OrderFilled", "o1"), receivedAt: 40)
        #expect(activity.openOrders["o1"]?.uncertainSince == nil, "a fill says it is still there")
        activity.apply(Self.event("OrderCancelled", "o2"), receivedAt: 41)
        #expect(activity.openOrders["o2"] == nil)
        #expect(activity.uncertainOrders == 1)
        #expect(activity.openOrders["o3"]?.uncertainSince == 20)
        activity.apply(Self.event("BuyOrderCreated", "o4"), receivedAt: 42)
        #expect(activity.openOrders["o4"]?.uncertainSince == nil, "an order placed after the gap is certain")
    }

    /// Closes are remembered a minute, whether or not the order's creation was heard, for the bot's trade
    /// database read before them; a busy bot's older ones are let go.
    @Test func closedOrdersAreRememberedForAMinute() {
        var activity = BotActivity()
        activity.apply(Self.event("BuyOrderCreated", "o1"), receivedAt: 10)
        activity.apply(Self.event("BuyOrderCompleted", "o1"), receivedAt: 11)
        activity.apply(Self.event("OrderCancelled", "placedBeforeTheConsole"), receivedAt: 12)
        activity.apply(Self.event("OrderFailure", "o3"), receivedAt: 13)
        #expect(activity.closedOrders == ["o1": 11, "placedBeforeTheConsole": 12, "o3": 13])
        for i in 0..<600 { activity.apply(Self.event("OrderCancelled", "busy\(i)"), receivedAt: 100 + Double(i) / 100) }
        #expect(activity.closedOrders["o1"] == nil && activity.closedOrders["busy599"] == 105.99)
        #expect(activity.closedOrders.count <= 600)
    }
}

/// Warnings and errors are kept for the errors view, a traceback as one record; info lines are not.
@Suite struct BotProblemTests {
    @Test func warningsAndErrorsAreKeptWholeAndInfoIsNot() {
        var activity = BotActivity()
        for (level, name, message) in [
            (20, "INFO", "tick"), (30, "WARNING", "slow"),
            (40, "ERROR", "boom\nTraceback (most recent call last):\nValueError: x"),
        ] {
            activity.apply(
                .log(BotLogRecord(timestamp: 1, message: message, levelNumber: level, levelName: name, logger: "l")),
                receivedAt: 5)
        }
        #expect(activity.problems.elements.map(\.level) == ["WARNING", "ERROR"])
        #expect(activity.problems.elements.last?.message.hasSuffix("ValueError: x") == true)
        #expect(activity.problems.elements.last?.headline == "boom")
        #expect(activity.errorCount == 1)
    }
}
