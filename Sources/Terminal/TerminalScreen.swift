import CNcursesw
import CTerminalGuard
import Canvas
import Foundation

/// The real terminal, through ncursesw: draws a `CellGrid` (only the cells that changed) and reads keys.
/// Used from one thread only.
public final class TerminalScreen {
    public enum StartError: Error, CustomStringConvertible {
        case noTerminal(String)
        public var description: String {
            switch self {
            case .noTerminal(let term): return "cannot open the terminal (TERM=\(term)); try TERM=xterm-256color"
            }
        }
    }

    private var palette: TerminalPalette
    private var previous: CellGrid?
    private var screen: OpaquePointer?
    public private(set) var colors = 0

    public init(theme: Theme) {
        palette = TerminalPalette(theme: theme)
    }

    public func start() throws {
        if setlocale(LC_ALL, "") == nil || String(cString: hb_codeset()) != "UTF-8" {
            // Box drawing and ● need UTF-8; without it they come out garbled.
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
        hb_guard_save_mode()
        guard let screen = hb_newterm() else {
            throw StartError.noTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        self.screen = screen
        set_term(screen)
        cbreak()
        noecho()
        nonl()
        keypad(hb_stdscr(), true)
        // Keys are read without waiting; `wait` sleeps on the keyboard and the wake signal together.
        wtimeout(hb_stdscr(), 0)
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(hb_colors())
        }
        palette.install(colors: colors, pairs: Int(hb_color_pairs()))
        installFatalSignalGuard()
    }

    /// What `endwin` would send (attributes off, cursor shown, keypad off, alternate screen left), ready
    /// for a signal handler that may not call ncurses.
    private func installFatalSignalGuard() {
        var reset: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = tigetstr(capability), Int(bitPattern: value) > 0 {
                reset += Array(String(cString: value).utf8)
            }
        }
        if reset.isEmpty { reset = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8) }
        reset += Array("\r\n".utf8)
        reset.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { hb_guard_install($0.baseAddress, $0.count) }
        }
    }

    public func stop() {
        guard let screen else { return }
        hb_guard_remove()
        endwin()
        delscreen(screen)
        self.screen = nil
        fflush(nil)
    }

    public var size: (width: Int, height: Int) { (Int(hb_cols()), Int(hb_lines())) }

    /// Writes the cells that differ from the last frame, then lets ncurses send the difference.
    public func draw(_ grid: CellGrid) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { werase(hb_stdscr()) }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                if cell.text.isEmpty { continue }
                var wide = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                wide.append(0)
                let (attrs, pair) = palette.attributes(for: cell)
                _ = hb_put_cell(Int32(y), Int32(x), wide, attrs, pair)
            }
        }
        wnoutrefresh(hb_stdscr())
        doupdate()
        previous = grid
    }

    /// Gives the terminal back as it was before the console for the length of `work` (an editor runs in
    /// it), then takes it again; the next draw repaints everything.
    public func suspended<T>(_ work: () -> T) -> T {
        def_prog_mode()
        endwin()
        fflush(nil)
        let result = work()
        reset_prog_mode()
        clearok(hb_stdscr(), true)
        wrefresh(hb_stdscr())
        previous = nil
        return result
    }

    /// Forgets the last frame, so the next draw repaints everything (after a resize).
    public func invalidate() {
        previous = nil
    }

    /// Sleeps until a key arrives, `wake` is poked, a signal comes or `milliseconds` pass. Returns false
    /// when the terminal has gone (its input hung up without a SIGHUP), so that the caller ends.
    public func wait(for wake: WakeSignal, milliseconds: Int) -> Bool {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        guard poll(&fds, 2, Int32(max(0, milliseconds))) > 0 else { return true }
        if fds[1].revents != 0 { wake.drain() }
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }

    /// The next key already typed, or nil.
    public func readKey() -> Key? {
        var code: UInt32 = 0
        switch hb_read_key(&code) {
        case 0: return KeyDecoder.character(code)
        case 1: return KeyDecoder.function(Int32(code))
        default: return nil
        }
    }
}
