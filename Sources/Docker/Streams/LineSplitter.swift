/// Cuts a byte stream into lines at `\n`, across chunk boundaries. A line longer than
/// `maxLineBytes` is passed on in pieces of that size, so memory stays bounded.
public struct LineSplitter: Sendable {
    public let maxLineBytes: Int
    private var partial: [UInt8] = []

    public init(maxLineBytes: Int = 4 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Complete lines in this chunk, without their `\n`.
    public mutating func feed(_ chunk: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var from = chunk.startIndex
        while let newline = chunk[from...].firstIndex(of: 0x0A) {
            partial.append(contentsOf: chunk[from..<newline])
            lines.append(partial)
            partial.removeAll(keepingCapacity: true)
            from = newline + 1
        }
        partial.append(contentsOf: chunk[from...])
        while partial.count >= maxLineBytes {
            lines.append(Array(partial.prefix(maxLineBytes)))
            partial.removeFirst(maxLineBytes)
        }
        return lines
    }

    /// The unfinished last line, if any.
    public mutating func flush() -> [[UInt8]] {
        defer { partial = [] }
        return partial.isEmpty ? [] : [partial]
    }
}
