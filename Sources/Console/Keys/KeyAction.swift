/// Everything a key can do. `Keymap` binds keys to these; the help screen is generated from it.
public enum KeyAction: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, first, last
    case nextPane
    case filter
    case cycleSort
    case start, stop, restart, delete, broker, brokerLog, edit, create, reload, values, upload, network
    case help, quit, quitNow, details
    case toggleFollow, toggleWrap, toggleTimestamps, toggleErrorsOnly
    case search, nextMatch, previousMatch, saveLog
    case hbotDoctor, hbotStatus, chartRange, exportHistory
    case audit, orders, errors, fleetStop
    /// Keys of the overlays: close one, answer a confirmation, open or acknowledge an error.
    case close, confirm, cancel, expand, acknowledge
    /// Keys of the forms and dialogs: choices, erasing, putting a value back, the folder above.
    case nextChoice, previousChoice, erase, revert, parentFolder
}
