import Docker
import Foundation
import HBModel
import HBTestSupport
import Testing

@testable import Monitor

/// The log feed against a real container flooding its log, on the private engine.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct LogFloodTests {
    /// Writes `count` numbered lines at `rate` a second in the client's stdout format, then `flood done`.
    static func flooder(count: Int, rate: Int) -> [String] {
        let script = """
            import sys, time
            count, rate = int(sys.argv[1]), int(sys.argv[2]); n = 0; start = time.time()
            while n < count:
                due = min(count, int((time.time() - start) * rate))
                sys.stdout.write("".join(time.strftime("%H:%M:%S") + " - flood - line %d\\n" % i for i in range(n + 1, due + 1)))
                sys.stdout.flush(); n = due
                time.sleep(0.002)
            print(time.strftime("%H:%M:%S") + " - flood - flood done", flush=True)
            """
        return ["python3", "-c", script, String(count), String(rate)]
    }

    @Test func aFloodIsFollowedToItsEndInOrderAndBounded() async throws {
        let client = try await TestEngine.client()
        try await TestEngine.withContainer(
            client, "flood", TestEngine.spec(Self.flooder(count: 100_000, rate: 20_000), image: TestEngine.botImage)
        ) { id in
            let feed = LogFeed(capacity: 5_000, maxBytes: 1 << 20)
            await feed.follow(id, source: DockerLogSource(client: client), bots: nil)
            var seen = 0
            var ordered = true
            var last = feed.state.current.value
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                last = feed.state.current.value
                let numbers = last.lines.compactMap { line -> Int? in
                    guard line.message.hasPrefix("line ") else { return nil }
                    return Int(line.message.dropFirst(5))
                }
                if zip(numbers, numbers.dropFirst()).contains(where: { $0 >= $1 }) { ordered = false }
                seen = max(seen, numbers.last ?? 0)
                if last.status == .ended { break }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            #expect(last.status == .ended, "the flood's end was not reached: \(last.status)")
            #expect(last.lines.contains { $0.message == "flood done" })
            #expect(ordered, "lines out of order or twice")
            #expect(last.lines.count <= 5_000)
            #expect(last.lines.reduce(0) { $0 + $1.message.utf8.count } <= 1 << 20)
            if last.skipped > 0 {
                #expect(last.lines.contains { $0.message.hasPrefix("— skipped about") }, "a skip is said")
            }
            #expect(seen >= 99_000 || last.skipped > 0, "lines went missing without a word: newest \(seen)")
        }
        await client.close()
    }
}
