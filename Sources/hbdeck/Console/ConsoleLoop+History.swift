import Console
import Foundation
import Monitor

/// The details screen's history: its charts over longer ranges, and their export.
extension ConsoleLoop {
    static let noHistory = "no history recorded yet: the console and hbdeck record keep it"

    /// The history store, when one was recorded (it is not made just to be read).
    var historyStore: HistoryStore? {
        let path = HistoryStore.location(botsFolder: monitor.config.botsFolder)
        return FileManager.default.fileExists(atPath: path) ? try? HistoryStore(path: path) : nil
    }

    /// The details screen's charts over `range`, from the history store, in 60 buckets of equal time.
    func loadCharts(of name: String, range: HistoryCharts.Range) async {
        guard let store = historyStore else { return status.set(Self.noHistory) }
        guard let charts = try? await ChartLoader.charts(of: name, range: range, store: store, now: Date().timeIntervalSince1970) else {
            return status.set("the history store could not be read")
        }
        dialogs.set(.charts(charts))
    }

    /// The instance's recorded samples over `range` (the last hour for the live charts) as CSV in the folder
    /// hbdeck was started from, with the columns `hbdeck export` writes.
    func exportSamples(of name: String, range: HistoryCharts.Range) async -> String {
        let span = range == .live ? HistoryCharts.Range.hour : range
        guard let store = historyStore else { return Self.noHistory }
        let to = Date().timeIntervalSince1970
        guard let samples = try? await store.samples(bot: name, from: to - span.seconds, to: to) else { return "the history store could not be read" }
        let file = FileManager.default.currentDirectoryPath + "/hbdeck-\(name)-samples-\(Int(to)).csv"
        do {
            try ExportCommand.csv(ExportCommand.sampleColumns, samples.map(ExportCommand.row))
                .write(toFile: file, atomically: true, encoding: .utf8)
            return "exported \(samples.count) samples of \(name) (\(span.rawValue)) to \(file)"
        } catch {
            return "could not write \(file): \(error.localizedDescription)"
        }
    }
}
