import Testing

@testable import Docker

@Suite struct StreamDecoderTests {
    @Test func eventsDecodeAcrossChunkBoundaries() throws {
        let recorded = try FixtureFile.bytes("events.jsonl")
        var decoder = JSONLinesDecoder<DockerEvent>()
        var events: [DockerEvent] = []
        for start in stride(from: 0, to: recorded.count, by: 37) {
            events += try decoder.decode(Array(recorded[start..<min(start + 37, recorded.count)]))
        }
        events += try decoder.finish()
        #expect(events.map(\.action) == ["create", "start", "kill"])
        #expect(events.allSatisfy { $0.type == "container" && $0.name == "fx" })
        #expect(events[0].timeNano == 1_795_627_358_390_241_239)
    }

    @Test func aGarbageLineIsSkippedAndCounted() throws {
        var decoder = JSONLinesDecoder<PullProgress>()
        let values = try decoder.decode(
            Array(
                "{\"status\":\"a\"}\nnot json\n{\"status\":\"b\",\"id\":\"l1\",\"progressDetail\":{\"current\":5,\"total\":9}}\n"
                    .utf8))
        #expect(values.map(\.status) == ["a", "b"])
        #expect(values[1].layer == "l1" && values[1].current == 5 && values[1].total == 9)
        #expect(decoder.skippedLines == 1)
    }

    @Test func pullErrorsAreRead() throws {
        var decoder = JSONLinesDecoder<PullProgress>()
        let values =
            try decoder.decode(
                Array(#"{"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"}"#.utf8))
            + decoder.finish()
        #expect(values.first?.error == "manifest unknown")
    }

    @Test func lineSplitterBoundsLongLines() {
        var splitter = LineSplitter(maxLineBytes: 4)
        #expect(splitter.feed(Array("ab".utf8)).isEmpty)
        #expect(splitter.feed(Array("cdef\ngh".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["abcdef"])
        #expect(splitter.feed(Array("ijkl".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["ghij"])
        #expect(splitter.flush().map { String(decoding: $0, as: UTF8.self) } == ["kl"])
    }
}
