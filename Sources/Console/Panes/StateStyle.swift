import Canvas
import HBModel

/// The role and words for states and health, shared by the table, the broker panel and the header.
enum StateStyle {
    static func role(_ state: InstanceState) -> StyleRole {
        switch state {
        case .running: return .stateRunning
        case .starting: return .stateStarting
        case .stopping: return .stateStopping
        case .stopped, .notDeployed: return .stateStopped
        case .created: return .stateCreated
        case .error: return .stateError
        }
    }

    static func role(_ health: BotHealth?) -> StyleRole {
        switch health {
        case .online?: return .healthOnline
        case .unresponsive?: return .healthUnresponsive
        default: return .healthUnknown
        }
    }

    static func label(_ health: BotHealth?) -> String {
        switch health {
        case .online?: return "online"
        case .unresponsive?: return "unresp."
        case .unknown?: return "unknown"
        case nil: return "no MQTT"
        }
    }

    static func role(_ level: LogLine.Level?) -> StyleRole {
        switch level {
        case .debug?: return .logDebug
        case .warning?: return .logWarning
        case .error?: return .logError
        default: return .logInfo
        }
    }
}
