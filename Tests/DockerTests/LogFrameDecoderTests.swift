import Testing

@testable import Docker

@Suite struct LogFrameDecoderTests {
    /// Joins what each stream received, in order.
    static func collect(_ chunks: [LogChunk]) -> [LogSource: String] {
        var out: [LogSource: [UInt8]] = [:]
        for chunk in chunks { out[chunk.source, default: []] += chunk.bytes }
        return out.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func decodesARecordedEngineStream() throws {
        var decoder = LogFrameDecoder()
        let chunks = try decoder.decode(try FixtureFile.bytes("logs-multiplexed.bin")) + decoder.finish()
        let streams = Self.collect(chunks)
        #expect(streams[.stdout] == "out-1\nout-2 partial done\n")
        #expect(streams[.stderr] == "err-1\nerr-2\n")
    }

    @Test func survivesASplitAtEveryByte() throws {
        let recorded = try FixtureFile.bytes("logs-multiplexed.bin")
        for cut in 0...recorded.count {
            var decoder = LogFrameDecoder()
            let chunks =
                try decoder.decode(Array(recorded[..<cut])) + decoder.decode(Array(recorded[cut...])) + decoder.finish()
            #expect(Self.collect(chunks)[.stdout] == "out-1\nout-2 partial done\n", "cut at \(cut)")
        }
    }

    @Test func survivesOneByteAtATime() throws {
        var decoder = LogFrameDecoder()
        var chunks: [LogChunk] = []
        for byte in try FixtureFile.bytes("logs-multiplexed.bin") { chunks += try decoder.decode([byte]) }
        #expect(Self.collect(chunks)[.stderr] == "err-1\nerr-2\n")
    }

    @Test func keepsBinaryPayloadsExact() throws {
        let payload: [UInt8] = [0, 1, 0xFF, 0xFE, 0x0A, 0x80]
        var decoder = LogFrameDecoder()
        let chunks = try decoder.decode([1, 0, 0, 0, 0, 0, 0, UInt8(payload.count)] + payload)
        #expect(chunks == [LogChunk(source: .stdout, bytes: payload)])
    }

    @Test func rejectsAFrameHeaderThatIsNotOne() {
        var decoder = LogFrameDecoder()
        #expect(throws: DockerError.self) { try decoder.decode(Array("hello world\n".utf8)) }
    }

    @Test func reportsAStreamCutInsideAFrame() throws {
        var decoder = LogFrameDecoder()
        _ = try decoder.decode([1, 0, 0, 0, 0, 0, 0, 10, 65])
        #expect(throws: DockerError.self) { try decoder.finish() }
    }

    @Test func ttyStreamsPassThroughRaw() throws {
        var decoder = LogDecoder(tty: true)
        let bytes: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 3, 65, 66, 67]
        #expect(try decoder.decode(bytes) == [LogChunk(source: .tty, bytes: bytes)])
    }
}
