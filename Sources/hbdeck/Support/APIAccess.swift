import BackendAPI
import Foundation

/// The password of each hummingbot-api server, and its clients. Never from a flag or the config file itself:
/// `HBDECK_API_PASSWORD_<NAME>`, else `HBDECK_API_PASSWORD`, else the file `apis/<name>.password` beside the
/// config (its first line; refused when others may read it), else a prompt on the terminal.
enum APIAccess {
    static func password(
        for server: APIServer, configFolder: String?, env: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        let own = "HBDECK_API_PASSWORD_" + server.name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        if let value = env[String(own)], !value.isEmpty { return value }
        if let value = env["HBDECK_API_PASSWORD"], !value.isEmpty { return value }
        if let folder = configFolder {
            let path = folder + "/apis/\(server.name).password"
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
                let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
                guard mode & 0o077 == 0 else {
                    throw CommandFailure("\(path) may be read by others (mode \(String(mode, radix: 8))): chmod 600 it")
                }
                guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                    let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
                else { throw CommandFailure("\(path) holds no password") }
                return String(line)
            }
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure(
                "no password for hummingbot-api \(server.shown): set HBDECK_API_PASSWORD or write apis/\(server.name).password beside the config"
            )
        }
        return try PasswordInput.read(prompt: "Password of \(server.username) at \(server.baseURL): ")
    }

    /// A client for every API of `settings`, each with its password.
    static func clients(_ settings: ConsoleSettings, timeout: Double = 10) throws -> [BackendAPIClient] {
        try settings.apis.map { server in
            BackendAPIClient(
                server: server, password: try password(for: server, configFolder: settings.configFolder),
                timeout: timeout)
        }
    }
}
