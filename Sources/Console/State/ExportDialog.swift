import Canvas
import HBModel

/// `X` in the details screen: what to export from the history, of this bot or the whole fleet, over which
/// range and in which format. ↑ ↓ choose a row, ← → its value, ⏎ writes the file, Esc closes.
public struct ExportDialog: Sendable, Equatable {
    public typealias What = ExportedHistory
    public typealias Format = ExportFormat
    public enum Span: String, Sendable, CaseIterable {
        case hour = "last 1h", day = "last 24h", week = "last 7d", all = "all recorded"

        /// How far back from now; nil: from the first record.
        public var seconds: Double? {
            switch self {
            case .hour: return 3600
            case .day: return 86_400
            case .week: return 7 * 86_400
            case .all: return nil
            }
        }
    }

    /// What ⏎ asks the loop to write.
    public struct Request: Sendable, Equatable {
        public let what: What
        /// nil: the whole fleet.
        public let bot: String?
        public let span: Span
        public let format: Format

        public init(what: What, bot: String?, span: Span, format: Format) {
            self.what = what
            self.bot = bot
            self.span = span
            self.format = format
        }
    }

    public enum Outcome: Sendable, Equatable { case none, cancel, export(Request) }

    public static let rows = ["What", "Of", "Range", "Format"]

    /// The instance the dialog was opened from.
    public let instance: String
    public var what = What.samples
    public var wholeFleet = false
    public var span: Span
    public var format = Format.csv
    public var row = 0

    /// Opens on the range the charts show (the last hour for the live charts).
    public init(instance: String, charts: HistoryCharts.Range) {
        self.instance = instance
        switch charts {
        case .live, .hour: span = .hour
        case .day: span = .day
        case .week: span = .week
        }
    }

    public var request: Request { Request(what: what, bot: wholeFleet ? nil : instance, span: span, format: format) }

    /// The value shown on each row.
    public var values: [String] {
        [what.rawValue, wholeFleet ? "the whole fleet" : instance, span.rawValue, format.rawValue]
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch Keymap.overlayAction(for: key, in: .export) {
        case .cancel?: return .cancel
        case .confirm?: return .export(request)
        case .moveUp?: row = max(0, row - 1)
        case .moveDown?: row = min(Self.rows.count - 1, row + 1)
        case .previousChoice?: change(by: -1)
        case .nextChoice?: change(by: 1)
        default: break
        }
        return .none
    }

    private mutating func change(by step: Int) {
        func cycle<T: CaseIterable & Equatable>(_ value: T) -> T {
            let all = Array(T.allCases)
            let index = all.firstIndex(of: value)!
            return all[(index + step + all.count) % all.count]
        }
        switch row {
        case 0: what = cycle(what)
        case 1: wholeFleet.toggle()
        case 2: span = cycle(span)
        default: format = cycle(format)
        }
    }
}
