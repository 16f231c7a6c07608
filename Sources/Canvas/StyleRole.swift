/// What a piece of the screen is, so that a theme can colour it. Panes draw roles, never colours.
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
    case text
    case dim
    case border
    case title
    case header
    case selection
    case stale
    case positive
    case negative
    case chart
    case highlight
    case footerKey = "footer.key"
    case footerText = "footer.text"
    case dialog
    case dialogTitle = "dialog.title"
    case stateRunning = "state.running"
    case stateStarting = "state.starting"
    case stateStopping = "state.stopping"
    case stateStopped = "state.stopped"
    case stateCreated = "state.created"
    case stateError = "state.error"
    case healthOnline = "health.online"
    case healthUnresponsive = "health.unresponsive"
    case healthUnknown = "health.unknown"
    case logDebug = "log.debug"
    case logInfo = "log.info"
    case logWarning = "log.warning"
    case logError = "log.error"
}
