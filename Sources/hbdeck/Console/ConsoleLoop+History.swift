import Console
import Deploy
import Foundation
import Monitor
import Operations

/// The details screen's history: its charts over longer ranges, and their export.
extension ConsoleLoop {
    static let noHistory = "no history recorded yet: the console and hbdeck record keep it"

    /// The history store, when one was recorded (it is not made just to be read).
    var historyStore: HistoryStore? {
        let path = HistoryStore.location(botsFolder: botsFolder)
        return FileManager.default.fileExists(atPath: path) ? try? HistoryStore(path: path) : nil
    }

    /// The details screen's charts over `range`, from the history store, in 60 buckets of equal time.
    func loadCharts(of name: String, range: HistoryCharts.Range) async {
        guard let store = historyStore else { return status.set(Self.noHistory) }
        let stored = fleet.historyName(name)
        guard
            let charts = try? await ChartLoader.charts(
                of: name, storedAs: stored, range: range, store: store, now: Date().timeIntervalSince1970)
        else {
            return status.set("the history store could not be read")
        }
        dialogs.set(.charts(charts))
    }

    /// The history the export dialog chose, written to `hbdeck-<bot|fleet>-<what>-<time>.<csv|json>` in the
    /// folder hbdeck was started from, with the columns of `hbdeck export`.
    func export(_ request: ExportDialog.Request) async -> String {
        guard let store = historyStore else { return Self.noHistory }
        let to = Date().timeIntervalSince1970
        let from = request.span.seconds.map { to - $0 } ?? 0
        let folder = botsFolder.map(BotsFolder.init)
        let bot = request.bot.map(fleet.historyName)
        // A bot of another host is HOST/NAME: not a slash in a file name.
        let subject = (request.bot ?? "fleet").replacingOccurrences(of: "/", with: "_")
        let file =
            FileManager.default.currentDirectoryPath
            + "/hbdeck-\(subject)-\(request.what.rawValue)-\(Int(to)).\(request.format.rawValue)"
        do {
            let table = try await HistoryExport.table(
                request.what, bot: bot, from: from, to: to, store: store, folder: folder)
            try HistoryExport.text(table, format: request.format).write(toFile: file, atomically: true, encoding: .utf8)
            return
                "exported \(table.rows.count) \(request.what.rawValue) of \(request.bot ?? "the fleet") (\(request.span.rawValue)) to \(file)"
        } catch let failure as CommandFailure {
            return failure.description
        } catch {
            return "could not export to \(file): \(error.localizedDescription)"
        }
    }
}
