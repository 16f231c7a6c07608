import Foundation

/// One line of the log pane.
public struct LogLine: Sendable, Equatable {
    public enum Level: Int, Sendable, Comparable {
        case debug = 10, info = 20, warning = 30, error = 40

        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

        public var label: String {
            switch self {
            case .debug: return "DEBUG"
            case .info: return "INFO"
            case .warning: return "WARN"
            case .error: return "ERROR"
            }
        }
    }

    public enum Source: Sendable, Equatable {
        case container, stderr, mqtt, errorsFile
    }

    public var timestamp: Double?
    public var level: Level?
    public var logger: String
    public var message: String
    public var source: Source

    public init(timestamp: Double?, level: Level?, logger: String = "", message: String, source: Source) {
        self.timestamp = timestamp
        self.level = level
        self.logger = logger
        self.message = message
        self.source = source
    }

    public static func level(named name: String) -> Level? {
        switch name.uppercased() {
        case "DEBUG": return .debug
        case "INFO": return .info
        case "WARNING", "WARN": return .warning
        case "ERROR", "CRITICAL", "FATAL": return .error
        default: return nil
        }
    }

    /// Reads Hummingbot's console format `2026-11-25 12:40:58,123 - 10 - logger.name - INFO - message`;
    /// any other line is kept whole, with `Traceback` and `Error` lines marked as errors.
    public static func parse(_ text: String, source: Source) -> LogLine {
        let parts = text.components(separatedBy: " - ")
        if parts.count >= 5, let level = level(named: parts[3]), let time = Timestamp.parse(parts[0], utc: false) {
            return LogLine(
                timestamp: time, level: level, logger: parts[2], message: parts[4...].joined(separator: " - "),
                source: source)
        }
        let looksLikeError =
            text.hasPrefix("Traceback") || text.contains("Error:") || text.hasPrefix("Invalid password")
        return LogLine(
            timestamp: nil, level: looksLikeError || source == .errorsFile ? .error : nil, message: text, source: source
        )
    }
}
