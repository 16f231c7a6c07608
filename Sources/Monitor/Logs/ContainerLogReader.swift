import Docker
import Foundation
import HBModel

/// Turns chunks of a container log read with the engine's timestamps into lines: split per stream, the
/// timestamp taken off the front, lines at or before `resumeAfter` (already shown before an outage) left out.
struct ContainerLogReader {
    struct Line: Sendable {
        let text: Substring
        let time: Double?
        let stderr: Bool
    }

    private var out = LineSplitter(maxLineBytes: 64 << 10)
    private var err = LineSplitter(maxLineBytes: 64 << 10)
    private let resumeAfter: Double?
    private let openedAt: Double
    /// The engine's timestamp of the newest line read.
    private(set) var lastTime: Double?
    private var firstTime: Double?
    private var count = 0

    /// `openedAt`: when the stream was opened; lines written before it are history, never "behind".
    init(resumeAfter: Double?, openedAt: Double) {
        self.resumeAfter = resumeAfter
        self.openedAt = openedAt
    }

    /// How far behind the present the newest line read is, counting only lines written since the stream opened.
    func lag(now: Double) -> Double {
        guard let lastTime, lastTime >= openedAt else { return 0 }
        return max(0, now - lastTime)
    }

    /// Lines per second of log time, over the lines written since the stream opened.
    var linesPerSecond: Double {
        guard let firstTime, let lastTime, lastTime > firstTime else { return Double(count) }
        return Double(count) / (lastTime - firstTime)
    }

    mutating func read(_ chunks: [LogChunk]) -> [Line] {
        var lines: [Line] = []
        for chunk in chunks {
            let isError = chunk.source == .stderr
            for piece in isError ? err.feed(chunk.bytes) : out.feed(chunk.bytes) {
                if let line = line(piece, stderr: isError) { lines.append(line) }
            }
        }
        return lines
    }

    mutating func flush() -> [Line] {
        (out.flush().compactMap { line($0, stderr: false) }) + (err.flush().compactMap { line($0, stderr: true) })
    }

    private mutating func line(_ bytes: [UInt8], stderr: Bool) -> Line? {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        while let last = text.last, last == "\r" || last == "\n" { text = text.dropLast() }
        var time: Double?
        if let space = text.firstIndex(of: " "), let stamp = Timestamp.parse(String(text[..<space]), utc: true) {
            time = stamp
            text = text[text.index(after: space)...]
        }
        if let time, let resumeAfter, time <= resumeAfter { return nil }
        if let time {
            lastTime = time
            if time >= openedAt {
                if firstTime == nil { firstTime = time }
                count += 1
            }
        }
        return Line(text: text, time: time, stderr: stderr)
    }
}
