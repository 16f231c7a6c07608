/// How an export of the history is written.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, json
}
