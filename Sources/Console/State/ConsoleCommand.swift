/// Work the console asks the monitor to do; the key handler returns these and never does I/O itself.
public enum ConsoleCommand: Sendable, Equatable {
    case start(String)
    /// Ask the bot to stop over MQTT first (it cancels its orders) unless `skipBotStop`, then stop the container.
    case stop(String, skipBotStop: Bool)
    case restart(String)
    case delete(String, skipBotStop: Bool)
    /// Opens the instance's script config (`strategy`) in the operator's editor.
    case edit(String, strategy: String)
    /// Opens the create dialog with the choices the bots folder offers (the loop reads them).
    case openCreateForm
    /// Deploys what the create dialog holds.
    case create(CreateRequest)
    case startBroker
    case stopBroker
    case follow(String?)
    /// Follow the same instance again: its container restarted.
    case refollow(String)
    case saveLog(String)
    case quit
}
