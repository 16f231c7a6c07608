import Foundation

/// A hummingbot-api server as the operator names it: `--api URL` or an `apis:` entry of the config.
public struct APIServer: Sendable, Equatable {
    /// The name shown in the HOST column (`apis: ops=URL`), or the URL's host for `--api URL`.
    public let name: String
    /// `http://HOST:PORT` with any path prefix, without a trailing slash and without a user.
    public let baseURL: String
    /// The basic-auth user (the API's `USERNAME`): the URL's user, else `admin`, as the API's default.
    public let username: String

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notHTTP(String)
        case passwordInURL
        case noHost(String)

        public var description: String {
            switch self {
            case .notHTTP(let text): return "\(text): an API address is http://HOST:PORT or https://HOST:PORT"
            case .passwordInURL:
                return
                    "a password in the API's address would be seen in ps and the shell's history: put it in HBDECK_API_PASSWORD or a file"
            case .noHost(let text): return "\(text): no host in the API's address"
            }
        }
    }

    /// Reads `http[s]://[USER@]HOST[:PORT][/PREFIX]`.
    public init(name: String? = nil, url text: String) throws(ParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme)
        else { throw .notHTTP(trimmed) }
        guard components.password == nil else { throw .passwordInURL }
        guard let host = components.host, !host.isEmpty else { throw .noHost(trimmed) }
        let port = components.port.map { ":\($0)" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        self.baseURL = "\(scheme)://\(shownHost)\(port)\(path)"
        self.username = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "admin"
        self.name = name ?? "\(host)\(port)"
    }

    /// What the screen and errors call it: `ops (http://10.0.0.5:8000)`.
    public var shown: String { name == baseURL ? baseURL : "\(name) (\(baseURL))" }
}
