import Canvas

/// Every key binding, in one place: dispatch, the help screen and the footer all read this table.
public enum Keymap {
    /// Where a key is pressed: a pane, or an overlay that takes the keys while it is open.
    public enum Context: String, Sendable, CaseIterable {
        case anywhere = "Everywhere", instances = "Instances", logs = "Log pane", details = "Details"
        case confirm = "Confirmations", orders = "Open orders (O)", errors = "Errors (E)", report = "Reports (A, hbot)"
        case form = "Forms (c, v): type to change", upload = "Upload (u)", export = "Export (X in details)"
        case fleetStop = "Stop many (X)"
        case help = "This help", quitting = "Quitting while actions run"
    }

    public struct Binding: Sendable {
        public let keys: [Key]
        public let context: Context
        public let action: KeyAction
        public let help: String
    }

    public static let bindings: [Binding] = [
        Binding(keys: [.up, .character("k")], context: .anywhere, action: .moveUp, help: "up"),
        Binding(keys: [.down, .character("j")], context: .anywhere, action: .moveDown, help: "down"),
        Binding(keys: [.pageUp], context: .anywhere, action: .pageUp, help: "page up"),
        Binding(keys: [.pageDown], context: .anywhere, action: .pageDown, help: "page down"),
        Binding(keys: [.character("g"), .home], context: .anywhere, action: .first, help: "first"),
        Binding(keys: [.character("G"), .end], context: .anywhere, action: .last, help: "last"),
        Binding(keys: [.tab], context: .anywhere, action: .nextPane, help: "next pane"),
        Binding(keys: [.character("?")], context: .anywhere, action: .help, help: "help"),
        Binding(keys: [.character("q")], context: .anywhere, action: .quit, help: "quit"),
        Binding(keys: [.enter], context: .instances, action: .details, help: "details of the instance"),
        Binding(keys: [.character("/")], context: .instances, action: .filter, help: "filter by name or state"),
        Binding(keys: [.character("o")], context: .instances, action: .cycleSort, help: "sort: name/state/P&L/CPU…"),
        Binding(keys: [.character("s")], context: .instances, action: .start, help: "start"),
        Binding(keys: [.character("x")], context: .instances, action: .stop, help: "stop: bot, then container"),
        Binding(keys: [.character("R")], context: .instances, action: .restart, help: "restart"),
        Binding(keys: [.character("D")], context: .instances, action: .delete, help: "delete, archive folder"),
        Binding(keys: [.character("e")], context: .instances, action: .edit, help: "edit config in $EDITOR"),
        Binding(keys: [.character("v")], context: .instances, action: .values, help: "change values in a form"),
        Binding(keys: [.character("r")], context: .instances, action: .reload, help: "reload strategy files"),
        Binding(keys: [.character("N")], context: .instances, action: .network, help: "network: host ⇄ isolated"),
        Binding(keys: [.character("u")], context: .instances, action: .upload, help: "upload script or config"),
        Binding(keys: [.character("c")], context: .instances, action: .create, help: "create a bot"),
        Binding(keys: [.character("b")], context: .instances, action: .broker, help: "broker start/stop"),
        Binding(keys: [.character("l")], context: .instances, action: .brokerLog, help: "broker's log on/off"),
        Binding(keys: [.character("O")], context: .instances, action: .orders, help: "every bot's open orders"),
        Binding(keys: [.character("E")], context: .instances, action: .errors, help: "every bot's errors"),
        Binding(keys: [.character("A")], context: .instances, action: .audit, help: "audit log"),
        Binding(
            keys: [.character("X")], context: .instances, action: .fleetStop,
            help: "stop many: by exchange, host, strategy, all"),
        Binding(keys: [.character("f")], context: .logs, action: .toggleFollow, help: "follow / pause"),
        Binding(keys: [.character("w")], context: .logs, action: .toggleWrap, help: "wrap"),
        Binding(keys: [.character("t")], context: .logs, action: .toggleTimestamps, help: "timestamps"),
        Binding(keys: [.character("e")], context: .logs, action: .toggleErrorsOnly, help: "errors only"),
        Binding(keys: [.character("/")], context: .logs, action: .search, help: "search"),
        Binding(keys: [.character("n")], context: .logs, action: .nextMatch, help: "older match"),
        Binding(keys: [.character("N")], context: .logs, action: .previousMatch, help: "newer match"),
        Binding(keys: [.character("S")], context: .logs, action: .saveLog, help: "save log to a file"),
        Binding(keys: [.character("h")], context: .details, action: .chartRange, help: "charts: live/1h/24h/7d"),
        Binding(keys: [.character("X")], context: .details, action: .exportHistory, help: "export history (CSV/JSON)"),
        Binding(keys: [.character("d")], context: .details, action: .hbotDoctor, help: "hbot doctor (hbot bots)"),
        Binding(keys: [.character("t")], context: .details, action: .hbotStatus, help: "hbot status (hbot bots)"),
        Binding(
            keys: [.escape, .character("q"), .enter, .character("?")], context: .details, action: .close, help: "close"),
        Binding(keys: [.character("y"), .character("Y")], context: .confirm, action: .confirm, help: "do it"),
        Binding(
            keys: [.character("n"), .character("N"), .escape, .character("q")], context: .confirm, action: .cancel,
            help: "cancel"),
        Binding(keys: [.down, .character("j")], context: .orders, action: .moveDown, help: "down"),
        Binding(keys: [.up, .character("k")], context: .orders, action: .moveUp, help: "up"),
        Binding(keys: [.pageDown], context: .orders, action: .pageDown, help: "page down"),
        Binding(keys: [.pageUp], context: .orders, action: .pageUp, help: "page up"),
        Binding(keys: [.home, .character("g")], context: .orders, action: .first, help: "first"),
        Binding(keys: [.character("o")], context: .orders, action: .cycleSort, help: "sort: age/bot/exchange…"),
        Binding(keys: [.character("/")], context: .orders, action: .filter, help: "filter: bot/pair/exchange"),
        Binding(keys: [.escape, .character("q"), .character("O")], context: .orders, action: .close, help: "close"),
        Binding(keys: [.down, .character("j")], context: .errors, action: .moveDown, help: "next error"),
        Binding(keys: [.up, .character("k")], context: .errors, action: .moveUp, help: "previous error"),
        Binding(keys: [.enter], context: .errors, action: .expand, help: "whole record, traceback"),
        Binding(keys: [.character("a")], context: .errors, action: .acknowledge, help: "acknowledge all seen"),
        Binding(keys: [.escape, .character("q"), .character("E")], context: .errors, action: .close, help: "close"),
        Binding(keys: [.down], context: .report, action: .moveDown, help: "scroll down"),
        Binding(keys: [.up], context: .report, action: .moveUp, help: "scroll up"),
        Binding(keys: [.escape, .enter, .character("q")], context: .report, action: .close, help: "close"),
        Binding(keys: [.tab, .down], context: .form, action: .moveDown, help: "next field"),
        Binding(keys: [.backTab, .up], context: .form, action: .moveUp, help: "previous field"),
        Binding(keys: [.pageDown], context: .form, action: .pageDown, help: "10 fields down"),
        Binding(keys: [.pageUp], context: .form, action: .pageUp, help: "10 fields up"),
        Binding(keys: [.right], context: .form, action: .nextChoice, help: "next choice"),
        Binding(keys: [.left], context: .form, action: .previousChoice, help: "previous choice"),
        Binding(keys: [.backspace, .delete], context: .form, action: .erase, help: "erase a character"),
        Binding(keys: [.control("u")], context: .form, action: .revert, help: "value as it was (v)"),
        Binding(keys: [.enter], context: .form, action: .confirm, help: "create / save"),
        Binding(keys: [.escape], context: .form, action: .cancel, help: "close, nothing saved"),
        Binding(keys: [.down, .tab], context: .upload, action: .moveDown, help: "next file"),
        Binding(keys: [.up], context: .upload, action: .moveUp, help: "previous file"),
        Binding(keys: [.pageDown], context: .upload, action: .pageDown, help: "page down"),
        Binding(keys: [.pageUp], context: .upload, action: .pageUp, help: "page up"),
        Binding(keys: [.home], context: .upload, action: .first, help: "first"),
        Binding(keys: [.end], context: .upload, action: .last, help: "last"),
        Binding(keys: [.right], context: .upload, action: .nextChoice, help: "where it goes: next"),
        Binding(keys: [.left], context: .upload, action: .previousChoice, help: "where it goes: previous"),
        Binding(keys: [.backspace], context: .upload, action: .parentFolder, help: "the folder above"),
        Binding(keys: [.enter], context: .upload, action: .confirm, help: "open folder / upload"),
        Binding(keys: [.escape], context: .upload, action: .cancel, help: "close, nothing uploaded"),
        Binding(keys: [.down, .character("j"), .tab], context: .export, action: .moveDown, help: "next row"),
        Binding(keys: [.up, .character("k")], context: .export, action: .moveUp, help: "previous row"),
        Binding(
            keys: [.right, .character("l"), .character(" ")], context: .export, action: .nextChoice, help: "next value"),
        Binding(keys: [.left, .character("h")], context: .export, action: .previousChoice, help: "previous value"),
        Binding(keys: [.enter], context: .export, action: .confirm, help: "write the file"),
        Binding(keys: [.escape], context: .export, action: .cancel, help: "back to the details"),
        Binding(keys: [.down, .character("j")], context: .fleetStop, action: .moveDown, help: "next choice"),
        Binding(keys: [.up, .character("k")], context: .fleetStop, action: .moveUp, help: "previous choice"),
        Binding(keys: [.enter], context: .fleetStop, action: .confirm, help: "these bots: confirm"),
        Binding(keys: [.escape, .character("q")], context: .fleetStop, action: .close, help: "close, nothing stopped"),
        Binding(keys: [.down, .character("j")], context: .help, action: .moveDown, help: "scroll down"),
        Binding(keys: [.up, .character("k")], context: .help, action: .moveUp, help: "scroll up"),
        Binding(
            keys: [.escape, .character("?"), .character("q"), .enter], context: .help, action: .close,
            help: "close this help"),
        Binding(keys: [.character("q")], context: .quitting, action: .quitNow, help: "quit now, leave them"),
    ]

