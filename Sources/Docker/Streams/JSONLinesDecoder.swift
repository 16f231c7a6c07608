import Foundation

/// Newline-delimited JSON, as the engine streams events, stats and pull progress.
/// A line that does not decode is counted and skipped rather than ending the stream.
public struct JSONLinesDecoder<Value: Decodable & Sendable>: StreamDecoder {
    private var splitter = LineSplitter(maxLineBytes: 16 << 20)
    public private(set) var skippedLines = 0

    public init() {}

    public mutating func decode(_ chunk: [UInt8]) throws -> [Value] {
        splitter.feed(chunk).compactMap { parse($0) }
    }

    public mutating func finish() throws -> [Value] {
        splitter.flush().compactMap { parse($0) }
    }

    private mutating func parse(_ line: [UInt8]) -> Value? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(line))
        } catch {
            skippedLines += 1
            return nil
        }
    }
}
