import CNcursesw
import Canvas

/// One ncurses colour pair per style role, built from the theme for the colours the terminal has.
struct TerminalPalette {
    let theme: Theme
    private var pairs: [StyleRole: Int16] = [:]

    init(theme: Theme) {
        self.theme = theme
    }

    mutating func install(colors: Int, pairs available: Int) {
        guard colors >= 8 else { return }
        for (index, role) in StyleRole.allCases.enumerated() where index + 1 < available {
            let style = theme.style(role)
            let fg = style.foreground.index(forTerminalColors: colors).map(Int16.init) ?? -1
            let bg = style.background.index(forTerminalColors: colors).map(Int16.init) ?? -1
            init_pair(Int16(index + 1), fg, bg)
            pairs[role] = Int16(index + 1)
        }
    }

    func attributes(for cell: Cell) -> (attr_t, Int16) {
        let style = theme.style(cell.role)
        var attrs = hb_a_normal()
        if style.bold || cell.bold { attrs |= hb_a_bold() }
        if style.dim { attrs |= hb_a_dim() }
        if style.reverse != cell.reverse { attrs |= hb_a_reverse() }
        if style.underline { attrs |= hb_a_underline() }
        return (attrs, pairs[cell.role] ?? 0)
    }
}
