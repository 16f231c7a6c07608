import Foundation
import HBModel
import Testing

@testable import Monitor

/// Warnings and errors read from a bot's own log files, in the formats shared/notes/hummingbot-wire.md gives.
@Suite struct LogFileProblemsTests {
    @Test func aLogRecordKeepsItsTracebackAndInfoIsLeftOut() throws {
        let log = """
            2026-11-25 12:40:58,123 - 10 - hummingbot.strategy - INFO - tick
            2026-11-25 12:41:01,004 - 10 - hummingbot.core.clock - ERROR - Unexpected error running clock tick.
            Traceback (most recent call last):
              File "clock.pyx", line 98, in tick
            KeyError: 'BTC-USDT'
            2026-11-25 12:41:02,000 - 10 - hummingbot.connector - WARNING - Rate limit near
            2026-11-25 12:41:03,000 - 10 - hummingbot.strategy - INFO - Traceback-looking text in an info line
            """
        let start = try #require(Timestamp.parse("2026-11-25 12:41:00,000", utc: false))
        let records = LogFileProblems.records(inLog: log, since: start)
        #expect(records.map(\.level) == ["ERROR", "WARNING"])
        #expect(records[0].headline == "Unexpected error running clock tick.")
        #expect(records[0].message.hasSuffix("KeyError: 'BTC-USDT'"))
        #expect(records[0].logger == "hummingbot.core.clock")
        #expect(LogFileProblems.records(inLog: log, since: start + 10).isEmpty, "only this run's")
    }

    @Test func theLastTracebackInErrorsLogIsKeptWholeForHowTheBotEnded() {
        let chained = [
            "Invalid password.", "Traceback (most recent call last):", "  File \"a.py\", line 1, in <module>",
            "KeyError: 'x'", "",
            "During handling of the above exception, another exception occurred:", "",
            "Traceback (most recent call last):", "  File \"b.py\", line 2, in run", "    raise RuntimeError(\"boom\")",
            "RuntimeError: boom",
        ].filter { !$0.isEmpty }
        let ending = ErrorsLog.ending(of: chained)
        #expect(ending.lastLine == "RuntimeError: boom")
        #expect(
            ending.traceback == [
                "Traceback (most recent call last):", "  File \"b.py\", line 2, in run",
                "    raise RuntimeError(\"boom\")", "RuntimeError: boom",
            ])
        #expect(
            ErrorsLog.ending(of: ["Invalid password."]) == .init(lastLine: "Invalid password.", traceback: []),
            "no traceback, none made up")
        let deep =
            ["Traceback (most recent call last):"] + (1...60).map { "  File \"f.py\", line \($0), in f" } + [
                "RecursionError: too deep"
            ]
        let kept = ErrorsLog.lastTraceback(in: deep, limit: 10)
        #expect(
            kept.count == 10 && kept[0].hasPrefix("Traceback") && kept[1] == "  …"
                && kept.last == "RecursionError: too deep" && kept[8].contains("line 60"))
    }

    @Test func errorsLogTracebacksAreHeadedByTheirException() {
        let text =
            "Invalid password.\nTraceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nRuntimeError: simulated crash\n"
        let records = LogFileProblems.records(inErrorsLog: text, writtenAt: 50)
        #expect(records.map(\.headline) == ["Invalid password.", "RuntimeError: simulated crash"])
        #expect(records[1].message.contains("File \"x.py\""))
    }

    @Test func whatMQTTCarriedTooIsShownOnce() {
        let mqtt = [ProblemRecord(time: 100.4, level: "ERROR", logger: "a", message: "boom\ntrace")]
        let files = [
            ProblemRecord(time: 100.0, level: "ERROR", logger: "a", message: "boom\ntrace"),
            ProblemRecord(time: 90, level: "ERROR", logger: "errors.log", message: "RuntimeError: x"),
        ]
        let merged = LogFileProblems.merge(mqtt: mqtt, files: files)
        #expect(merged.map(\.headline) == ["RuntimeError: x", "boom"])
    }
}
