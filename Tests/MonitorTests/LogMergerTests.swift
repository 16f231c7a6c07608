import HBModel
import Testing

@testable import BotLink
@testable import Monitor

/// The real client's two copies of one log: its stdout (container log) and MQTT `/log`
/// (shared/notes/hummingbot-wire.md, "What a real headless bot writes").
@Suite struct LogMergerTests {
    /// 2026-11-26 00:39:07 UTC.
    static let at = 1_795_653_547.25

    static func record(
        _ message: String, logger: String = "hummingbot.strategy_v2_base", level: String = "INFO", at time: Double? = at
    ) -> BotLogRecord {
        BotLogRecord(
            timestamp: time, message: message, levelNumber: level == "ERROR" ? 40 : 20, levelName: level, logger: logger
        )
    }

    @Test func aRecordInBothCopiesIsShownOnceWithItsLevelWhicheverComesFirst() {
        for stdoutFirst in [true, false] {
            var merger = LogMerger(maxLines: 100)
            let stdout: Substring = "00:39:07 - strategy_v2_base - heartbeat_logger tick #5"
            if stdoutFirst { merger.container(stdout, at: Self.at, stderr: false) }
            merger.mqtt(Self.record("heartbeat_logger tick #5", level: "ERROR"))
            if !stdoutFirst { merger.container(stdout, at: Self.at, stderr: false) }
            let lines = merger.buffer.lines
            #expect(lines.count == 1, "stdout first: \(stdoutFirst)")
            #expect(lines.first?.message == "heartbeat_logger tick #5")
            #expect(lines.first?.level == .error, "the level comes from MQTT")
            #expect(lines.first?.logger == "hummingbot.strategy_v2_base")
        }
    }

    @Test func aMultiLineRecordIsShownOnceWithItsContinuation() {
        for stdoutFirst in [true, false] {
            var merger = LogMerger(maxLines: 100)
            let logger = "hummingbot.client.hummingbot_application"
            if stdoutFirst {
                merger.container("00:39:07 - hummingbot_application - ", at: Self.at, stderr: false)
                merger.container("Winding down...", at: Self.at, stderr: false)
            }
            merger.mqtt(Self.record("\nWinding down...", logger: logger))
            if !stdoutFirst {
                merger.container("00:39:07 - hummingbot_application - ", at: Self.at, stderr: false)
                merger.container("Winding down...", at: Self.at, stderr: false)
            }
            merger.container("00:39:08 - hummingbot_application - Hummingbot stopped.", at: Self.at + 1, stderr: false)
            #expect(
                merger.buffer.lines.map(\.message) == ["", "Winding down...", "Hummingbot stopped."],
                "stdout first: \(stdoutFirst)")
        }
    }

    @Test func theBotsTimeZoneDoesNotMatter() {
        var merger = LogMerger(maxLines: 100)
        // The container runs at UTC+05:30: its stdout says 06:09:07 for 00:39:07 UTC.
        merger.container("06:09:07 - time_synchronizer - Could not refresh server time.", at: Self.at, stderr: false)
        merger.mqtt(
            Self.record(
                "Could not refresh server time.", logger: "hummingbot.core.utils.time_synchronizer", level: "WARNING"))
        #expect(merger.buffer.lines.count == 1)
        #expect(merger.buffer.lines.first?.level == .warning)
    }

    @Test func theSameMessageAtAnotherTimeIsAnotherLine() {
        var merger = LogMerger(maxLines: 100)
        merger.container("00:39:07 - strategy_v2_base - tick", at: Self.at, stderr: false)
        merger.mqtt(Self.record("tick", at: Self.at + 10))
        merger.mqtt(Self.record("tick", at: Self.at + 20))
        merger.container("00:39:27 - strategy_v2_base - tick", at: Self.at + 20, stderr: false)
        #expect(merger.buffer.lines.count == 3)
    }

    @Test func aTracebackOverMQTTIsOneLineEach() {
        var merger = LogMerger(maxLines: 100)
        merger.mqtt(
            Self.record(
                "Unexpected error\nTraceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad",
                level: "ERROR"))
        #expect(
            merger.buffer.lines.map(\.message) == [
                "Unexpected error", "Traceback (most recent call last):", "  File \"x.py\", line 1", "ValueError: bad",
            ])
        #expect(merger.buffer.lines.allSatisfy { $0.level == .error })
    }

    @Test func linesThatAreNotTheClientsFormatStayWhole() {
        var merger = LogMerger(maxLines: 100)
        merger.container("Invalid password.", at: Self.at, stderr: true)
        merger.container(
            "2026-11-26 00:39:07,123 - 7 - hummingbot.connector - ERROR - Order rejected", at: Self.at, stderr: false)
        #expect(merger.buffer.lines.map(\.message) == ["Invalid password.", "Order rejected"])
        #expect(merger.buffer.lines.map(\.level) == [.error, .error])
    }

    @Test func theBufferIsBoundedInBytesAndLongLinesAreCut() {
        var merger = LogMerger(maxLines: 100_000, maxBytes: 1 << 20)
        let long = String(repeating: "x", count: 1 << 20)
        for _ in 0..<800 { merger.container(Substring(long), at: Self.at, stderr: true) }
        #expect(merger.buffer.bytes <= 1 << 20)
        #expect(merger.buffer.lines.last?.message.hasSuffix("bytes cut]") == true)
        #expect(merger.buffer.lines.last!.message.utf8.count < LogBuffer.maxLineBytes + 64)
    }
}
