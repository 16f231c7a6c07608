import BotLink
import HBModel

/// Merges the two copies of a bot's log into one: the container log (the client's stdout: short logger,
/// no level, second precision) and MQTT `/log` (level, full logger name, tracebacks). A record that both
/// carry is shown once (same second, same short logger, same first line); the level comes from MQTT,
/// whichever copy arrived first. Pure: fed in order by `LogFeed`.
struct LogMerger {
    private(set) var buffer: LogBuffer
    private var shownFromContainer = RecentRecords<Int>()
    private var heardOverMQTT = RecentRecords<Int?>()
    /// After a stdout header: whether its continuation lines are being left out (the record came over
    /// MQTT already), and the header's line.
    private var continuation: (suppressed: Bool, sequence: Int?)?

    init(maxLines: Int, maxBytes: Int = 8 << 20) {
        buffer = LogBuffer(maxLines: maxLines, maxBytes: maxBytes)
    }

    /// One line of the container log. `at` is the engine's timestamp for it.
    mutating func container(_ text: Substring, at time: Double?, stderr: Bool) {
        // Cut before any parsing: a flood of huge lines costs no more than one of short ones.
        let text = text.utf8.count > LogBuffer.maxLineBytes ? Substring(LogBuffer.cut(String(text))) : text
        if !stderr, let header = ConsoleLogHeader(text) {
            let key = RecordKey(logger: header.logger, firstLine: header.message)
            if heardOverMQTT.match(key, quarterSecond: Self.quarterSecond(ofDay: header.secondOfDay)) != nil {
                continuation = (true, nil)
                return
            }
            let sequence = buffer.append(
                LogLine(timestamp: time, level: nil, logger: header.logger, message: header.message, source: .container)
            )
            shownFromContainer.insert(
                key, quarterSecond: Self.quarterSecond(ofDay: header.secondOfDay), value: sequence)
            continuation = (false, sequence)
            return
        }
        if !stderr, let continuation {
            if !continuation.suppressed {
                buffer.append(
                    LogLine(timestamp: time, level: nil, logger: "", message: String(text), source: .container))
            }
            return
        }
        var line = LogLine.parse(String(text), source: stderr ? .stderr : .container)
        if line.timestamp == nil { line.timestamp = time }
        buffer.append(line)
    }

    /// One record from MQTT `/log`. A message with newlines (a traceback) becomes several lines.
    mutating func mqtt(_ record: BotLogRecord) {
        let parts = record.message.split(separator: "\n", omittingEmptySubsequences: false)
        let first = String(parts.first ?? "")
        let key = RecordKey(logger: LogMerger.shortLogger(record.logger), firstLine: first)
        let quarter = record.timestamp.map(Self.quarterSecond(ofUnixTime:))
        let level = LogLine.level(named: record.levelName)
        if let shown = shownFromContainer.match(key, quarterSecond: quarter) {
            buffer.update(shown) {
                $0.level = level
                $0.logger = record.logger
            }
            return
        }
        heardOverMQTT.insert(key, quarterSecond: quarter, value: nil)
        buffer.append(
            LogLine(timestamp: record.timestamp, level: level, logger: record.logger, message: first, source: .mqtt))
        for part in parts.dropFirst() {
            buffer.append(
                LogLine(timestamp: record.timestamp, level: level, logger: "", message: String(part), source: .mqtt))
        }
    }

    /// A line of hbdeck's own about the log (it ended, it cannot be read).
    mutating func note(_ line: LogLine) {
        continuation = nil
        buffer.append(line)
    }

    static func shortLogger(_ logger: String) -> String {
        String(logger.split(separator: ".").last ?? Substring(logger))
    }

    /// Time zones differ from UTC by whole quarter hours: the second within the quarter hour is the same
    /// on the bot's clock (stdout) and in unix time (MQTT).
    static func quarterSecond(ofDay second: Int) -> Int { second % 900 }

    static func quarterSecond(ofUnixTime time: Double) -> Int {
        guard time.isFinite, time >= 0, time < 1e12 else { return 0 }
        return Int(time) % 900
    }
}

/// A record's identity across the two copies.
struct RecordKey: Hashable {
    let logger: String
    let firstLine: String
}

/// The last few hundred records one copy delivered, with the second (within the quarter hour) they were
/// stamped: a match is the same key within a second either way.
struct RecentRecords<Value> {
    private var order = RingBuffer<(key: RecordKey, id: Int)>(capacity: 500)
    private var entries: [RecordKey: [(id: Int, quarter: Int?, value: Value)]] = [:]
    private var nextID = 0

    mutating func insert(_ key: RecordKey, quarterSecond: Int?, value: Value) {
        if order.count == order.capacity, let oldest = order.first {
            entries[oldest.key]?.removeAll { $0.id == oldest.id }
            if entries[oldest.key]?.isEmpty == true { entries[oldest.key] = nil }
        }
        nextID += 1
        order.append((key, nextID))
        entries[key, default: []].append((nextID, quarterSecond, value))
    }

    /// The value of the most recent match, taken out so that it matches once.
    mutating func match(_ key: RecordKey, quarterSecond: Int?) -> Value? {
        guard var candidates = entries[key] else { return nil }
        guard
            let index = candidates.lastIndex(where: { entry in
                guard let a = entry.quarter, let b = quarterSecond else { return true }
                let difference = abs(a - b) % 900
                return min(difference, 900 - difference) <= 1
            })
        else { return nil }
        let value = candidates.remove(at: index).value
        entries[key] = candidates.isEmpty ? nil : candidates
        return value
    }
}
