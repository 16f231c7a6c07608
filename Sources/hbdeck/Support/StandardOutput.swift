import Foundation
import HBModel
import Synchronization

/// Writes to stdout and stderr without buffering surprises, for text and raw log bytes.
///
/// When the reader goes away (`| head`, `| grep -m1`, `less` then `q`) the program ends at once and
/// quietly with status 141, as a program killed by SIGPIPE does: no error, no backtrace.
enum StandardOutput {
    /// Whether stdout is a terminal: bots' text is then sanitised (`TerminalSafeText`).
    static let isTerminal = isatty(STDOUT_FILENO) == 1
    static let errorIsTerminal = isatty(STDERR_FILENO) == 1

    /// Control characters are shown, not obeyed, when the output is a terminal: any line may carry a bot's
    /// strings. A pipe or file gets the bytes as they are.
    static func line(_ text: String, sanitized: Bool = true) {
        let bytes = Array((text + "\n").utf8)
        write(sanitized && isTerminal ? TerminalSafeText.sanitize(bytes) : bytes, to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        errorsSaid.withLock { $0.append(text) }
        let bytes = Array((text + "\n").utf8)
        write(errorIsTerminal ? TerminalSafeText.sanitize(bytes) : bytes, to: STDERR_FILENO)
    }

    /// What went to stderr through `error`, for the audit log's account of how a command ended.
    static let errorsSaid = Mutex<[String]>([])

    static func raw(_ bytes: [UInt8], toStandardError: Bool = false, sanitized: Bool = false) {
        let terminal = toStandardError ? errorIsTerminal : isTerminal
        write(
            sanitized && terminal ? TerminalSafeText.sanitize(bytes) : bytes,
            to: toStandardError ? STDERR_FILENO : STDOUT_FILENO)
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    if errno == EPIPE { _exit(141) }
                    return  // a closed or full stderr is not worth dying for
                }
            }
        }
    }
}
