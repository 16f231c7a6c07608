import BackendAPI
import Foundation
import HBModel
import Testing

@testable import Monitor

/// The log pane of an API's bot: the records the API holds, each once, in the client's stdout format, stamped
/// with the bot's own time for it.
@Suite struct APILogSourceTests {
    @Test func recordsComeOnceEachWithTheirOwnTimes() async throws {
        let api = FakeFleetAPI(windsDownAfterReads: nil, oldStops: 1)
        var chunks = try await APILogSource(api: api, interval: 0.01).follow("bot", tail: nil, since: nil)
            .makeAsyncIterator()
        let first = try #require(try await chunks.next())
        let text = String(decoding: first.flatMap(\.bytes), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2, "\(text)")
        #expect(
            lines[0].hasPrefix("1970-01-01T00:16:40.000000Z ") == false, "1 000 s is not a plausible time: read time")
        #expect(lines[0].hasSuffix(" - Hummingbot stopped.") && lines[1].hasSuffix(" - Created LIMIT BUY order"))
        #expect(
            APILogSource.line(
                APIBotStatus.LogEntry(
                    levelName: "ERROR", msg: "boom\nTraceback", timestamp: 1_796_456_869.5, loggerName: "a.b.c"),
                stamp: "S") == "S \(Formatting.clock(1_796_456_869.5)) - c - ERROR - boom\nS Traceback\n")
    }
}
