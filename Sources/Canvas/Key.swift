/// A key press, decoded from the terminal.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case resize
    case function(Int)
    case control(Character)

    /// How the help screen and footer name the key.
    public var label: String {
        switch self {
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "⏎"
        case .escape: return "Esc"
        case .tab: return "⇥"
        case .backTab: return "⇤"
        case .backspace: return "⌫"
        case .delete: return "Del"
        case .resize: return "resize"
        case .function(let n): return "F\(n)"
        case .control(let c): return "^\(c)"
        }
    }
}
