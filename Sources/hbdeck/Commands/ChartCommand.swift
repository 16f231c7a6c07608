import ArgumentParser
import Console
import Foundation
import Monitor

/// `hbdeck chart`: one bot's recorded P&L, volume, CPU and memory over an hour, a day or a week, as the details
/// screen draws them.
struct ChartCommand: AsyncParsableCommand {
    enum Span: String, ExpressibleByArgument, CaseIterable {
        case hour = "1h", day = "24h", week = "7d"

        var range: HistoryCharts.Range {
            switch self {
            case .hour: return .hour
            case .day: return .day
            case .week: return .week
            }
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "chart", abstract: "Print one bot's recorded P&L, volume, CPU and memory over 1h, 24h or 7d.",
        discussion:
            "Read from the history store the console and hbdeck record fill; the same charts as h in the details screen."
    )
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "The bot.") var name: String
    @Option(help: "1h, 24h or 7d.") var range: Span = .day
    @Option(help: "Columns to draw in.") var width: Int = 72
    @Flag(help: .hidden) var timing = false

    func validate() throws {
        guard (20...400).contains(width) else { throw ValidationError("--width must be from 20 to 400") }
    }

    func run() async throws {
        try await reportingFailures {
            try Fleet.validate([name])
            let (folder, settings) = try location.resolveIfConfigured()
            let path = HistoryStore.location(botsFolder: folder?.root.path ?? settings.botsFolder)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure("no history recorded yet (\(path)): run the console or hbdeck record")
            }
            let started = ContinuousClock.now
            let charts = try await ChartLoader.charts(
                of: name, range: range.range, store: try HistoryStore(path: path), now: Date().timeIntervalSince1970)
            let read = ContinuousClock.now
            let text = ChartText.grid(charts, width: width).text
            let drawn = ContinuousClock.now
            StandardOutput.line("\(name) · \(charts.samples) samples")
            StandardOutput.line(text)
            if timing {
                // For make bench: the details screen's first draw of a range, without the process start.
                StandardOutput.error("read \(Self.ms(read - started)) ms · drawn \(Self.ms(drawn - read)) ms")
            }
        }
    }

    private static func ms(_ duration: Duration) -> String {
        String(
            format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}
