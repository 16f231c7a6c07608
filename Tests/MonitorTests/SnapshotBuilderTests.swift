import BotLink
@testable import Docker
import Foundation
import HBModel
@testable import Monitor
import Testing

@Suite struct SnapshotBuilderTests {
    static func summary(state: String) throws -> ContainerSummary {
        let json = #"{"Id":"abc","Names":["/bot_1"],"Image":"hummingbot/hummingbot:latest","State":"\#(state)","Status":"","Created":1}"#
        return try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
    }

    static func record(_ lines: [(Double, Int, String)]) -> BotRecord {
        var record = BotRecord(instanceID: "bot_1", logCapacity: 10)
        for (time, level, message) in lines {
            record.activity.apply(.log(BotLogRecord(timestamp: time, message: message, levelNumber: level, levelName: level >= 50 ? "CRITICAL" : "INFO", logger: "x")))
        }
        return record
    }

    func build(_ summary: ContainerSummary, bot: BotRecord?) -> InstanceSnapshot {
        SnapshotBuilder.instance(
            summary: summary, details: nil, pending: nil, bot: bot, linkEnabled: true, figures: nil, errorsLine: nil,
            now: 1000, livenessTimeout: 30)
    }

    @Test func aFatalLineMakesARunningBotAnErrorWithTheLine() throws {
        let built = build(try Self.summary(state: "running"), bot: Self.record([(10, 20, "fine"), (20, 50, "Cannot connect to exchange: invalid API key")]))
        #expect(built.state == .error)
        #expect(built.reason == "fatal error in the bot's log: Cannot connect to exchange: invalid API key")
        #expect(built.errors == 1)
    }

    @Test func plainErrorsAreCountedButDoNotChangeTheState() throws {
        let built = build(try Self.summary(state: "running"), bot: Self.record([(10, 40, "Order rejected")]))
        #expect(built.state == .running)
        #expect(built.errors == 1)
    }

    @Test func unknownFiguresStayUnknown() throws {
        let built = build(try Self.summary(state: "exited"), bot: nil)
        #expect(built.state == .stopped)
        #expect(built.pnl == nil && built.trades == nil && built.openOrders == nil)
        #expect(built.health == .unknown)
    }

    @Test func stateRulesExplainHowABotEnded() {
        #expect(InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 0), lastErrorLine: "Invalid password.")
            == (.stopped, "exited 0 · errors.log: Invalid password."))
        #expect(InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 137, oomKilled: true, memoryLimit: 512 << 20)).0 == .error)
        #expect(InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 137)) == (.stopped, "exited 137"))
        #expect(InstanceStateRule.derive(ContainerCondition(status: "exited", exitCode: 2)) == (.error, "exited with code 2"))
        #expect(InstanceStateRule.derive(ContainerCondition(status: "restarting", restartCount: 3)) == (.error, "restarting in a loop (3 restarts)"))
        #expect(InstanceStateRule.derive(ContainerCondition(status: "running"), pending: .stopping).0 == .stopping)
    }
}
