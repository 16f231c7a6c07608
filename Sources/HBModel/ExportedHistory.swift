/// What of the recorded history an export holds: `hbdeck export --what` and the console's export dialog.
public enum ExportedHistory: String, Sendable, CaseIterable {
    case samples, runs, trades
}
