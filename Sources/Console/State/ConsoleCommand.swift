/// Work the console asks the monitor to do; the key handler returns these and never does I/O itself.
public enum ConsoleCommand: Sendable, Equatable {
    case start(String)
    /// An action refused in read-only mode, for the audit log: the action's name and what it was aimed at.
    case refused(String, target: String)
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
    /// Opens the form of the instance's config values (the loop reads its files).
    case openValuesForm(String, strategy: String)
    /// Saves the values changed in the form: written into the files, or through the client's own
    /// `hbot config` when the form came from it.
    case saveValues(String, [ValuesForm.Change], viaHbot: Bool)
    /// The client's `hbot doctor` (or `hbot status`) in a running hbot bot, asked for from its details.
    case hbotDoctor(String)
    case hbotStatus(String)
    /// Applies changed strategy files to a running instance.
    case reload(String)
    /// Opens the upload dialog in the folder hbdeck was started from (the loop lists it).
    case openUpload
    /// Shows another folder in the upload dialog.
    case listFolder(String)
    /// Uploads a file into the bots folder; an existing file is replaced only when `replacing`.
    case upload(source: String, to: FilePicker.Destination, replacing: Bool)
    /// Reads an instance's history for the details screen's charts.
    case loadHistory(String, HistoryCharts.Range)
    /// Writes the history the export dialog chose to a file in the folder hbdeck was started from.
    case exportHistory(ExportDialog.Request)
    /// Opens the fleet-wide stop's chooser among the bots the table shows (the loop plans the choices: configs
    /// name the bots' exchanges).
    case openFleetStop(among: [String])
    /// Stops, safely and `stop_concurrency` at a time, those of `bots` that the choice `key` still takes.
    case fleetStop(key: String, label: String, bots: [String])
    /// Shows the audit log (the loop reads it).
    case showAudit
    /// Creates and starts the broker the config file describes.
    case createBroker
    /// The broker of `host`'s engine where several are watched (nil: the only one).
    case startBroker(host: String?)
    /// Moves the bot to `isolated` or `host` networking (stopped safely, made again, started again).
    case moveNetwork(String, to: String)
    /// Attaches the broker to the isolated bots' networks it is missing from.
    case attachBroker(host: String?)
    case stopBroker(host: String?)
    case follow(String?)
    /// Follow the same instance again: its container restarted.
    case refollow(String)
    case saveLog(String)
    /// Quit without waiting for the actions under way: each is left where it is, and said so.
    case quitNow
    case quit
}
