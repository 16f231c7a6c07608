import Foundation

/// The alert book as a JSON file in hbdeck's own state folder (`.hbdeck/alerts.json`), replaced whole on each
/// change.
struct AlertBookFile {
    let path: String

    init(folder: URL) {
        path = folder.appendingPathComponent("alerts.json").path
    }

    /// The book last written, or an empty one when there is none or it does not decode.
    func read() -> AlertBook {
        guard let data = FileManager.default.contents(atPath: path) else { return AlertBook() }
        return (try? JSONDecoder().decode(AlertBook.self, from: data)) ?? AlertBook()
    }

    func write(_ book: AlertBook) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try encoder.encode(book).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
