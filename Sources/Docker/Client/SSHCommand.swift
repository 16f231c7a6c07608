import Foundation

/// How hbdeck runs ssh: never asking for a password on the console's terminal, giving up on a host that does not
/// answer within 10 s, with the operator's own config and agent and `HBDECK_SSH_OPTS` (split on spaces).
enum SSHCommand {
    static func options(_ env: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        (env["HBDECK_SSH_OPTS"] ?? "").split(separator: " ").map(String.init)
    }

    /// `ssh` and its options up to the host; `extra` are ssh's own `-o`/`-N` options for this use.
    static func arguments(user: String?, port: Int?, extra: [String] = [], options: [String]) -> [String] {
        ["ssh", "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"] + extra + options
            + (user.map { ["-l", $0] } ?? []) + (port.map { ["-p", String($0)] } ?? [])
    }

    /// What ssh said last on stderr: its last line that is not blank.
    static func lastLine(of said: String) -> String? {
        said.split(whereSeparator: \.isNewline).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map(String.init)
    }
}
