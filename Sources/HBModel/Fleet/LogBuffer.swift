/// The log pane's lines, bounded in count and in bytes: the oldest fall off, and a line longer than
/// `maxLineBytes` is cut with a mark. Each line gets a sequence number, so a line already shown can be
/// completed later (its level, when the bot's own copy of it arrives over MQTT).
public struct LogBuffer: Sendable {
    public let maxLines: Int
    public let maxBytes: Int
    public static let maxLineBytes = 4 << 10
    private var items: [LogLine] = []
    private var sizes: [Int] = []
    private var start = 0
    /// The sequence number of `items[start]`.
    private var firstSequence = 0
    public private(set) var bytes = 0
    /// Lines that fell off the front.
    public private(set) var evicted = 0

    public init(maxLines: Int, maxBytes: Int = 8 << 20) {
        precondition(maxLines > 0 && maxBytes > 0)
        self.maxLines = maxLines
        self.maxBytes = maxBytes
    }

    public var count: Int { items.count - start }

    /// Appends `line` (cut to `maxLineBytes`) and returns its sequence number.
    @discardableResult
    public mutating func append(_ line: LogLine) -> Int {
        var line = line
        line.message = Self.cut(line.message)
        let size = line.message.utf8.count + line.logger.utf8.count + 64
        items.append(line)
        sizes.append(size)
        bytes += size
        while count > maxLines || (bytes > maxBytes && count > 1) {
            bytes -= sizes[start]
            start += 1
            firstSequence += 1
            evicted += 1
        }
        if start > 1024 && start * 2 > items.count {
            items.removeFirst(start)
            sizes.removeFirst(start)
            start = 0
        }
        return firstSequence + count - 1
    }

    /// Changes the line with sequence number `sequence`, if it is still kept.
    public mutating func update(_ sequence: Int, _ change: (inout LogLine) -> Void) {
        let index = sequence - firstSequence + start
        guard index >= start, index < items.count else { return }
        change(&items[index])
    }

    /// Oldest first.
    public var lines: [LogLine] { Array(items[start...]) }

    /// `message` cut to `maxLineBytes`, with a mark saying how much was left out.
    public static func cut(_ message: String) -> String {
        TextCut.cut(message, toBytes: maxLineBytes)
    }
}
