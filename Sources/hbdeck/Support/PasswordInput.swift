import Foundation

/// Reads a password: a masked prompt on the terminal, or one line on stdin when stdin is not a terminal.
/// Never from a flag, never echoed.
enum PasswordInput {
    static func read(prompt: String) throws -> String {
        if isatty(STDIN_FILENO) == 0 {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure("no password on stdin: give it as one line")
            }
            return line
        }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        StandardOutput.raw(Array(prompt.utf8), toStandardError: true)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        let line = readLine(strippingNewline: true)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        StandardOutput.error("")
        guard let line, !line.isEmpty else { throw CommandFailure("no password given") }
        return line
    }
}
