import CTerminalGuard
import Foundation

/// Reads a password or a typed confirmation: a masked prompt on the terminal, or one line on stdin when stdin is not a terminal.
/// Never from a flag, never echoed.
enum PasswordInput {
    static func read(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) == 0 {
            guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure("no password on stdin: give it as one line")
            }
            return line
        }
        hb_prompt_guard_install()
        defer { hb_prompt_guard_remove() }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        StandardOutput.raw(Array(prompt.utf8), toStandardError: true)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        let line = Swift.readLine(strippingNewline: true)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        StandardOutput.error("")
        guard let line, !line.isEmpty else { throw CommandFailure("no password given") }
        return line
    }

    /// One visible line: from the terminal after `prompt`, else the next line of stdin ("" at its end).
    static func line(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) != 0 { StandardOutput.raw(Array(prompt.utf8), toStandardError: true) }
        return Swift.readLine(strippingNewline: true) ?? ""
    }
}