    /// The bindings of one context, in the table's order.
    public static func bindings(in context: Context) -> [Binding] {
        bindings.filter { $0.context == context }
    }

    /// The action for a key in an overlay's own context, with no fallback to the global keys.
    public static func overlayAction(for key: Key, in context: Context) -> KeyAction? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.action
    }

    /// The action for a key in the focused pane; pane bindings win over global ones.
    public static func action(for key: Key, in context: Context) -> KeyAction? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.action
            ?? bindings.first { $0.context == .anywhere && $0.keys.contains(key) }?.action
    }

    /// The footer's short list for a pane.
    public static func footer(for context: Context) -> [(String, String)] {
        let wanted: [KeyAction] =
            context == .logs
            ? [
                .help, .toggleFollow, .toggleWrap, .toggleTimestamps, .toggleErrorsOnly, .search, .saveLog, .nextPane,
                .quit,
            ]
            : [.help, .create, .start, .stop, .restart, .delete, .broker, .filter, .nextPane, .quit]
        return wanted.compactMap { action in
            bindings.first { $0.action == action && ($0.context == context || $0.context == .anywhere) }.map {
                ($0.keys[0].label, shortName(action) ?? $0.help)
            }
        }
    }

    private static func shortName(_ action: KeyAction) -> String? {
        switch action {
        case .stop: return "stop"
        case .delete: return "delete"
        case .create: return "create"
        case .broker: return "broker"
        case .filter: return "filter"
        case .nextPane: return "pane"
        case .toggleFollow: return "follow"
        case .toggleErrorsOnly: return "errors"
        case .saveLog: return "save"
        default: return nil
        }
    }
}
